"""The files of a batch (docs/filing-batch.md): their limits, the ZIP of texts and the data file's rows.

The ZIP is checked from its end record and central directory before anything is inflated: the number of entries,
each name (no absolute path, no `..`, no drive, no backslash, no link), encryption and compression method, only
`.pdf` members, each text's size, the total unzipped size and the compression ratio of each entry and of the whole
(a zip bomb). Texts are then read one at a time, never more than their declared size (zipfile stops there and
checks the CRC). The data file's rows are read as a stream: XLSX through core/safe_read.py (zip checks before
openpyxl, rows counted as read), JSONL line by line.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from biaozhun.catalog.importing.readers import RowError, parse_jsonl_line, row_record
from biaozhun.core.safe_read import ReadRefused, inspect_zip, xlsx_rows, zip_entry_count
from biaozhun.core.upload_limits import MB, Profile, megabytes, read_limits, refusal_message

from ..batch_format import FIELDS, field_of_header
from ..models import FilingBatchFormat

# Where a problem that is not a row's is reported (the "line" of `line N: field: what is wrong`).
ZIP_LINE = "(zip)"
FILE_LINE = "(file)"
HEADER_LINE = "(header)"
RATIO_FLOOR = 256 * 1024  # entries smaller than this are never a bomb whatever their ratio
# Entries that archivers add on their own; skipped, never read.
_JUNK_PREFIXES = ("__MACOSX/",)
_JUNK_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")


@dataclass(frozen=True)
class BatchLimits:
    rows: int
    data_bytes: int
    upload_bytes: int  # the data file and the ZIP together (the request's limit)
    members: int
    unzipped_bytes: int
    ratio: int
    text_bytes: int  # one text (the limit of one filing's text)


def limits() -> BatchLimits:
    configured = settings.BIAOZHUN_FILING_BATCH_LIMITS
    return BatchLimits(rows=configured["rows"], data_bytes=configured["data_bytes"],
                       upload_bytes=settings.BIAOZHUN_MAX_FILING_BATCH_BYTES, members=configured["members"],
                       unzipped_bytes=configured["unzipped_bytes"], ratio=configured["ratio"],
                       text_bytes=settings.BIAOZHUN_MAX_FULLTEXT_BYTES)


def problem(line: str, field_name: str, message: str) -> dict[str, str]:
    return {"line": line, "field": field_name, "message": message}


def data_format(name: str) -> str | None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"xlsx": FilingBatchFormat.XLSX, "jsonl": FilingBatchFormat.JSONL,
            "json": FilingBatchFormat.JSONL, "ndjson": FilingBatchFormat.JSONL}.get(extension)


# --- The ZIP of texts ----------------------------------------------------------------------------------------------

@dataclass
class Texts:
    """The PDFs of a checked ZIP, by the name a row gives (`text_file`)."""

    members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # name (decoded) → entry
    _by_base: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, info: zipfile.ZipInfo) -> None:
        self.members[name] = info
        self._by_base.setdefault(name.rsplit("/", 1)[-1], []).append(name)

    def find(self, text_file: str) -> str | None:
        """The member a row names: its full name in the ZIP, or its file name alone when only one member has it
        (a folder compressed with its files puts them under the folder's name)."""
        text_file = text_file.strip().replace("\\", "/")
        if text_file in self.members:
            return text_file
        found = self._by_base.get(text_file.rsplit("/", 1)[-1], [])
        return found[0] if len(found) == 1 else None


def member_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it: archivers on Chinese Windows write GBK names without saying so
    (zipfile then reads them as code page 437); UTF-8 names without the flag are read too."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return (name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0] or "\x00" in name
            or any(ord(ch) < 32 for ch in name))


def _junk(name: str) -> bool:
    return name.startswith(_JUNK_PREFIXES) or name.rsplit("/", 1)[-1] in _JUNK_NAMES


def check_zip(stream: IO[bytes], zip_name: str, batch_limits: BatchLimits) -> tuple[Texts, list[dict]]:
    """The ZIP's PDFs, and every problem of the ZIP (empty when it may be read). Nothing is inflated here."""
    damaged = [problem(ZIP_LINE, "zip", _("“%(name)s”不是有效的 ZIP 压缩包，或已损坏。请重新压缩后上传。") % {
        "name": zip_name})]
    try:
        declared = zip_entry_count(stream)
    except ReadRefused:
        return Texts(), damaged
    if declared > batch_limits.members:
        return Texts(), [problem(ZIP_LINE, "zip", _("压缩包中有 %(count)s 个文件，超过上限 %(max)s 个。请分成几批提交。") % {
            "count": declared, "max": batch_limits.members})]
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return Texts(), damaged
    finally:
        stream.seek(0)
    texts, problems = Texts(), []
    total = compressed = 0
    bomb = False
    for info in infos:
        name = member_name(info)
        if _unsafe(name):
            problems.append(problem(ZIP_LINE, name, _(
                "文件名含有路径（如 ../、盘符或以 / 开头），不能解压。请只压缩 PDF 文件本身（可以放在一个文件夹中）。")))
            continue
        if info.is_dir() or _junk(name):
            continue
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            problems.append(problem(ZIP_LINE, name, _("这是一个链接，不是文件。请只压缩 PDF 文件本身。")))
        elif info.flag_bits & 0x1:
            problems.append(problem(ZIP_LINE, name, _("文件已加密。请不要为压缩包设置密码。")))
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problems.append(problem(ZIP_LINE, name, _("使用了不支持的压缩方式。请用常见的 ZIP 压缩（存储或 Deflate）重新压缩。")))
        elif not name.lower().endswith(".pdf"):
            problems.append(problem(ZIP_LINE, name, _("不是 PDF 文件。压缩包中只能有标准文本的 PDF 文件。")))
        elif name in texts.members:
            problems.append(problem(ZIP_LINE, name, _("压缩包中有两个同名的文件。")))
        elif info.file_size > batch_limits.text_bytes:
            problems.append(problem(ZIP_LINE, name, _("文件有 %(size)s MB，超过单个标准文本的上限 %(max)s MB。") % {
                "size": megabytes(info.file_size), "max": megabytes(batch_limits.text_bytes)}))
        elif info.file_size >= RATIO_FLOOR and info.file_size > batch_limits.ratio * max(info.compress_size, 1):
            bomb = True
            problems.append(problem(ZIP_LINE, name, _(
                "压缩比异常（解压后是压缩时的 %(max)s 倍以上），可能是压缩炸弹，已拒绝读取。") % {"max": batch_limits.ratio}))
        else:
            texts.add(name, info)
        total += info.file_size
        compressed += info.compress_size
    if total > batch_limits.unzipped_bytes:
        problems.append(problem(ZIP_LINE, "zip", _("压缩包解压后共 %(size)s MB，超过上限 %(max)s MB。请分成几批提交。") % {
            "size": megabytes(total), "max": megabytes(batch_limits.unzipped_bytes)}))
    elif not bomb and total >= RATIO_FLOOR and total > batch_limits.ratio * max(compressed, 1):
        problems.append(problem(ZIP_LINE, "zip", _(
            "压缩包的压缩比异常（解压后是压缩时的 %(max)s 倍以上），可能是压缩炸弹，已拒绝读取。") % {"max": batch_limits.ratio}))
    if not problems and not texts.members:
        problems.append(problem(ZIP_LINE, "zip", _("压缩包中没有 PDF 文件。")))
    return texts, problems


def read_text(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The member's bytes, read in blocks up to its declared size (checked against the limits before); None when
    they cannot be read (damaged data, a wrong CRC)."""
    out = io.BytesIO()
    try:
        with archive.open(info) as member:
            while block := member.read(MB):
                out.write(block)
                if out.tell() > info.file_size:
                    return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return None
    return out.getvalue()


# --- The data file -------------------------------------------------------------------------------------------------

class DataRefused(Exception):
    """The data file cannot be read (further): its problems, each with line, field and message."""

    def __init__(self, problems: list[dict]) -> None:
        super().__init__(problems)
        self.problems = problems


def check_data_file(stream: IO[bytes], fmt: str, data_name: str, batch_limits: BatchLimits) -> list[dict]:
    """Problems of the data file as a whole, before any row is read: its size, and an XLSX's zip structure."""
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    if size > batch_limits.data_bytes:
        return [problem(FILE_LINE, "data", _("数据文件不能超过 %(max)s MB。请分成几批提交。") % {
            "max": megabytes(batch_limits.data_bytes)})]
    if fmt == FilingBatchFormat.XLSX:
        try:
            inspect_zip(stream, _xlsx_limits(batch_limits))
        except ReadRefused as exc:
            return [problem(FILE_LINE, "data", f"{data_name}: {refusal_message(exc)}")]
        finally:
            stream.seek(0)
    return []


def _xlsx_limits(batch_limits: BatchLimits):
    # Blank rows count against the reader's cap: allow as many as there may be rows.
    return read_limits(Profile.UPLOAD, max_rows=2 * batch_limits.rows + 1, max_bytes=batch_limits.data_bytes,
                       max_seconds=60.0)


def read_rows(stream: IO[bytes], fmt: str, batch_limits: BatchLimits) -> Iterator[tuple[str, dict[str, Any] | RowError]]:
    """(line, raw row or what is wrong with it) for every row that is not blank, in file order. DataRefused when
    the file cannot be read on, or has more rows than a batch may."""
    rows = _jsonl_rows(stream) if fmt == FilingBatchFormat.JSONL else _xlsx_rows(stream, batch_limits)
    for count, (line, value) in enumerate(rows, start=1):
        if count > batch_limits.rows:
            raise DataRefused([problem(FILE_LINE, "data", _("超过 %(max)s 行；一批最多备案 %(max)s 项，请分成几批提交。") % {
                "max": batch_limits.rows})])
        yield line, value


def _jsonl_rows(stream: IO[bytes]) -> Iterator[tuple[str, dict[str, Any] | RowError]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    number = 0
    try:
        for number, line in enumerate(text, start=1):  # noqa: B007 (the number is reported when decoding fails)
            value = parse_jsonl_line(line)
            if value is not None:
                yield str(number), value
    except UnicodeDecodeError:
        raise DataRefused([problem(str(number + 1), "(line)", _("不是 UTF-8 编码的文本。请把文件另存为 UTF-8 编码。"))]) from None
    finally:
        text.detach()


def _xlsx_rows(stream: IO[bytes], batch_limits: BatchLimits) -> Iterator[tuple[str, dict[str, Any] | RowError]]:
    """The first sheet: its first row is the header (field names, or labels with the field name in brackets, as
    in the template); later sheets (the template's notes) are not read."""
    header: list[str] = []
    try:
        with closing(xlsx_rows(stream, _xlsx_limits(batch_limits), first_sheet_only=True)) as rows:
            for _sheet, _title, number, values in rows:
                if number == 1:
                    header = _header(values)
                    continue
                if any(cell not in (None, "") for cell in values):
                    yield str(number), _lists(row_record(header, list(values)))
    except ReadRefused as exc:
        raise DataRefused([problem(FILE_LINE, "data", refusal_message(exc))]) from exc


# Fields that are lists in JSONL but that the catalogue's spreadsheet reader leaves as `;`-separated text.
_NAME_LISTS = ("drafting_units", "drafters", "industry_classes")


def _lists(row: dict[str, Any] | RowError) -> dict[str, Any] | RowError:
    """A row with its lists as lists, so a filing from a spreadsheet stores the record a JSONL line would."""
    if isinstance(row, dict):
        for name in _NAME_LISTS:
            if isinstance(row.get(name), str):
                row[name] = [item.strip() for item in row[name].split(";") if item.strip()]
    return row


def _header(cells: tuple) -> list[str]:
    names: list[str] = []
    unknown: list[str] = []
    for cell in cells:
        name = field_of_header(cell)
        if name is None:
            unknown.append(str(cell))
            name = ""
        elif name and name in names:
            raise DataRefused([problem(HEADER_LINE, name, _("表头中有两列都是 %(field)s") % {"field": name})])
        names.append(name)
    problems = []
    if unknown:
        problems.append(problem(HEADER_LINE, "data", _("未知的列 %(columns)s；列名应为字段名（如 identifier）或模板中的"
                                                       "列名（如 标准号（identifier））。可用的字段：%(fields)s") % {
            "columns": "、".join(unknown), "fields": ", ".join(FIELDS)}))
    if "identifier" not in names:
        problems.append(problem(HEADER_LINE, "identifier", _("表头缺少标准号（identifier）列")))
    if problems:
        raise DataRefused(problems)
    return names
