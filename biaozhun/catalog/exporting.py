"""Write the catalogue (or a filtered part) as JSONL, CSV or XLSX, streaming in chunks of editions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.db.models import QuerySet

from biaozhun.core.spreadsheets import Workbook, csv_writer

from .models import Standard
from .serialise import EXPORT_FIELDS, records_for

CHUNK = 2000
XLSX_MAX_ROWS = 1_048_575  # Excel's limit less the header row; further rows go to another sheet
OBJECT_LIST_FIELDS = {"replaces", "adopts", "amendments"}


def iter_records(queryset: QuerySet[Standard], *, public: bool = False) -> Iterator[dict[str, Any]]:
    """Every record of `queryset` in id order, fetched by keyset pagination (no OFFSET); `public` as in
    serialise.records_for."""
    last = 0
    queryset = queryset.order_by("pk")
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        yield from records_for(chunk, public=public)
        last = chunk[-1].pk


def _cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        if name in OBJECT_LIST_FIELDS and any(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return ";".join(str(v) for v in value)
    return value


def write_jsonl(records: Iterator[dict], out: IO[str], progress: Callable[[int], None]) -> int:
    count = 0
    for count, record in enumerate(records, start=1):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        if count % CHUNK == 0:
            progress(count)
    progress(count)
    return count


def write_csv(records: Iterator[dict], out: IO[str], progress: Callable[[int], None]) -> int:
    writer = csv_writer(out)
    writer.writerow(EXPORT_FIELDS)
    count = 0
    for count, record in enumerate(records, start=1):
        writer.writerow([_cell(name, record.get(name)) for name in EXPORT_FIELDS])
        if count % CHUNK == 0:
            progress(count)
    progress(count)
    return count


def write_xlsx(records: Iterator[dict], path: str, progress: Callable[[int], None]) -> int:
    workbook = Workbook(write_only=True)
    sheet, sheets, count = None, 0, 0
    for count, record in enumerate(records, start=1):
        if sheet is None or sheet.rows > XLSX_MAX_ROWS:
            sheets += 1
            sheet = workbook.sheet(f"standards{'' if sheets == 1 else sheets}")
            sheet.append(list(EXPORT_FIELDS))
        sheet.append([_cell(name, record.get(name)) for name in EXPORT_FIELDS])
        if count % CHUNK == 0:
            progress(count)
    if sheet is None:
        workbook.sheet("standards").append(list(EXPORT_FIELDS))
    workbook.save(path)
    progress(count)
    return count
