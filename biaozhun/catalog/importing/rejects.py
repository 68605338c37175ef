"""The rejects file of an import with skip_invalid: every refused record, as the file had it, in the input's own
format, with its line and its reasons added (REJECT_FIELDS). Fix the records and import the file again: the
importer accepts and ignores the added fields.

CSV and XLSX go through biaozhun.core.spreadsheets, the one writer that keeps typed text from becoming a formula.
"""

from __future__ import annotations

import csv
import json
from contextlib import closing
from pathlib import Path

from biaozhun.catalog.records import REJECT_FIELDS
from biaozhun.core.safe_read import xlsx_rows
from biaozhun.core.spreadsheets import Workbook, csv_writer

from .duplicates import Line
from .readers import base_format, import_limits, open_jsonl

REJECT_LINE, REJECT_REASONS, REJECT_TEXT = REJECT_FIELDS


def reasons(problems: list[dict]) -> list[str]:
    """"field: what is wrong" for each problem of one record."""
    return [f"{problem['field']}: {problem['message']}" for problem in problems]


def write_rejects(path: Path, fmt: str, problems: dict[Line, list[dict]], target: Path) -> int:
    """Write the records of `problems`' lines from `path` to `target` (same format; a layout's lines as they
    were in its own file format); returns how many."""
    writer = {"jsonl": _jsonl, "csv": _csv, "xlsx": _xlsx}[base_format(fmt)]
    return writer(path, problems, target)


def _jsonl(path: Path, problems: dict[Line, list[dict]], target: Path) -> int:
    written = 0
    with open_jsonl(path) as source, open(target, "w", encoding="utf-8") as out:
        for line_no, text in enumerate(source, start=1):
            if line_no not in problems:
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = None
            if isinstance(value, dict):
                value = {k: v for k, v in value.items() if k not in REJECT_FIELDS}
            else:  # not a JSON object: the text as it was, to be rewritten as one
                value = {REJECT_TEXT: text.rstrip("\r\n")}
            value.update({REJECT_LINE: line_no, REJECT_REASONS: reasons(problems[line_no])})
            out.write(json.dumps(value, ensure_ascii=False) + "\n")
            written += 1
    return written


def _header_without_rejects(header: list[str]) -> tuple[list[str], list[int]]:
    keep = [i for i, name in enumerate(header) if name.strip() not in REJECT_FIELDS]
    return [header[i] for i in keep], keep


def _csv(path: Path, problems: dict[Line, list[dict]], target: Path) -> int:
    written = 0
    with open(path, encoding="utf-8-sig", newline="") as source, open(target, "w", encoding="utf-8-sig",
                                                                          newline="") as out:
        reader = csv.reader(source)
        writer = csv_writer(out)
        header, keep = _header_without_rejects(next(reader, []))
        writer.writerow([*header, REJECT_LINE, REJECT_REASONS])
        line_no = reader.line_num
        for row in reader:
            start, line_no = line_no + 1, reader.line_num
            if start in problems:
                cells = [row[i] if i < len(row) else "" for i in keep]
                writer.writerow([*cells, start, "\n".join(reasons(problems[start]))])
                written += 1
    return written


def _xlsx(path: Path, problems: dict[Line, list[dict]], target: Path) -> int:
    """One sheet per source sheet that has refused rows, each with its own header."""
    book = Workbook(write_only=True)
    sheets: dict[int, object] = {}
    headers: dict[int, tuple[list[str], list[int]]] = {}
    written = 0
    with open(path, "rb") as stream, closing(xlsx_rows(stream, import_limits())) as rows:
        for sheet, title, number, values in rows:
            if number == 1:
                headers[sheet] = _header_without_rejects([str(h).strip() if h is not None else "" for h in values])
                continue
            line = number if sheet == 0 else f"{title}!{number}"
            if line not in problems or sheet not in headers:
                continue
            header, keep = headers[sheet]
            if sheet not in sheets:
                sheets[sheet] = book.sheet(title)
                sheets[sheet].append([*header, REJECT_LINE, REJECT_REASONS])
            values = list(values)
            sheets[sheet].append([*(values[i] if i < len(values) else None for i in keep), str(line),
                                  "\n".join(reasons(problems[line]))])
            written += 1
    book.save(str(target))
    return written
