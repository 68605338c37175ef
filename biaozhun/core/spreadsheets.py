"""The one writer of every spreadsheet the project sends out (XLSX and CSV), so that no text a person typed
becomes a live formula in the reader's Excel or WPS (CSV/formula injection, OWASP).

* XLSX: a text cell is always stored as text. A value starting with ``= + - @``, a tab or a carriage return is
  written with the string type and Excel's quote prefix, so it shows exactly as typed and stays text when the
  cell is edited. Numbers and dates keep their types.
* CSV has no types: such a value is written with a leading apostrophe (``'=HYPERLINK(...)``), which spreadsheet
  programs show as text. `csv_unescape` removes it again when the project reads its own CSV back (the catalogue
  interchange format round-trips).

A write-only workbook (exports, the validity result) is written by `core.xlsx_stream` (rows straight to
SpreadsheetML, ~6× faster than openpyxl's cells); a normal one by openpyxl, for styling.

Use `Workbook` / `csv_writer` here for every export; a test fails on any other use of openpyxl's writers or
``csv.writer`` in the source (tests/core/test_spreadsheets.py). Styling (fonts, borders, widths) goes through
``Sheet.worksheet`` and never writes values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook as _OpenpyxlWorkbook

from .xlsx_stream import StreamWorkbook

# The first characters that make a spreadsheet program read a cell as a formula (or a DDE command).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


class Sheet:
    """One worksheet; rows go in through `append` only."""

    def __init__(self, worksheet, *, write_only: bool) -> None:
        # For styling: widths, fonts, borders, merges, print setup (openpyxl); `freeze_panes` only when write-only.
        self.worksheet = worksheet
        self._write_only = write_only
        self.rows = 0

    def append(self, values: Iterable[Any]) -> list:
        """Add a row; returns its cells (for styling) in a normal workbook, [] in a write-only one."""
        values = list(values)
        self.rows += 1
        if self._write_only:
            self.worksheet.append(values, quoted=is_formula_like)
            return []
        cells = []
        for column, value in enumerate(values, start=1):
            cell = self.worksheet.cell(row=self.rows, column=column)
            cell.value = value
            if is_formula_like(value):
                _as_text(cell)
            cells.append(cell)
        return cells


def _as_text(cell) -> None:
    cell.data_type = "s"
    cell.quotePrefix = True


class Workbook:
    """An XLSX workbook. ``write_only=True`` streams rows (for exports of millions of rows; no styling after)."""

    def __init__(self, *, write_only: bool = False) -> None:
        self._write_only = write_only
        self._book = StreamWorkbook() if write_only else _OpenpyxlWorkbook()
        self._fresh = not write_only  # a normal workbook starts with one empty sheet, used by the first `sheet`

    def sheet(self, title: str) -> Sheet:
        title = _sheet_title(title)
        if self._write_only:
            return Sheet(self._book.sheet(title), write_only=True)
        if self._fresh:
            worksheet = self._book.active
            worksheet.title = title
            self._fresh = False
        else:
            worksheet = self._book.create_sheet(title)
        return Sheet(worksheet, write_only=self._write_only)

    def save(self, target: str | IO[bytes]) -> None:
        self._book.save(target)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel's rules for sheet names: at most 31 characters, none of : \\ / ? * [ ]."""
    cleaned = "".join("_" if ch in ':\\/?*[]' else ch for ch in title).strip("'") or "Sheet"
    return cleaned[:31]


# --- CSV -------------------------------------------------------------------------------------------------
def csv_escape(value: Any) -> Any:
    return "'" + value if is_formula_like(value) else value


def csv_unescape(text: str) -> str:
    """Undo `csv_escape` on text read from a CSV file this project wrote."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


class CsvWriter:
    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, values: Sequence[Any]) -> None:
        self._writer.writerow([csv_escape(value) for value in values])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(out: IO[str], **options: Any) -> CsvWriter:
    return CsvWriter(out, **options)
