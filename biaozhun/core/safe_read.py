"""Read untrusted spreadsheets and text within limits: bytes, rows, cells, decompression, time.

Pure Python (no Django): the limits come in as a `ReadLimits`, and a refusal is a `ReadRefused` carrying a
`Reason` and the limit passed, which the web layer (`core/upload_limits.py`) turns into a sentence for the reader.

An XLSX is a zip of XML parts, so a small file can hold a huge sheet. Before openpyxl sees a byte:
1. the zip's end record gives the number of entries, refused above the cap before the directory is read;
2. the central directory is checked without decompressing: declared sizes in total, compression ratio per
   entry and in total, encrypted or unusual compression methods, odd names (absolute, `..`, duplicates);
3. every entry is inflated once in small chunks to check that it holds no more than it declares (a zip whose
   headers lie would otherwise make `zipfile` inflate up to 1 GiB in one call), that it is not an archive
   itself, that the parts openpyxl parses whole (shared strings, styles, workbook) hold a bounded number of
   XML elements, and that no worksheet row holds more elements than the format allows (openpyxl builds each
   row whole before handing it over).
Then openpyxl reads in read-only (streaming) mode; rows and cells are counted as they come, never taken from
the sheet's dimension tag, which the file may set to anything; and a time budget is checked in every loop.
"""

from __future__ import annotations

import csv
import io
import re
import signal
import struct
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Any, NamedTuple

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Elements inside one worksheet row: a cell and its value, formula or inline string are a few each.
MAX_ROW_ELEMENTS = 8 * EXCEL_MAX_COLUMNS
# Entries smaller than this are never a bomb whatever their ratio (short XML parts compress very well).
RATIO_FLOOR = 256 * 1024
CHUNK = 64 * 1024
# Parts openpyxl streams in read-only mode (rows counted while reading) or never opens (pivot caches; external
# links, as they are read with keep_links=False): their elements are not counted against max_xml_elements.
_STREAMED_PARTS = re.compile(r"^xl/(worksheets/[^/]+\.xml|pivotCache/|externalLinks/)")
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")
_ARCHIVE_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".docx", ".docm", ".jar", ".gz", ".7z", ".rar", ".bz2", ".xz")
_START_TAG = re.compile(rb"<[A-Za-z_]")
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,31}:)?([A-Za-z_][\w.-]{0,31})")


class Reason(StrEnum):
    """Why a file was not read; stable codes for logs and the API."""

    BYTES = "bytes"  # the file itself is larger than max_bytes
    ROWS = "rows"  # a sheet or text has more than max_rows rows (blank rows included)
    CELLS = "cells"  # more than max_cells cells in all
    ROW_SIZE = "row_size"  # one worksheet row holds more elements than a row can
    XML_ELEMENTS = "xml_elements"  # the parts parsed whole hold more than max_xml_elements elements
    SECONDS = "seconds"  # reading took longer than max_seconds
    ZIP_ENTRIES = "zip_entries"  # more than max_zip_entries entries
    UNZIPPED_BYTES = "unzipped_bytes"  # more than max_unzipped_bytes once inflated
    ZIP_RATIO = "zip_ratio"  # an entry or the whole inflates more than max_zip_ratio times
    ZIP_NESTED = "zip_nested"  # an entry is an archive itself
    ZIP_ENTRY = "zip_entry"  # an encrypted entry, an unusual compression method or an odd name
    DAMAGED = "damaged"  # not a zip, sizes that lie, XML or CSV that cannot be parsed


class ReadRefused(ValueError):
    """The file was not read (further): `reason`, the `limit` passed (0 when none applies), and a `detail` for
    logs (an entry name, the parser's error)."""

    def __init__(self, reason: Reason, limit: float = 0, detail: str = "") -> None:
        super().__init__(f"{reason.value}: limit {limit}" + (f"; {detail}" if detail else ""))
        self.reason, self.limit, self.detail = reason, limit, detail


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 20_000  # per sheet, blank rows included
    max_cells: int = 500_000
    max_seconds: float | None = 10.0
    max_zip_entries: int = 1_000
    max_unzipped_bytes: int = 64 * 1024 * 1024
    max_zip_ratio: int = 100
    max_xml_elements: int = 1_000_000


@dataclass
class ReadStats:
    """What a read consumed: the counters tests and benchmarks look at."""

    entries: int = 0  # zip entries inspected
    bytes_inflated: int = 0  # bytes the inspection inflated
    xml_elements: int = 0  # elements counted in the parts parsed whole
    rows: int = 0  # rows handed to the caller or refused (at most max_rows + 1 per sheet)
    cells: int = 0


class Budget:
    """A deadline checked inside reading loops; None means no limit."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self._clock = seconds, clock
        self._deadline = None if seconds is None else clock() + seconds

    def check(self) -> None:
        if self._deadline is not None and self._clock() > self._deadline:
            raise ReadRefused(Reason.SECONDS, self.seconds or 0)


@contextmanager
def hard_deadline(seconds: float | None) -> Iterator[bool]:
    """Interrupt the block after `seconds` of wall-clock time with ReadRefused(SECONDS), even inside a library
    call that never returns to our loops. Uses SIGALRM, so only in the main thread (gunicorn's sync workers)
    and only when nothing else uses the alarm; yields whether the alarm is armed."""
    usable = (
        seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield False
        return

    def expire(signum: int, frame: Any) -> None:
        raise ReadRefused(Reason.SECONDS, seconds or 0, "hard deadline")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def stream_size(stream: IO[bytes]) -> int:
    """Bytes from the stream's position to its end (the position is kept)."""
    here = stream.tell()
    end = stream.seek(0, io.SEEK_END)
    stream.seek(here)
    return end - here


def read_bytes(stream: IO[bytes], limits: ReadLimits, stats: ReadStats | None = None) -> bytes:
    """The whole stream, refused as soon as it passes max_bytes (never more than max_bytes + 1 is read)."""
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise ReadRefused(Reason.BYTES, limits.max_bytes)
    return data


def csv_rows(text: str, limits: ReadLimits, *, stats: ReadStats | None = None,
             budget: Budget | None = None) -> Iterator[list[str]]:
    """CSV rows of `text`, refused past max_rows rows or max_cells cells (counted as read)."""
    stats = stats if stats is not None else ReadStats()
    budget = budget or Budget(limits.max_seconds)
    reader = csv.reader(io.StringIO(text))
    try:
        for number, row in enumerate(reader, start=1):
            _count(stats, limits, number, len(row))
            budget.check()
            yield row
    except csv.Error as exc:
        raise ReadRefused(Reason.DAMAGED, 0, f"line {reader.line_num}: {exc}") from exc


def _count(stats: ReadStats, limits: ReadLimits, number: int, cells: int) -> None:
    stats.rows += 1
    stats.cells += cells
    if number > limits.max_rows:
        raise ReadRefused(Reason.ROWS, limits.max_rows)
    if stats.cells > limits.max_cells:
        raise ReadRefused(Reason.CELLS, limits.max_cells)


# --- Zip ---------------------------------------------------------------------------------------------------------

_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def zip_entry_count(stream: IO[bytes]) -> int:
    """The entry count the zip's end record declares, read from the last 64 KiB without parsing the directory."""
    size = stream.seek(0, io.SEEK_END)
    tail_size = min(size, _EOCD.size + 0xFFFF + _ZIP64_LOCATOR.size)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    stream.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        raise ReadRefused(Reason.DAMAGED, 0, "no end of central directory")
    count = _EOCD.unpack_from(tail, at)[4]
    locator_at = at - _ZIP64_LOCATOR.size
    if locator_at >= 0 and tail[locator_at:locator_at + 4] == b"PK\x06\x07":
        offset = _ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
        stream.seek(offset)
        record = stream.read(_ZIP64_EOCD.size)
        stream.seek(0)
        if len(record) < _ZIP64_EOCD.size or record[:4] != b"PK\x06\x06":
            raise ReadRefused(Reason.DAMAGED, 0, "bad zip64 end record")
        count = max(count, _ZIP64_EOCD.unpack(record)[6])
    return count


def _odd_name(name: str) -> bool:
    parts = name.split("/")
    return name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0] or "\x00" in name


def inspect_zip(stream: IO[bytes], limits: ReadLimits, *, stats: ReadStats | None = None,
                budget: Budget | None = None) -> list[zipfile.ZipInfo]:
    """Check a zip against the limits (see the module docstring) and return its entries; the stream is left
    at 0. Refusals from the directory happen before anything is inflated."""
    stats = stats if stats is not None else ReadStats()
    budget = budget or Budget(limits.max_seconds)
    declared = zip_entry_count(stream)
    if declared > limits.max_zip_entries:
        raise ReadRefused(Reason.ZIP_ENTRIES, limits.max_zip_entries)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ReadRefused(Reason.DAMAGED, 0, str(exc)) from exc
    if len(infos) > limits.max_zip_entries:
        raise ReadRefused(Reason.ZIP_ENTRIES, limits.max_zip_entries)
    _check_directory(infos, limits)
    for info in infos:
        _inflate_entry(stream, info, limits, stats, budget)
    stream.seek(0)
    return infos


def _check_directory(infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    names: set[str] = set()
    total = compressed = 0
    for info in infos:
        name = info.filename
        if name in names or _odd_name(name):
            raise ReadRefused(Reason.ZIP_ENTRY, 0, f"name {name!r}")
        names.add(name)
        if name.lower().endswith(_ARCHIVE_SUFFIXES):
            raise ReadRefused(Reason.ZIP_NESTED, 0, name)
        if info.flag_bits & 0x1:
            raise ReadRefused(Reason.ZIP_ENTRY, 0, f"{name}: encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadRefused(Reason.ZIP_ENTRY, 0, f"{name}: compression method {info.compress_type}")
        total += info.file_size
        compressed += info.compress_size
        if total > limits.max_unzipped_bytes:
            raise ReadRefused(Reason.UNZIPPED_BYTES, limits.max_unzipped_bytes)
        if info.file_size >= RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            raise ReadRefused(Reason.ZIP_RATIO, limits.max_zip_ratio, name)
    if total >= RATIO_FLOOR and total > limits.max_zip_ratio * max(compressed, 1):
        raise ReadRefused(Reason.ZIP_RATIO, limits.max_zip_ratio, "whole archive")


def _entry_chunks(stream: IO[bytes], info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """The entry's inflated bytes in chunks of at most CHUNK, read from its raw data (not through zipfile, which
    stops at the declared size and so cannot tell that an entry holds more)."""
    stream.seek(info.header_offset)
    header = stream.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ReadRefused(Reason.DAMAGED, 0, f"{info.filename}: no local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    stream.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0:
        raw = stream.read(min(CHUNK, left))
        if not raw:
            raise ReadRefused(Reason.DAMAGED, 0, f"{info.filename}: truncated")
        left -= len(raw)
        if inflater is None:
            yield raw
            continue
        pending = raw
        while pending:
            try:
                out = inflater.decompress(pending, CHUNK)
            except zlib.error as exc:
                raise ReadRefused(Reason.DAMAGED, 0, f"{info.filename}: {exc}") from exc
            pending = inflater.unconsumed_tail
            budget.check()
            if out:
                yield out
    if inflater is not None:
        rest = inflater.flush(CHUNK)
        if rest:
            yield rest


def _inflate_entry(stream: IO[bytes], info: zipfile.ZipInfo, limits: ReadLimits, stats: ReadStats,
                   budget: Budget) -> None:
    stats.entries += 1
    name = info.filename
    xml = name.endswith((".xml", ".rels")) or name == "[Content_Types].xml"
    sheet = _SheetScan(limits) if _STREAMED_PARTS.match(name) and name.startswith("xl/worksheets/") else None
    count_elements = xml and not _STREAMED_PARTS.match(name)
    size = 0
    edge = b""
    for chunk in _entry_chunks(stream, info, budget):
        if size == 0 and chunk.startswith(_ARCHIVE_MAGIC):
            raise ReadRefused(Reason.ZIP_NESTED, 0, name)
        size += len(chunk)
        stats.bytes_inflated += len(chunk)
        if size > info.file_size:
            raise ReadRefused(Reason.DAMAGED, 0, f"{name}: holds more than its declared {info.file_size} bytes")
        if xml and (b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk or b"<!DOCTYPE" in edge + chunk[:16]):
            raise ReadRefused(Reason.ZIP_ENTRY, 0, f"{name}: a DTD (entities)")
        edge = chunk[-16:]
        if count_elements:
            stats.xml_elements += len(_START_TAG.findall(chunk))
            if stats.xml_elements > limits.max_xml_elements:
                raise ReadRefused(Reason.XML_ELEMENTS, limits.max_xml_elements, name)
        elif sheet is not None:
            sheet.feed(chunk)
    if sheet is not None:
        sheet.finish()
    if size != info.file_size:
        raise ReadRefused(Reason.DAMAGED, 0, f"{name}: holds {size} of its declared {info.file_size} bytes")


class _SheetScan:
    """Counts the elements of each worksheet row in a stream of XML chunks, up to the row cap (the reader stops
    there); refuses a row with more than MAX_ROW_ELEMENTS."""

    MARGIN = 80  # longer than any tag name the pattern matches, so no match is cut between chunks

    def __init__(self, limits: ReadLimits) -> None:
        self.max_rows = limits.max_rows
        self.rows = 0
        self.in_row = 0
        self.tail = b""

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.rows > self.max_rows:
            return
        data = self.tail + chunk
        safe = len(data) if final else len(data) - self.MARGIN
        consumed = 0
        for match in _SHEET_TAG.finditer(data):
            if match.start() >= safe:
                break
            consumed = match.end()
            if match.group(1) == b"row":
                self.rows += 1
                self.in_row = 0
                if self.rows > self.max_rows:
                    return
            else:
                self.in_row += 1
                if self.in_row > MAX_ROW_ELEMENTS:
                    raise ReadRefused(Reason.ROW_SIZE, MAX_ROW_ELEMENTS)
        self.tail = data[max(consumed, safe, 0):]

    def finish(self) -> None:
        self.feed(b"", final=True)


# --- XLSX --------------------------------------------------------------------------------------------------------

class SheetRow(NamedTuple):
    sheet: int  # 0-based position among the worksheets
    title: str
    number: int  # 1-based row number in the sheet
    values: tuple


def xlsx_rows(stream: IO[bytes], limits: ReadLimits, *, stats: ReadStats | None = None,
              budget: Budget | None = None, first_sheet_only: bool = False) -> Iterator[SheetRow]:
    """The rows of an XLSX, after `inspect_zip`, each counted against max_rows (per sheet) and max_cells.
    ReadRefused for a limit or a damaged file."""
    from openpyxl import load_workbook

    _fix_openpyxl_sheet_size()
    stats = stats if stats is not None else ReadStats()
    budget = budget or Budget(limits.max_seconds)
    if stream_size(stream) > limits.max_bytes:
        raise ReadRefused(Reason.BYTES, limits.max_bytes)
    inspect_zip(stream, limits, stats=stats, budget=budget)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _refusal(exc)  # noqa: B904 (the cause is set inside)
    try:
        budget.check()
        for index, sheet in enumerate(workbook.worksheets):
            if first_sheet_only and index:
                break
            yield from _sheet_rows(index, sheet, limits, stats, budget)
    finally:
        workbook.close()


def _fix_openpyxl_sheet_size() -> None:
    """openpyxl 3.1's read-only sheet looks for <dimension> on opening, and stops at <sheetData> only on its *end*
    event: without a dimension tag it parses the whole sheet before the first row is read (most of the CPU the
    10-million-row upload took). This replacement stops at the start of <sheetData>, where the schema has put
    <dimension> if there is one; the result is the same for every file."""
    from openpyxl.worksheet import _read_only

    if getattr(_read_only.ReadOnlyWorksheet._get_size, "bounded", False):
        return
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    def _get_size(sheet: Any) -> None:
        with sheet._get_source() as source:
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start" and element.tag == DATA_TAG:
                    return
                if event == "end" and element.tag == DIMENSION_TAG:
                    bounds = SheetDimension.from_tree(element).boundaries
                    sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = bounds
                    return

    _get_size.bounded = True  # type: ignore[attr-defined]
    _read_only.ReadOnlyWorksheet._get_size = _get_size


def _sheet_rows(index: int, sheet: Any, limits: ReadLimits, stats: ReadStats, budget: Budget) -> Iterator[SheetRow]:
    # The dimension tag (<dimension ref="A1:XFD1048576"/>) would make openpyxl pad every row to its width and
    # add empty rows up to its height: forget it, and ask for one row past the cap.
    sheet.reset_dimensions()
    rows: Iterable[tuple] = sheet.iter_rows(max_row=limits.max_rows + 1, values_only=True)
    number = 0
    try:
        for number, values in enumerate(rows, start=1):
            _count(stats, limits, number, len(values))
            budget.check()
            yield SheetRow(index, sheet.title, number, values)
    except ReadRefused:
        raise
    except Exception as exc:  # bad XML or a bad cell inside the sheet
        raise _refusal(exc, f"{sheet.title}!{number + 1}: ")  # noqa: B904 (the cause is set inside)


def _refusal(exc: BaseException, where: str = "") -> ReadRefused:
    """The ReadRefused behind `exc` (openpyxl wraps what the alarm raises inside it), else DAMAGED."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ReadRefused):
            return seen
        seen = seen.__cause__ or seen.__context__
    refused = ReadRefused(Reason.DAMAGED, 0, f"{where}{exc}")
    refused.__cause__ = exc
    return refused
