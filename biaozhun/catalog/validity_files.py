"""Files in and out of the validity check: read numbers from an uploaded XLSX/CSV, write the result as XLSX.

Uploads are read within the limits of `core.safe_read` (size, zip inspection, rows, cells, time): a hostile
file is refused with a sentence that says what to do, after reading at most a bounded part of it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import date
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from biaozhun.core.safe_read import ReadLimits, ReadRefused, ReadStats, csv_rows, read_bytes, stream_size, xlsx_rows
from biaozhun.core.spreadsheets import Workbook
from biaozhun.core.upload_limits import Profile, parse_budget, read_limits, refusal_message, too_large_message

from .models import Status
from .validity import MAX_LINES, CheckedLine

NUMBER_HEADERS = {"标准号", "标准编号", "标准代号", "编号", "identifier", "number", "standard", "standard number"}


class UploadError(ValueError):
    """The upload cannot be read; the message says why and what is expected."""


def upload_limits() -> ReadLimits:
    """Limits for a validity upload: the file's size, and twice MAX_LINES rows (blank rows included)."""
    return read_limits(Profile.UPLOAD, max_bytes=settings.BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES, max_rows=2 * MAX_LINES)


def _number_column(header: Iterable) -> int | None:
    for index, cell in enumerate(header):
        if str(cell or "").strip().lower() in NUMBER_HEADERS:
            return index
    return None


def _too_many_lines(count: int) -> UploadError:
    return UploadError(_("共 %(count)s 行，超过上限 %(max)s 行。") % {"count": count, "max": MAX_LINES})


def _column_values(rows: Iterator) -> list[str]:
    """Values of the number column (named 标准号/identifier/..., else the first), without the header row; stops
    reading as soon as there are more than MAX_LINES."""
    first = next(rows, None)
    if first is None:
        return []
    column = _number_column(first)
    body: Iterable = rows if column is not None else _chain(first, rows)
    column = column or 0
    values: list[str] = []
    for row in body:
        if len(row) > column and row[column] not in (None, ""):
            values.append(str(row[column]).strip())
            if len(values) > MAX_LINES:
                raise _too_many_lines(len(values))
    return values


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError(_("无法识别文件编码，请使用 UTF-8 或 GB18030。"))


def read_upload(name: str, source: bytes | IO[bytes], *, stats: ReadStats | None = None) -> list[str]:
    """Numbers from an uploaded .xlsx or .csv (bytes or a file, e.g. an UploadedFile); UploadError for anything
    else, too large, or past a read limit (`stats` shows how much was read)."""
    limits = upload_limits()
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    stream.seek(0)
    if stream_size(stream) > limits.max_bytes:
        raise UploadError(too_large_message(limits.max_bytes))
    lower = name.lower()
    stats = stats if stats is not None else ReadStats()
    try:
        with parse_budget(limits) as budget:
            if lower.endswith(".xlsx"):
                if stream.read(2) != b"PK":
                    raise UploadError(_("文件不是有效的 XLSX 文件。"))
                stream.seek(0)
                with closing(xlsx_rows(stream, limits, stats=stats, budget=budget, first_sheet_only=True)) as sheet:
                    return _column_values(row.values for row in sheet)
            if lower.endswith((".csv", ".txt")):
                text = _decode(read_bytes(stream, limits, stats))
                return _column_values(csv_rows(text, limits, stats=stats, budget=budget))
    except ReadRefused as exc:
        raise UploadError(refusal_message(exc)) from exc
    raise UploadError(_("请上传 .xlsx 或 .csv 文件。"))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def result_xlsx(results: list[CheckedLine]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.sheet(_("查新结果"))
    sheet.worksheet.freeze_panes = "A2"
    header = [_("序号"), _("输入"), _("标准号"), _("标准名称"), _("状态"), _("发布日期"), _("实施日期"),
              _("废止日期"), _("现行有效版本"), _("现行版本名称"), _("现行版本实施日期"), _("代替过程"), _("说明")]
    sheet.append(header)
    # Translated once per workbook, not per row (10,000 rows).
    status_labels = {value: str(label) for value, label in Status.choices}
    outcomes: dict[tuple, str] = {}
    for row in results:
        found, current = row.found, row.in_force
        key = (row.outcome, row.error, current.identifier if current else "", bool(current and current.id == found.id))
        if key not in outcomes:
            outcomes[key] = outcome_text(row)
        sheet.append([
            row.line,
            row.text,
            found.identifier if found else row.canonical,
            found.title if found else "",
            status_labels[found.status] if found else "",
            _iso(found.published_on) if found else "",
            _iso(found.implemented_on) if found else "",
            _iso(found.abolished_on) if found else "",
            current.identifier if current else "",
            current.title if current else "",
            _iso(current.implemented_on) if current else "",
            " → ".join(e.identifier for e in row.chain),
            outcomes[key],
        ])
    return workbook.to_bytes()


def outcome_text(row: CheckedLine) -> str:
    outcome = row.outcome
    if outcome == "error":
        return _("无法识别的标准号：%(error)s") % {"error": row.error}
    if outcome == "not_found":
        return _("目录中未收录该标准")
    if outcome == "valid":
        return _("现行有效")
    if outcome == "upcoming":
        return _("已发布，尚未实施")
    current = row.in_force
    if outcome == "replaced":
        if current is not None:
            return _("已被代替，现行版本为 %(current)s") % {"current": current.identifier}
        return _("已被代替，代替标准也已失效")
    if current is not None and current.id != row.found.id:
        return _("已废止，现行版本为 %(current)s") % {"current": current.identifier}
    return _("已废止")
