"""The inspector pool as a file (执法检查人员名录): one XLSX sheet, the headings in row 1, one inspector a row from row
2. Reading goes through the safe readers (size, macros, zip structure and unpacked size, rows, cells and time are
checked before and while a row is read); the template is written by the safe writer (core/spreadsheets.py) with the
authority's current pool, so that it can be edited and imported back."""

from __future__ import annotations

import io
from contextlib import closing
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from biaozhun.core.safe_read import ReadLimits, ReadRefused, stream_size, xlsx_rows
from biaozhun.core.spreadsheets import Workbook
from biaozhun.core.upload_limits import Profile, parse_budget, read_limits, refusal_message, too_large_message
from biaozhun.core.uploads import FileRejected, check_office

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


class UploadError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


def headings() -> dict[str, str]:
    """field → heading in the current language (what the import's errors call the columns)."""
    return {name: str(heading) for name, heading in COLUMNS.items()}


def _heading_map(values: tuple) -> dict[int, str]:
    known = {str(heading): name for name, heading in COLUMNS.items()}
    known.update({name: name for name in COLUMNS})
    with override(settings.LANGUAGE_CODE):  # a template downloaded in the source language
        known.update({str(heading): name for name, heading in COLUMNS.items()})
    found: dict[int, str] = {}
    for index, value in enumerate(values):
        name = known.get(" ".join(str(value or "").split()))
        if name and name not in found.values():
            found[index] = name
    return found


def upload_limits() -> ReadLimits:
    return read_limits(Profile.UPLOAD, max_bytes=getattr(settings, UPLOAD_SETTING), max_rows=MAX_ROWS + 1)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_pool_rows(source: bytes | IO[bytes], name: str = "") -> list[InspectorRow]:
    """The rows of an uploaded pool file, each with its row number; UploadError when it cannot be read."""
    limits = upload_limits()
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    stream.seek(0)
    if stream_size(stream) > limits.max_bytes:
        raise UploadError(too_large_message(limits.max_bytes))
    if stream.read(4) != b"PK\x03\x04" or (name and not name.lower().endswith(".xlsx")):
        raise UploadError(_("请上传 .xlsx 文件（可先下载模板，在模板中填写）。"))
    try:
        check_office(stream, label=_("检查人员名录"))
    except FileRejected as exc:
        raise UploadError(str(exc)) from exc
    rows: list[InspectorRow] = []
    columns: dict[int, str] | None = None
    try:
        with parse_budget(limits) as budget, closing(
                xlsx_rows(stream, limits, budget=budget, first_sheet_only=True)) as sheet:
            for row in sheet:
                if columns is None:
                    columns = _heading_map(row.values)
                    missing = [str(COLUMNS[field]) for field in REQUIRED if field not in columns.values()]
                    if missing:
                        raise UploadError(_("第 1 行应为标题行，缺少列：%(columns)s。请使用模板。") % {
                            "columns": _("、").join(missing)})
                    continue
                values = {key: row.values[index] for index, key in columns.items() if index < len(row.values)}
                if all(_blank(v) for v in values.values()):
                    continue
                if len(rows) >= MAX_ROWS:
                    raise UploadError(_("文件超过 %(max)s 名检查人员；请分成几个文件导入。") % {"max": MAX_ROWS})
                rows.append(InspectorRow(line=row.number, **{key: value for key, value in values.items()
                                                              if not _blank(value)}))
    except ReadRefused as exc:
        raise UploadError(refusal_message(exc)) from exc
    if columns is None:
        raise UploadError(_("文件的第一个工作表是空的；请使用模板。"))
    return rows


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
