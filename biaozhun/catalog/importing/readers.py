"""Read JSONL, CSV and XLSX files into (line, raw record) pairs in the interchange format.

A line that cannot be read at all yields a RowError instead of a record, so the validation pass can report it
with the others. CSV and XLSX use the field names as header cells; list fields are `;`-separated, and object
lists (replaces with partial, adopts, amendments) may be JSON text in the cell.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.catalog.records import DEGREES, DERIVED_FIELDS, FIELDS, REJECT_FIELDS
from biaozhun.core.safe_read import EXCEL_MAX_ROWS, ReadLimits, ReadRefused, inspect_zip, xlsx_rows
from biaozhun.core.spreadsheets import csv_unescape
from biaozhun.core.upload_limits import Profile, read_limits, refusal_message

FORMATS = ("jsonl", "csv", "xlsx")
LIST_FIELDS = {"ics", "issued_by", "language_versions", "replaces", "adopts", "references", "converted_to",
               "amendments"}


@dataclass(frozen=True, slots=True)
class RowError:
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Another publisher's file layout (ISO Open Data, IEC), read into interchange records by the app that knows
    it. `base` is the file format underneath ("jsonl" or "csv"): rejects files are written in it, line for line.
    `read(path)` yields (line, interchange record or RowError) and may leave lines out (records that are not
    catalogue editions); `field_names` maps interchange field names back to the layout's, for problems.
    A JSONL layout may also give `line_parser(path)`: a function of one text line that returns what `read` would
    for it (or None for a line left out), so that the worker processes validate the file in chunks as plain JSONL.
    It is called in the importing process before they fork; the function must not use the database."""

    name: str
    base: str
    read: Callable[[Path], Iterator[tuple[int | str, dict[str, Any] | RowError]]]
    field_names: dict[str, str]
    line_parser: Callable[[Path], Callable[[str], dict[str, Any] | RowError | None]] | None = None

    def rename(self, problems: list[dict]) -> list[dict]:
        """Problems found by the cleaner, under the layout's own field names ("published_on" → "publicationDate")."""
        renamed = []
        for problem in problems:
            name = problem["field"]
            head, bracket, rest = name.partition("[")
            if head in self.field_names:
                problem = {**problem, "field": self.field_names[head] + bracket + rest}
            renamed.append(problem)
        return renamed


# Layouts registered by other apps (biaozhun.international registers iso-jsonl, iso-csv and iec-jsonl).
LAYOUTS: dict[str, Layout] = {}


def register_layout(layout: Layout) -> None:
    LAYOUTS[layout.name] = layout


def base_format(fmt: str) -> str:
    """The file format of `fmt` itself, or of the layout `fmt` names."""
    return LAYOUTS[fmt].base if fmt in LAYOUTS else fmt


def detect_format(path: Path, declared: str | None = None) -> str:
    fmt = (declared or path.suffix.lstrip(".")).lower()
    if fmt == "json":
        fmt = "jsonl"
    if fmt in LAYOUTS and declared:
        return fmt
    if fmt not in FORMATS:
        raise ValueError(_("无法判断 %(name)s 的格式：请使用 .jsonl、.csv 或 .xlsx 文件，或用 --format 指明") % {
            "name": path.name})
    return fmt


def read_records(path: Path, fmt: str) -> Iterator[tuple[int | str, dict[str, Any] | RowError]]:
    if fmt in LAYOUTS:
        yield from LAYOUTS[fmt].read(path)
    elif fmt == "jsonl":
        yield from _read_jsonl(path)
    elif fmt == "csv":
        yield from _read_csv(path)
    else:
        yield from _read_xlsx(path)


def open_jsonl(path: Path):
    """The text stream JSONL is read from; its lines (numbered from 1) are what `parse_jsonl_line` takes."""
    return open(path, encoding="utf-8-sig")


def parse_jsonl_line(line: str) -> dict[str, Any] | RowError | None:
    """One JSONL line: the record, what is wrong with it, or None for a blank line (skipped, not counted)."""
    if not line.strip():
        return None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return RowError("(line)", message=_("不是有效的 JSON：第 %(column)s 列处 %(error)s") % {
            "column": exc.colno, "error": exc.msg})
    if not isinstance(value, dict):
        return RowError("(line)", message=_("每行应为一个 JSON 对象（{…}），实际为 %(type)s") % {
            "type": type(value).__name__})
    return value


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    with open_jsonl(path) as handle:
        for line_no, line in enumerate(handle, start=1):
            value = parse_jsonl_line(line)
            if value is not None:
                yield line_no, value


def _check_header(header: list[str]) -> RowError | None:
    allowed = set(FIELDS) | set(DERIVED_FIELDS) | set(REJECT_FIELDS)
    unknown = [name for name in header if name and name not in allowed]
    if unknown:
        return RowError("(header)", message=_("未知的列 %(columns)s；可用的列：%(expected)s") % {
            "columns": ", ".join(unknown), "expected": ", ".join(FIELDS)})
    if "identifier" not in header:
        return RowError("(header)", message=_("表头缺少 identifier 列（标准号）"))
    return None


def _cell_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name not in LIST_FIELDS:
        if hasattr(value, "isoformat"):
            return value.isoformat()[:10]
        return str(value).strip() if not isinstance(value, str) else value.strip()
    text = str(value).strip()
    if not text:
        return None
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            return _Invalid(_("像是 JSON，但第 %(column)s 列处有误：%(error)s") % {"column": exc.colno, "error": exc.msg})
    items = [item.strip() for item in text.split(";") if item.strip()]
    if name == "adopts":
        return [_adoption(item) for item in items]
    return items


class _Invalid(str):
    """A cell that could not be read; the cleaner reports it as a wrong type with this text."""


def _adoption(text: str) -> dict[str, str] | str:
    """'ISO 9001:2015 IDT' → {"identifier": "ISO 9001:2015", "degree": "IDT"}."""
    head, _, tail = text.rpartition(" ")
    tail = tail.strip("()（）").upper()
    if head and tail in DEGREES:
        return {"identifier": head.strip(), "degree": tail}
    return {"identifier": text, "degree": ""}


def _row_dict(header: list[str], row: list[Any]) -> dict[str, Any] | RowError:
    record = {}
    for name, value in zip(header, row, strict=False):
        if not name:
            continue
        cell = _cell_value(name, value)
        if isinstance(cell, _Invalid):
            return RowError(name, str(cell))
        if cell is not None and cell != "":
            record[name] = cell
    return record


def row_record(header: list[str], values: list[Any]) -> dict[str, Any] | RowError:
    """A spreadsheet row as a raw record under the header's field names (columns without a name are skipped),
    read as the import reads its own rows; for other readers of the interchange fields (batch filing)."""
    return _row_dict(header, list(values))


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        problem = _check_header(header)
        if problem:
            yield 1, problem
            return
        line_no = reader.line_num
        for row in reader:
            start, line_no = line_no + 1, reader.line_num
            if any(cell.strip() for cell in row):
                yield start, _row_dict(header, [csv_unescape(cell) for cell in row])


def import_limits() -> ReadLimits:
    """An operator's file: no size or time cap, the zip checks of uploads, Excel's own row maximum per sheet."""
    return read_limits(Profile.IMPORT, max_rows=EXCEL_MAX_ROWS)


def check_file(path: Path, fmt: str) -> None:
    """Refuse a hostile XLSX (zip bomb, lying sizes, nested archives) before anything is read or recorded."""
    if fmt != "xlsx":
        return
    try:
        with open(path, "rb") as stream:
            inspect_zip(stream, import_limits())
    except ReadRefused as exc:
        raise ValueError(f"{path.name}: {refusal_message(exc)}") from exc


def _read_xlsx(path: Path) -> Iterator[tuple[int | str, dict[str, Any] | RowError]]:
    """Each sheet's first row is its header (a sheet without one is skipped); later sheets' rows are reported as
    "Sheet!row". Rows are counted as read (never taken from the sheet's dimension tag)."""
    skipped = None
    header: list[str] = []
    try:
        with open(path, "rb") as stream, closing(xlsx_rows(stream, import_limits())) as rows:
            for sheet, title, number, values in rows:
                if sheet == skipped:
                    continue
                if number == 1:
                    header = [str(h).strip() if h is not None else "" for h in values]
                    if not any(header):
                        skipped = sheet
                        continue
                    problem = _check_header(header)
                    if problem:
                        yield 1, problem
                        return
                    continue
                if any(cell not in (None, "") for cell in values):
                    yield (number if sheet == 0 else f"{title}!{number}"), _row_dict(header, list(values))
    except ReadRefused as exc:
        raise ValueError(f"{path.name}: {refusal_message(exc)}") from exc
