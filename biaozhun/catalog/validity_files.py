"""Files in and out of the validity check: read numbers from an uploaded XLSX/CSV, write the result as XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.utils.translation import gettext as _

from biaozhun.core.spreadsheets import Workbook

from .validity import MAX_LINES, CheckedLine

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
NUMBER_HEADERS = {"标准号", "标准编号", "标准代号", "编号", "identifier", "number", "standard", "standard number"}


class UploadError(ValueError):
    """The upload cannot be read; the message says why and what is expected."""


def _number_column(header: list) -> int | None:
    for index, cell in enumerate(header):
        if str(cell or "").strip().lower() in NUMBER_HEADERS:
            return index
    return None


def _column_values(rows: list[list]) -> list[str]:
    """Values of the number column (named 标准号/identifier/..., else the first), without the header row."""
    if not rows:
        return []
    column = _number_column(rows[0])
    body = rows[1:] if column is not None else rows
    column = column or 0
    return [str(row[column]).strip() for row in body if len(row) > column and row[column] not in (None, "")]


def read_upload(name: str, content: bytes) -> list[str]:
    """Numbers from an uploaded .xlsx or .csv; UploadError for anything else or too large."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError(_("文件过大（%(size)s 字节），最大 5 MB。") % {"size": len(content)})
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK"):
            raise UploadError(_("文件不是有效的 XLSX 文件。"))
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise UploadError(_("无法读取 XLSX 文件：%(error)s") % {"error": exc}) from exc
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    elif lower.endswith(".csv") or lower.endswith(".txt"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UploadError(_("无法识别文件编码，请使用 UTF-8 或 GB18030。"))
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise UploadError(_("请上传 .xlsx 或 .csv 文件。"))
    values = _column_values(rows)
    if len(values) > MAX_LINES:
        raise UploadError(_("共 %(count)s 行，超过上限 %(max)s 行。") % {"count": len(values), "max": MAX_LINES})
    return values


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def result_xlsx(results: list[CheckedLine]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.sheet(_("查新结果"))
    sheet.worksheet.freeze_panes = "A2"
    header = [_("序号"), _("输入"), _("标准号"), _("标准名称"), _("状态"), _("发布日期"), _("实施日期"),
              _("废止日期"), _("现行有效版本"), _("现行版本名称"), _("现行版本实施日期"), _("代替过程"), _("说明")]
    sheet.append(header)
    for row in results:
        found, current = row.found, row.in_force
        sheet.append([
            row.line,
            row.text,
            found.identifier if found else row.canonical,
            found.title if found else "",
            found.status_label if found else "",
            _iso(found.published_on) if found else "",
            _iso(found.implemented_on) if found else "",
            _iso(found.abolished_on) if found else "",
            current.identifier if current else "",
            current.title if current else "",
            _iso(current.implemented_on) if current else "",
            " → ".join(e.identifier for e in row.chain),
            outcome_text(row),
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
