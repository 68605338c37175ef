"""The inspector pool as a file (执法检查人员名录): one XLSX sheet, the headings in row 1, one inspector a row from row 2.
Reading goes through core/sheet_upload.py (the safe readers); the template is written by the safe writer
(core/spreadsheets.py) with the authority's current pool, so that it can be edited and imported back."""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.core.sheet_upload import SheetSpec, UploadError, read_sheet_rows  # noqa: F401 (UploadError: for callers)
from biaozhun.core.spreadsheets import Workbook

from .models import Inspector
from .services.pool import InspectorRow

UPLOAD_SETTING = "BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES"
MAX_ROWS = 5000
# field → heading (the template's Chinese headings; the field names are accepted as headings too).
COLUMNS = {
    "number": gettext_lazy("执法证号"),
    "name": gettext_lazy("姓名"),
    "organisation": gettext_lazy("工作单位"),
    "region_code": gettext_lazy("所在地区代码"),
    "specialty": gettext_lazy("专业领域"),
    "active": gettext_lazy("在库"),
}
REQUIRED = ("number", "name")
SHEET = gettext_lazy("检查人员名录")
SPEC = SheetSpec(columns=COLUMNS, required=REQUIRED, label=gettext_lazy("检查人员名录"), max_rows=MAX_ROWS,
                 upload_setting=UPLOAD_SETTING, too_many=gettext_lazy("文件超过 %(max)s 名检查人员；请分成几个文件导入。"))
headings = SPEC.headings
upload_limits = SPEC.upload_limits


def read_pool_rows(source: bytes | IO[bytes], name: str = "") -> list[InspectorRow]:
    """The rows of an uploaded pool file, each with its row number; UploadError when it cannot be read."""
    return [InspectorRow(line=line, **values) for line, values in read_sheet_rows(SPEC, source, name)]


def template_xlsx(inspectors: list[Inspector]) -> bytes:
    """The import template: the headings and the pool's rows (an example row when the pool is empty)."""
    workbook = Workbook()
    sheet = workbook.sheet(str(SHEET))
    sheet.worksheet.freeze_panes = "A2"
    sheet.append([str(heading) for heading in COLUMNS.values()])
    for inspector in inspectors:
        sheet.append([inspector.number, inspector.name, inspector.organisation, inspector.region_code,
                      inspector.specialty, _("是") if inspector.is_active else _("否")])
    if not inspectors:
        sheet.append(["32010012345", _("张三"), _("南京市市场监督管理局"), "320100", _("机电产品"), _("是")])
    for column, width in zip("ABCDEF", (16, 12, 30, 14, 20, 6), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    return workbook.to_bytes()
