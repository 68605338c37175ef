"""One uploaded XLSX table read row by row: the headings in row 1 (in either language, or the field names), one
record a row from row 2. Reading goes through the safe readers (size, macros, zip structure and unpacked size,
rows, cells and time are checked before and while a row is read). A format module describes its columns with a
`SheetSpec` and turns each row's values into its own records."""

from __future__ import annotations

import io
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import override

from biaozhun.core.safe_read import ReadLimits, ReadRefused, stream_size, xlsx_rows
from biaozhun.core.upload_limits import Profile, parse_budget, read_limits, refusal_message, too_large_message
from biaozhun.core.uploads import FileRejected, check_office


class UploadError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class SheetSpec:
    columns: Mapping[str, Promise]  # field → heading (the template's Chinese headings)
    required: tuple[str, ...]
    label: Promise  # what the file is called in messages
    too_many: Promise  # the message when the file has more than max_rows records, with %(max)s
    max_rows: int = 5000
    upload_setting: str = "BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES"

    def headings(self) -> dict[str, str]:
        """field → heading in the current language (what the import's errors call the columns)."""
        return {name: str(heading) for name, heading in self.columns.items()}

    def upload_limits(self) -> ReadLimits:
        return read_limits(Profile.UPLOAD, max_bytes=getattr(settings, self.upload_setting),
                           max_rows=self.max_rows + 1)

    def heading_map(self, values: tuple) -> dict[int, str]:
        """Column index → field, for the headings found in row 1."""
        known = {str(heading): name for name, heading in self.columns.items()}
        known.update({name: name for name in self.columns})
        with override(settings.LANGUAGE_CODE):  # a template downloaded in the source language
            known.update({str(heading): name for name, heading in self.columns.items()})
        found: dict[int, str] = {}
        for index, value in enumerate(values):
            name = known.get(" ".join(str(value or "").split()))
            if name and name not in found.values():
                found[index] = name
        return found


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet_rows(spec: SheetSpec, source: bytes | IO[bytes], name: str = "") -> list[tuple[int, dict[str, Any]]]:
    """(row number, field → value) of every non-empty row, blank cells left out; UploadError when the file cannot
    be read."""
    limits = spec.upload_limits()
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    stream.seek(0)
    if stream_size(stream) > limits.max_bytes:
        raise UploadError(too_large_message(limits.max_bytes))
    if stream.read(4) != b"PK\x03\x04" or (name and not name.lower().endswith(".xlsx")):
        raise UploadError(_("请上传 .xlsx 文件（可先下载模板，在模板中填写）。"))
    try:
        check_office(stream, label=str(spec.label))
    except FileRejected as exc:
        raise UploadError(str(exc)) from exc
    rows: list[tuple[int, dict[str, Any]]] = []
    columns: dict[int, str] | None = None
    try:
        with parse_budget(limits) as budget, closing(
                xlsx_rows(stream, limits, budget=budget, first_sheet_only=True)) as sheet:
            for row in sheet:
                if columns is None:
                    columns = spec.heading_map(row.values)
                    missing = [str(spec.columns[field]) for field in spec.required if field not in columns.values()]
                    if missing:
                        raise UploadError(_("第 1 行应为标题行，缺少列：%(columns)s。请使用模板。") % {
                            "columns": _("、").join(missing)})
                    continue
                values = {key: row.values[index] for index, key in columns.items()
                          if index < len(row.values) and not blank(row.values[index])}
                if not values:
                    continue
                if len(rows) >= spec.max_rows:
                    raise UploadError(str(spec.too_many) % {"max": spec.max_rows})
                rows.append((row.number, values))
    except ReadRefused as exc:
        raise UploadError(refusal_message(exc)) from exc
    if columns is None:
        raise UploadError(_("文件的第一个工作表是空的；请使用模板。"))
    return rows
