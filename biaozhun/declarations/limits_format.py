"""The limits table as a file (docs/declarations-import.md, "标准指标限值表"): one XLSX sheet, the headings in row 1, one limit
per row from row 2. Reading goes through core/sheet_upload.py (the safe readers); the template is written by the safe
writer (core/spreadsheets.py), with the table's current rows so that an administrator can edit them and import them
back."""

from __future__ import annotations

from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.core.sheet_upload import SheetSpec, UploadError, read_sheet_rows  # noqa: F401 (UploadError: for callers)
from biaozhun.core.spreadsheets import Workbook

from .models import LimitComparator, MandatoryIndicator
from .services.limits import ImportRow, LimitInput

UPLOAD_SETTING = "BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES"
MAX_ROWS = 5000
# field → heading (the template's Chinese headings; the field names are accepted as headings too).
COLUMNS = {
    "standard_number": gettext_lazy("标准号"),
    "clause": gettext_lazy("条款"),
    "scope_keywords": gettext_lazy("适用产品关键词"),
    "indicator_name": gettext_lazy("指标名称"),
    "aliases": gettext_lazy("指标别名"),
    "unit": gettext_lazy("单位"),
    "comparator": gettext_lazy("要求"),
    "limit_value": gettext_lazy("限值"),
    "note": gettext_lazy("说明"),
    "verified": gettext_lazy("已核对原文"),
    "active": gettext_lazy("启用"),
}
REQUIRED = ("standard_number", "clause", "indicator_name", "comparator", "limit_value")
SHEET = gettext_lazy("标准指标限值")
SPEC = SheetSpec(columns=COLUMNS, required=REQUIRED, label=gettext_lazy("限值文件"), max_rows=MAX_ROWS,
                 upload_setting=UPLOAD_SETTING, too_many=gettext_lazy("文件超过 %(max)s 个限值行；请分成几个文件导入。"))
headings = SPEC.headings
upload_limits = SPEC.upload_limits


def read_limit_rows(source: bytes | IO[bytes], name: str = "") -> list[ImportRow]:
    """The rows of an uploaded limits file, each with its row number; UploadError when it cannot be read."""
    rows = []
    for line, values in read_sheet_rows(SPEC, source, name):
        data = LimitInput(**values)
        if "active" not in values:
            data.active = True
        rows.append(ImportRow(line=line, data=data))
    return rows


def _number(value: Decimal) -> float | str:
    """A number cell when a float holds the value exactly, else its text (read back the same)."""
    return float(value) if Decimal(repr(float(value))) == value else format(value.normalize(), "f")


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def template_xlsx(limits: list[MandatoryIndicator] | None = None) -> bytes:
    """The import template: the headings and, when given, the table's rows (an example row when there are none)."""
    workbook = Workbook()
    sheet = workbook.sheet(str(SHEET))
    sheet.worksheet.freeze_panes = "A2"
    sheet.append([str(heading) for heading in COLUMNS.values()])
    signs = {LimitComparator.AT_MOST: "≤", LimitComparator.AT_LEAST: "≥"}
    for limit in limits or []:
        sheet.append([limit.standard_number, limit.clause, "；".join(limit.scope_keywords or []),
                      limit.indicator_name, "；".join(limit.aliases or []), limit.unit, signs[limit.comparator],
                      _number(limit.limit_value),
                      limit.note, _yes_no(limit.verified), _yes_no(limit.active)])
    if not limits:
        sheet.append(["GB 19147-2016", _("技术要求（硫含量）"), _("车用柴油"), _("硫含量"), _("硫；含硫量"), "mg/kg", "≤", 10,
                      "", _("否"), _("是")])
    for column, width in zip("ABCDEFGHIJK", (18, 24, 20, 18, 16, 8, 6, 10, 30, 10, 6), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    return workbook.to_bytes()
