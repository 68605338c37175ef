"""The batch filing format (docs/filing-batch.md): the catalogue interchange fields (docs/catalog-jsonl.md) plus the
filing's own fields, the column headers a spreadsheet may use for them, and the template XLSX offered for download
(written through core/spreadsheets.py, so no example text becomes a formula)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.catalog.records import FIELDS as CATALOGUE_FIELDS
from biaozhun.core.spreadsheets import Workbook

# The fields a filing carries besides the catalogue record.
FILING_FIELDS = ("approved_by", "notice_number", "notice_date", "text_file")
FIELDS = (*CATALOGUE_FIELDS, *FILING_FIELDS)
REQUIRED = ("identifier", "title_zh", "published_on", "approved_by", "notice_number", "notice_date", "text_file")

LABELS: dict[str, Promise] = {
    "identifier": gettext_lazy("标准号"),
    "title_zh": gettext_lazy("中文标准名称"),
    "title_en": gettext_lazy("英文标准名称"),
    "scope": gettext_lazy("适用范围"),
    "ccs": gettext_lazy("中国标准文献分类号"),
    "ics": gettext_lazy("国际标准分类号"),
    "issued_by": gettext_lazy("发布单位"),
    "competent_department": gettext_lazy("主管部门"),
    "responsible_unit": gettext_lazy("归口单位"),
    "tc_code": gettext_lazy("技术委员会代号"),
    "published_on": gettext_lazy("发布日期"),
    "implemented_on": gettext_lazy("实施日期"),
    "abolished_on": gettext_lazy("废止日期"),
    "confirmed_on": gettext_lazy("复审确认日期"),
    "replaces": gettext_lazy("代替标准号"),
    "adopts": gettext_lazy("采用国际标准"),
    "references": gettext_lazy("规范性引用文件"),
    "converted_to": gettext_lazy("转化为"),
    "amendments": gettext_lazy("修改单"),
    "language_versions": gettext_lazy("其他语种版本"),
    "drafting_units": gettext_lazy("起草单位"),
    "drafters": gettext_lazy("起草人"),
    "plan_number": gettext_lazy("计划号"),
    "industry_classes": gettext_lazy("国民经济行业分类"),
    "remarks": gettext_lazy("备注"),
    "approved_by": gettext_lazy("批准发布部门"),
    "notice_number": gettext_lazy("批准发布公告号"),
    "notice_date": gettext_lazy("公告日期"),
    "text_file": gettext_lazy("标准文本文件名"),
}
assert set(LABELS) == set(FIELDS), "every batch field needs its label"

# The template's columns (any other field of FIELDS may be added as a column) and its example row.
TEMPLATE_FIELDS = (
    "identifier", "title_zh", "title_en", "scope", "ccs", "ics", "published_on", "implemented_on", "replaces",
    "adopts", "plan_number", "drafting_units", "drafters", "industry_classes", "responsible_unit", "approved_by",
    "notice_number", "notice_date", "text_file", "remarks",
)
EXAMPLE = {
    "identifier": "DB32/T 4321-2023", "title_zh": "电动汽车充电站运营服务规范",
    "title_en": "Specification for operation service of electric vehicle charging stations",
    "scope": "本文件规定了电动汽车充电站运营服务的基本要求、服务内容、服务质量和评价改进。本文件适用于江苏省行政区域内"
             "电动汽车充电站的运营服务。",
    "ccs": "T47", "ics": "43.120", "published_on": date(2023, 5, 10), "implemented_on": date(2023, 6, 10),
    "replaces": "DB32/T 3001-2016", "adopts": "", "plan_number": "", "drafting_units": "江苏省标准化研究院;国网江苏省电力有限公司",
    "drafters": "张明;李华", "industry_classes": "D44", "responsible_unit": "江苏省能源标准化技术委员会",
    "approved_by": "江苏省市场监督管理局", "notice_number": "2023年第5号", "notice_date": date(2023, 5, 10),
    "text_file": "DB32T 4321-2023.pdf", "remarks": "",
}

_BY_LABEL = {str(label): name for name, label in LABELS.items()}  # the Chinese labels, as written in the source
_NAME_IN_BRACKETS = re.compile(r"[（(]\s*([A-Za-z_]+)\s*[)）]\s*$")


def header_label(name: str) -> str:
    """A column header of the template: the label in the reader's language and the field name, 标准号（identifier）."""
    return _("%(label)s（%(field)s）") % {"label": LABELS[name], "field": name}


def field_of_header(cell: Any) -> str | None:
    """The field a header cell names: the field name itself, a label followed by the field name in brackets (any
    language), or the Chinese label alone; None for anything else ("" for an empty cell)."""
    text = " ".join(str(cell or "").split())
    if not text:
        return ""
    if text in FIELDS:
        return text
    match = _NAME_IN_BRACKETS.search(text)
    if match and match.group(1) in FIELDS:
        return match.group(1)
    return _BY_LABEL.get(text)


def template_xlsx(example: dict[str, Any] | None = None) -> bytes:
    """The template: a sheet with the headers and one example row, and a sheet explaining every field."""
    example = EXAMPLE if example is None else example
    book = Workbook()
    sheet = book.sheet(_("备案"))
    header = sheet.append([header_label(name) for name in TEMPLATE_FIELDS])
    sheet.append([example.get(name, "") for name in TEMPLATE_FIELDS])
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for column, cell in enumerate(header, start=1):
        cell.font = Font(bold=True, color="C00000" if TEMPLATE_FIELDS[column - 1] in REQUIRED else None)
        sheet.worksheet.column_dimensions[get_column_letter(column)].width = 22
    sheet.worksheet.freeze_panes = "A2"
    notes = book.sheet(_("填写说明"))
    notes.append([_("字段"), _("名称"), _("必填"), _("说明")])
    for name in FIELDS:
        notes.append([name, str(LABELS[name]), _("是") if name in REQUIRED else "", str(_NOTES.get(name, ""))])
    for column, width in zip("ABCD", (20, 22, 8, 90), strict=True):
        notes.worksheet.column_dimensions[column].width = width
    return book.to_bytes()


_NOTES: dict[str, Promise] = {
    "identifier": gettext_lazy("行业标准或地方标准的标准号，如 DB32/T 4321-2023、JB/T 10001-2023"),
    "published_on": gettext_lazy("日期写作 2023-05-10，或使用表格的日期格式"),
    "implemented_on": gettext_lazy("不早于发布日期"),
    "ics": gettext_lazy("多个以英文分号 ; 分隔，第一个为主分类"),
    "replaces": gettext_lazy("被代替的标准号，多个以 ; 分隔"),
    "drafting_units": gettext_lazy("按标准文本中的顺序，多个以 ; 分隔"),
    "drafters": gettext_lazy("按标准文本中的顺序，多个以 ; 分隔"),
    "industry_classes": gettext_lazy("GB/T 4754-2017 的门类、大类或中类代码，如 C384；多个以 ; 分隔"),
    "approved_by": gettext_lazy("批准发布该标准的部门"),
    "notice_number": gettext_lazy("批准发布公告的编号，如 2023年第5号"),
    "notice_date": gettext_lazy("批准发布公告的日期"),
    "text_file": gettext_lazy("该标准 PDF 文本在 ZIP 压缩包中的文件名，如 DB32T 4321-2023.pdf；每个文本只对应一行"),
    "remarks": gettext_lazy("最多 2000 字"),
}


def split_row(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A row as (the catalogue record, the filing fields)."""
    record = {k: v for k, v in raw.items() if k not in FILING_FIELDS}
    return record, {k: raw.get(k) for k in FILING_FIELDS}
