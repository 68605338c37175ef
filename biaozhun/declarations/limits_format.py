"""The limits table as a file (docs/declarations-import.md, "标准指标限值表"): one XLSX sheet, the headings in row 1,
one limit per row from row 2. Reading goes through the safe readers (size, macros, zip structure and unpacked size,
rows, cells and time are checked before and while a row is read); the template is written by the safe writer
(core/spreadsheets.py), with the table's current rows so that an administrator can edit them and import them back."""

from __future__ import annotations

import io
from contextlib import closing
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from biaozhun.core.safe_read import ReadLimits, ReadRefused, stream_size, xlsx_rows
from biaozhun.core.spreadsheets import Workbook
from biaozhun.core.upload_limits import Profile, parse_budget, read_limits, refusal_message, too_large_message
from biaozhun.core.uploads import FileRejected, check_office

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


def read_limit_rows(source: bytes | IO[bytes], name: str = "") -> list[ImportRow]:
    """The rows of an uploaded limits file, each with its row number; UploadError when it cannot be read."""
    limits = upload_limits()
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    stream.seek(0)
    if stream_size(stream) > limits.max_bytes:
        raise UploadError(too_large_message(limits.max_bytes))
    if stream.read(4) != b"PK\x03\x04" or (name and not name.lower().endswith(".xlsx")):
        raise UploadError(_("请上传 .xlsx 文件（可先下载模板，在模板中填写）。"))
    try:
        check_office(stream, label=_("限值文件"))
    except FileRejected as exc:
        raise UploadError(str(exc)) from exc
    rows: list[ImportRow] = []
    columns: dict[int, str] | None = None
    try:
        with parse_budget(limits) as budget, closing(
                xlsx_rows(stream, limits, budget=budget, first_sheet_only=True)) as sheet:
            for row in sheet:
                if columns is None:
                    columns = _heading_map(row.values)
                    missing = [str(COLUMNS[name]) for name in REQUIRED if name not in columns.values()]
                    if missing:
                        raise UploadError(_("第 1 行应为标题行，缺少列：%(columns)s。请使用模板。") % {
                            "columns": _("、").join(missing)})
                    continue
                values = {key: row.values[index] for index, key in columns.items() if index < len(row.values)}
                if all(_blank(v) for v in values.values()):
                    continue
                if len(rows) >= MAX_ROWS:
                    raise UploadError(_("文件超过 %(max)s 个限值行；请分成几个文件导入。") % {"max": MAX_ROWS})
                data = LimitInput(**{key: value for key, value in values.items() if not _blank(value)})
                if "active" not in values or _blank(values["active"]):
                    data.active = True
                rows.append(ImportRow(line=row.number, data=data))
    except ReadRefused as exc:
        raise UploadError(refusal_message(exc)) from exc
    if columns is None:
        raise UploadError(_("文件的第一个工作表是空的；请使用模板。"))
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
