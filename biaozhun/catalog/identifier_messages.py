"""What is wrong with a standard number, in the reader's language.

biaozhun.identifiers is pure Python: its IdentifierError says in English where the parse failed (``str()``, for
the command line and logs) and carries a stable ``code`` with its ``params``. Pages, spreadsheets and the API
show people this translation instead: the character (counted from 1, in the number as written after
normalisation), what should be there, and what is there instead.

    identifier_message(error)  →  "第 12 个字符处应为年代号（如 2016），实际为“20”"
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.identifiers import IdentifierError

# code → message; %(n)s is the character (from 1), other keys come from the error's params. Messages that say
# what was expected go on with what was found; those that explain a rule stand alone.
EXPECTED = {
    "trailing_text": gettext_lazy("第 %(n)s 个字符处标准号应已结束"),
    "standard_code": gettext_lazy("第 %(n)s 个字符处应为标准代号，如 GB/T、行业标准代号、DB、T/、Q/、ISO 或 IEC"),
    "number": gettext_lazy("第 %(n)s 个字符处“%(prefix)s”之后应为标准顺序号"),
    "part_number": gettext_lazy("第 %(n)s 个字符处“.”之后应为部分号"),
    "year": gettext_lazy("第 %(n)s 个字符处应为年代号（如 2016；两位数年代号只用于 1950—1999 年）"),
    "region_code_length": gettext_lazy("第 %(n)s 个字符处应为 2 位省级或 4 位地市级行政区划代码"),
    "slash_after_region": gettext_lazy("第 %(n)s 个字符处行政区划代码之后应为“/”"),
    "organisation_code": gettext_lazy("第 %(n)s 个字符处应为团体或企业代号"),
    "adoption_after_idt": gettext_lazy("第 %(n)s 个字符处 IDT 之后应为 ISO 或 IEC 标准号"),
    "closing_parenthesis": gettext_lazy("第 %(n)s 个字符处应为右括号“)”"),
    "xg_number": gettext_lazy("第 %(n)s 个字符处 /XG 之后应为修改单序号"),
    "amendment_number": gettext_lazy("第 %(n)s 个字符处应为修正案序号"),
    "amendment_year": gettext_lazy("第 %(n)s 个字符处应为“:”和修正案的年代号"),
    "consolidation_amd": gettext_lazy("第 %(n)s 个字符处“+”之后应为 AMD"),
    "edition_number": gettext_lazy("第 %(n)s 个字符处 ED 之后应为版次号，如 ED2"),
}
RULES = {
    "empty": gettext_lazy("请填写标准号，如 GB/T 19001-2016"),
    "unknown_industry_code": gettext_lazy("第 %(n)s 个字符处的行业标准代号“%(industry_code)s”不存在，请核对代号"),
    "unknown_region_code": gettext_lazy("第 %(n)s 个字符处的行政区划代码“%(region_code)s”不存在，请核对代码"),
    "all_parts_after_dated": gettext_lazy("第 %(n)s 个字符处：“(所有部分)”只能跟在不带年代号的标准号之后"),
    "adoption_not_idt": gettext_lazy("第 %(n)s 个字符处应为“, IDT)”：只有等同采用（IDT）国际标准才使用双编号"),
    "xg_undated": gettext_lazy("第 %(n)s 个字符处：修改单（/XG）只能跟在带年代号的标准号之后"),
    "stage_with_amendment": gettext_lazy("第 %(n)s 个字符处：草案阶段的国际标准不能带修正案"),
    "amendment_undated": gettext_lazy("第 %(n)s 个字符处：修正案只能跟在带年代号的标准号之后"),
    "consolidation_undated": gettext_lazy("第 %(n)s 个字符处：“+AMD”合并版只能跟在带年代号的 IEC 标准号之后"),
    "draft_amendment_last": gettext_lazy("第 %(n)s 个字符处：修正案草案只能位于标准号的最后"),
    "year_without_number": gettext_lazy("第 %(n)s 个字符处：“%(prefix)s”之后只有年代号，缺少标准顺序号"),
    "part_range": gettext_lazy(
        "第 %(n)s 个字符处：这是一组部分（共 %(count)s 项：%(parts)s），不是一项标准；请每个部分单列一条"),
    "part_range_order": gettext_lazy("第 %(n)s 个字符处：部分号范围应由小到大，如 .1~7"),
    "committee_document": gettext_lazy(
        "“%(document)s”是 %(committee)s 的工作文件，不是标准；请填写该委员会已发布的标准号，如 ISO 9001:2015"),
    "committee": gettext_lazy("“%(committee)s”是委员会的名称，不是标准；请填写该委员会发布的标准号，如 ISO 9001:2015"),
    "directives": gettext_lazy("“%(name)s”是 ISO/IEC 导则（制定标准的工作程序），不是标准；请填写标准号，如 ISO 9001:2015"),
    "iteration_without_stage": gettext_lazy(
        "第 %(n)s 个字符处：只有草案才带轮次号（如 ISO/DIS 12345.2），已发布的标准号中不应有“.2”"),
    "regional_adoption": gettext_lazy(
        "“%(prefix)s”开头的是欧洲标准对 %(adopted)s 的采用，不是 ISO/IEC 标准号；请填写 %(adopted)s"),
    "other_publisher": gettext_lazy(
        "“%(document)s”是 %(publisher)s 发布的文件，不是 ISO/IEC 标准；请填写 ISO 或 IEC 标准号，如 ISO 9001:2015"),
    "conformity_assessment": gettext_lazy(
        "“%(document)s”是 IEC 合格评定体系 %(system)s 的文件，不是标准；请填写标准号，如 IEC 60335-1:2020"),
    "language": gettext_lazy("第 %(n)s 个字符处的语种代码“%(language)s”无法识别，请使用 en、fr、ru 或 E、F、R"),
}


def identifier_message(error: IdentifierError) -> str:
    """The error in the active language: where (character from 1), what should be there, what is there."""
    values = {**error.params, "n": error.position + 1}
    if error.code in RULES:
        return str(RULES[error.code]) % values
    if error.code not in EXPECTED:
        return _("第 %(n)s 个字符处标准号格式有误") % values
    where = str(EXPECTED[error.code]) % values
    if error.found is None:
        return _("%(where)s，但标准号已结束") % {"where": where}
    found = _("空格") if error.found == " " else error.found
    return _("%(where)s，实际为“%(found)s”") % {"where": where, "found": found}


def invalid_number_message(text: str, error: IdentifierError) -> str:
    """“GB/T 1-20”不是有效的标准号：… — for a list of numbers where the reader must see which one."""
    return _("“%(text)s”不是有效的标准号：%(error)s") % {"text": text, "error": identifier_message(error)}
