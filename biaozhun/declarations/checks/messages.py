"""The checks' findings in words a person acts on, in the reader's language. Findings are stored as code + params
(rules/declaration_checks.py); the sentence is made when it is shown."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.catalog.models import Status
from biaozhun.rules.declaration_checks import CheckCode

LABELS = {
    CheckCode.MISSING_FIELD: gettext_lazy("必填项"),
    CheckCode.BAD_NUMBER: gettext_lazy("标准编号"),
    CheckCode.UNKNOWN_STANDARD: gettext_lazy("标准不存在"),
    CheckCode.NOT_CURRENT: gettext_lazy("标准非现行"),
    CheckCode.UPCOMING: gettext_lazy("标准尚未实施"),
    CheckCode.NO_DISCLOSURE: gettext_lazy("未公开文本或指标"),
    CheckCode.BELOW_MANDATORY: gettext_lazy("低于强制性国家标准"),
    CheckCode.BELOW_RECOMMENDED: gettext_lazy("低于所参照的推荐性标准"),
    CheckCode.OBSOLETE_TECHNOLOGY: gettext_lazy("淘汰落后技术"),
}
FIELD_NAMES = {
    "identifier": gettext_lazy("标准号"),
    "title": gettext_lazy("标准名称"),
    "products": gettext_lazy("产品"),
    "fulltext": gettext_lazy("标准文本"),
    "indicators": gettext_lazy("指标表"),
    "reference_standards": gettext_lazy("参照的推荐性标准"),
    "name": gettext_lazy("指标名称"),
    "unit": gettext_lazy("单位"),
    "comparator": gettext_lazy("要求"),
    "lower": gettext_lazy("数值（下限）"),
    "upper": gettext_lazy("数值（上限）"),
    "text": gettext_lazy("文字描述"),
    "category": gettext_lazy("类别"),
}
PROBLEMS = {
    "required": gettext_lazy("请填写%(field)s。"),
    "choice": gettext_lazy("%(field)s的取值无效，请从列表中选择。"),
    "not_a_number": gettext_lazy("%(field)s应为数字，如 10 或 0.05。"),
    "value_required": gettext_lazy("请填写%(field)s的数值。"),
    "range_required": gettext_lazy("“范围”须同时填写下限和上限。"),
    "range_order": gettext_lazy("下限大于上限，请检查两个数值。"),
    "text_required": gettext_lazy("“文字描述”的指标请填写描述内容。"),
    "too_many": gettext_lazy("指标表最多 %(limit)s 行，请合并或删减。"),
}
BAD_NUMBER = {
    "not_enterprise": gettext_lazy("“%(number)s”不是企业标准编号。执行本企业标准时，编号应为 Q/企业代号 顺序号-年代号，"
                                   "如 Q/ABC 001-2025；执行其他标准请选择“执行国家、行业、地方或团体标准”。"),
    "enterprise_as_catalogue": gettext_lazy("“%(number)s”是企业标准编号，请选择“执行本企业标准”，并公开其文本或指标表。"),
    "not_catalogue_tier": gettext_lazy("“%(number)s”不是国家、行业、地方或团体标准；国际标准请先查找采用它的国家标准。"),
    "year_missing": gettext_lazy("“%(number)s”缺少年代号；请写出所执行的版本，如 GB 19147-2016。"),
    "other_enterprise": gettext_lazy("“%(number)s”中的企业代号“%(org_code)s”不是本企业的代号；可用的代号：%(codes)s。"
                                     "如需使用其他代号，请先在企业信息中填写企业标准代号。"),
}
_INDICATOR_FIELD = re.compile(r"^indicators\[(\d+)\]\.(\w+)$")


def label(code: str) -> str:
    try:
        return str(LABELS[CheckCode(code)])
    except ValueError:
        return code


def field_label(name: str) -> str:
    """“标准号”, “指标表第 2 行的单位”: a finding's field as a person reads it."""
    match = _INDICATOR_FIELD.match(name or "")
    if match:
        return _("指标表第 %(row)s 行的%(field)s") % {"row": match.group(1),
                                                 "field": FIELD_NAMES.get(match.group(2), match.group(2))}
    return str(FIELD_NAMES.get(name, name))


def sentence(item: dict[str, Any]) -> str:
    """What was found and what to do, in the active language."""
    code, params = item.get("code", ""), item.get("params") or {}
    if code == CheckCode.MISSING_FIELD:
        template = PROBLEMS.get(params.get("problem", "required"), PROBLEMS["required"])
        return str(template) % {"field": field_label(params.get("field", "")), "limit": params.get("limit", "")}
    if code == CheckCode.BAD_NUMBER:
        if params.get("detail"):
            return _("“%(number)s”不是有效的标准号：%(detail)s。") % params
        template = BAD_NUMBER.get(params.get("reason", ""))
        values = {**params, "codes": "、".join(params.get("codes") or ()) or _("（尚未填写）")}
        return str(template) % values if template else _("“%(number)s”不是有效的标准号。") % params
    if code == CheckCode.UNKNOWN_STANDARD:
        return _("标准目录中没有 %(number)s。请核对标准号和年代号（可在“标准查新”中查询）；团体标准须先在团体标准信息平台公布。") % params
    if code == CheckCode.NOT_CURRENT:
        status = Status(params["status"]).label if params.get("status") in Status.values else params.get("status")
        if params.get("current"):
            return _("%(number)s 已%(status)s，现行版本为 %(current)s。请改为执行现行版本，并修改本声明。") % {
                **params, "status": status}
        return _("%(number)s 已%(status)s，目录中没有代替它的现行标准。请改为执行现行有效的标准，并修改本声明。") % {
            **params, "status": status}
    if code == CheckCode.UPCOMING:
        return _("%(number)s 尚未实施（实施日期 %(implemented_on)s）。实施前仍应执行现行标准。") % params
    if code == CheckCode.NO_DISCLOSURE:
        return _("执行本企业标准时，须公开标准文本（PDF）或功能、性能指标表，至少其一。")
    if code in (CheckCode.BELOW_MANDATORY, CheckCode.BELOW_RECOMMENDED):
        values = {**params, "unverified": "" if params.get("verified", True) else _("（该限值尚待核对）")}
        if code == CheckCode.BELOW_MANDATORY:
            return _("指标表第 %(position)s 行“%(indicator)s”声明为 %(declared)s，低于强制性国家标准 %(standard)s %(clause)s "
                     "的要求 %(limit)s%(unverified)s。企业标准的技术要求不得低于强制性国家标准，请修改指标和企业标准。") % values
        return _("指标表第 %(position)s 行“%(indicator)s”声明为 %(declared)s，低于所参照的推荐性标准 %(standard)s %(clause)s "
                 "的 %(limit)s%(unverified)s。请核实是否有意低于该标准。") % values
    return label(code)


def problems(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings as a ValidationFailed's problems: {"field", "message", "code"} (and "line" for bulk rows)."""
    return [{"field": (f.get("params") or {}).get("field", ""), "message": sentence(f), "code": f["code"]}
            for f in findings]
