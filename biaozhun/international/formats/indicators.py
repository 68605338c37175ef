"""A comparison's indicators as a file: the import (one XLSX sheet, the headings in row 1, one indicator per row
from row 2, read through core/sheet_upload.py) and the export (the safe writer core/spreadsheets.py: text stays
text, so a value typed as "=1+1" or "-5~5" is never a live formula), its differences marked by colour and in words."""

from __future__ import annotations

from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font, PatternFill

from biaozhun.core.sheet_upload import SheetSpec, UploadError, read_sheet_rows  # noqa: F401 (UploadError: for callers)
from biaozhun.core.spreadsheets import Workbook

from ..models import Comparison, IndicatorRow, VerdictChoice
from ..services.indicators import MAX_ROWS, RowInput

UPLOAD_SETTING = "BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES"
COLUMNS = {
    "name": gettext_lazy("指标名称"),
    "unit": gettext_lazy("单位"),
    "chinese_value": gettext_lazy("我国标准要求"),
    "foreign_value": gettext_lazy("国外标准要求"),
    "chinese_method": gettext_lazy("我国试验方法"),
    "foreign_method": gettext_lazy("国外试验方法"),
    "remark": gettext_lazy("备注"),
}
REQUIRED = ("name", "chinese_value", "foreign_value")
SPEC = SheetSpec(columns=COLUMNS, required=REQUIRED, label=gettext_lazy("指标对比文件"), max_rows=MAX_ROWS,
                 upload_setting=UPLOAD_SETTING, too_many=gettext_lazy("文件超过 %(max)s 个指标；一份对比最多这么多。"))
headings = SPEC.headings
# Fill colours of the verdicts (the page's badges): stricter green, looser red, different amber, not comparable grey.
FILLS = {"stricter": "D1E7DD", "looser": "F8D7DA", "different": "FFF3CD", "not_comparable": "E2E3E5"}


def _text(value: Any) -> str:
    """A cell as the row's text: numbers as written (a whole float without its .0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(source: bytes | IO[bytes], name: str = "") -> list[tuple[int, RowInput]]:
    """The rows of an uploaded file, each with its row number; UploadError when the file cannot be read."""
    return [(line, RowInput(**{key: _text(value) for key, value in values.items()}))
            for line, values in read_sheet_rows(SPEC, source, name)]


def export_xlsx(comparison: Comparison, rows: list[IndicatorRow]) -> bytes:
    """The comparison as a table: the two standards, then one row per indicator with its verdict; rows that differ
    filled in their verdict's colour."""
    labels = dict(VerdictChoice.choices)
    workbook = Workbook()
    sheet = workbook.sheet(str(_("技术指标对比")))
    bold = Font(bold=True)
    for cell in sheet.append([_("我国标准"), comparison.standard.identifier, comparison.standard.title_zh]):
        cell.font = bold
    sheet.append([_("国外标准"), comparison.foreign_number, comparison.foreign_title])
    if comparison.title:
        sheet.append([_("对比名称"), comparison.title])
    sheet.append([])
    heading = [_("序号"), *[str(label) for label in COLUMNS.values()], _("对比结果")]
    for cell in sheet.append(heading):
        cell.font = bold
    sheet.worksheet.freeze_panes = f"A{sheet.rows + 1}"
    for row in rows:
        cells = sheet.append([row.position, row.name, row.unit, row.chinese_value, row.foreign_value,
                              row.chinese_method, row.foreign_method, row.remark, str(labels[row.verdict])])
        fill = FILLS.get(row.verdict)
        if fill:
            for cell in cells:
                cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    for column, width in zip("ABCDEFGHI", (6, 24, 10, 18, 18, 24, 24, 20, 12), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    return workbook.to_bytes()


def template_xlsx(rows: list[IndicatorRow] | None = None) -> bytes:
    """The import template: the headings, and the comparison's rows when it has some (to edit and import back)."""
    workbook = Workbook()
    sheet = workbook.sheet(str(_("技术指标")))
    sheet.worksheet.freeze_panes = "A2"
    sheet.append([str(heading) for heading in COLUMNS.values()])
    for row in rows or []:
        sheet.append([row.name, row.unit, row.chinese_value, row.foreign_value, row.chinese_method,
                      row.foreign_method, row.remark])
    if not rows:
        sheet.append([_("铅（以 Pb 计）"), "mg/kg", "≤ 0.2", "≤ 0.3", "GB 5009.12", "ISO 6733", ""])
    for column, width in zip("ABCDEFG", (24, 10, 18, 18, 24, 24, 20), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    return workbook.to_bytes()
