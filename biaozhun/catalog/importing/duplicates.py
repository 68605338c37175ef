"""The same edition more than once in one file: identical records are one; differing ones merge field by field
where they do not conflict; a real conflict is a problem that names both lines.

The validation pass (serial or across worker processes) keeps, for each valid record, its line, a hash of its
edition and a hash of its content. `find_groups` turns those into groups of lines of one edition; only groups
whose contents differ need their records again (`merge_group`), so a file with no such group is read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.catalog.records import RelationRecord, StandardRecord

Line = int | str
# Fields compared one by one; `ident` and `written` have their own rules.
_MERGED = tuple(f.name for f in fields(StandardRecord) if f.name not in ("ident", "written"))
# Names of the interchange format for fields that the record holds under another name.
_FORMAT_NAMES = {"relations": "replaces/adopts/references/converted_to", "ident": "identifier"}


def content_hash(record: StandardRecord) -> int:
    """Equal for records that clean to the same values (whatever spelling the file used)."""
    return hash(repr((record.ident, *(getattr(record, name) for name in _MERGED))))


@dataclass(slots=True)
class Seen:
    """The valid records of one edition met so far: (order in the file, line, content hash)."""

    entries: list[tuple[int, Line, int]] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return len({content for _order, _line, content in self.entries}) == 1


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _show(value: Any) -> str:
    if isinstance(value, list):
        text = "; ".join(_show(item) for item in value)
    elif isinstance(value, RelationRecord):
        text = f"{value.kind} {value.target}" + (f" {value.degree}" if value.degree else "")
    elif isinstance(value, date):
        text = value.isoformat()
    elif hasattr(value, "canonical"):
        text = value.canonical
    elif hasattr(value, "number") and hasattr(value, "summary"):
        text = f"XG{value.number}"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _merge_value(kept: Any, other: Any) -> tuple[Any, bool]:
    """(merged value, True when they conflict)."""
    if _empty(other) or other == kept:
        return kept, False
    if _empty(kept):
        return other, False
    if isinstance(kept, list) and isinstance(other, list):
        if all(item in kept for item in other):
            return kept, False
        if all(item in other for item in kept):
            return other, False
    return kept, True


def _merge_ident(kept, other):
    """The same edition written as a plain and as a double number: keep the one that also names the adoption."""
    if other == kept or other.adopted is None:
        return kept, False
    if kept.adopted is None:
        return other, False
    return kept, True


@dataclass(slots=True)
class MergeResult:
    record: StandardRecord | None  # None when the records conflict
    conflicts: dict[Line, list[dict]]  # line → problems naming the other line


def merge_group(records: list[tuple[Line, StandardRecord]]) -> MergeResult:
    """Merge the records of one edition (in file order) into the first line's record, or report conflicts."""
    first_line, merged = records[0]
    merged = replace(merged, written=dict(merged.written))
    origin: dict[str, Line] = {}  # field → line its kept value came from
    conflicts: dict[Line, list[dict]] = {}
    for line, record in records[1:]:
        for name in ("ident", *_MERGED):
            kept, other = getattr(merged, name), getattr(record, name)
            value, conflict = (_merge_ident if name == "ident" else _merge_value)(kept, other)
            if conflict:
                where = origin.get(name, first_line)
                message = _("第 %(first)s 行为“%(kept)s”，第 %(line)s 行为“%(other)s”：同一版本的两条记录不一致，"
                            "请改正其中一条或删去一条") % {
                    "first": where, "kept": _show(kept), "line": line, "other": _show(other)}
                problem = {"field": _FORMAT_NAMES.get(name, name), "message": message}
                conflicts.setdefault(line, []).append({"line": line, **problem})
                conflicts.setdefault(where, []).append({"line": where, **problem})
            elif value is not kept:
                setattr(merged, name, value)
                origin[name] = line
        for key, text in record.written.items():
            merged.written.setdefault(key, text)
    return MergeResult(None if conflicts else merged, conflicts)

