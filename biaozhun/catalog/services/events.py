"""One constructor per kind of standard event; every catalogue write records its events through these.

Constructors return plain rows (EventRow) so that an import of millions of editions can insert them in bulk;
`record()` writes them. The model (catalog.models.StandardEvent) is append-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from biaozhun.catalog import signals
from biaozhun.catalog.models import EventKind, StandardEvent
from biaozhun.core import clock
from biaozhun.core.bulk import insert_rows

from .locking import lock_catalogue


class EventRow(NamedTuple):
    standard_id: int
    kind: str
    actor_id: int | None
    at: datetime
    from_status: str
    to_status: str
    reason: str
    data: dict[str, Any]


def _event(standard_id: int, kind: str, actor, *, from_status: str = "", to_status: str = "", reason: str = "",
           data: dict[str, Any] | None = None, at: datetime | None = None) -> EventRow:
    return EventRow(standard_id, str(kind), getattr(actor, "pk", None), at or clock.now(), from_status, to_status,
                    reason, data or {})


def created(standard_id: int, *, actor, status: str, source: str, at: datetime | None = None,
            written: dict[str, Any] | None = None) -> EventRow:
    """`at`: the time of the write, when a batch records many (default: now). `written`: what the file said for
    fields whose spelling the import normalised ({"ccs": "A 综合-A10/19 …-A14 …"})."""
    data = {"source": source, "written": written} if written else _source_data(source)
    return _event(standard_id, EventKind.CREATED, actor, to_status=status, data=data, at=at)


@lru_cache(maxsize=32)
def _source_data(source: str) -> dict[str, Any]:
    """One shared (never mutated) dict per source, so a batch's rows encode it once (core.bulk memoises)."""
    return {"source": source}


def updated(standard_id: int, *, actor, before: dict[str, Any], source: str,
            written: dict[str, Any] | None = None) -> EventRow:
    data = {"source": source, "before": before}
    if written:
        data["written"] = written
    return _event(standard_id, EventKind.UPDATED, actor, data=data)


def status_changed(standard_id: int, *, actor, from_status: str, to_status: str, reason: str) -> EventRow:
    return _event(standard_id, EventKind.STATUS_CHANGED, actor, from_status=from_status, to_status=to_status, reason=reason)


def relation_added(standard_id: int, *, actor, kind: str, target: str) -> EventRow:
    return _event(standard_id, EventKind.RELATION_ADDED, actor, data={"kind": kind, "target": target})


def relation_removed(standard_id: int, *, actor, kind: str, target: str) -> EventRow:
    return _event(standard_id, EventKind.RELATION_REMOVED, actor, data={"kind": kind, "target": target})


def relation_resolved(standard_id: int, *, actor, kind: str, target: str, target_id: int) -> EventRow:
    return _event(
        standard_id, EventKind.RELATION_RESOLVED, actor, data={"kind": kind, "target": target, "target_id": target_id}
    )


def amendment_added(standard_id: int, *, actor, number: int) -> EventRow:
    return _event(standard_id, EventKind.AMENDMENT_ADDED, actor, data={"number": number})


def fulltext_attached(standard_id: int, *, actor, language: str, sha256: str, size: int) -> EventRow:
    return _event(
        standard_id, EventKind.FULLTEXT_ATTACHED, actor, data={"language": language, "sha256": sha256, "size": size}
    )


def abolished(standard_id: int, *, actor, on: str, reason: str) -> EventRow:
    return _event(standard_id, EventKind.ABOLISHED, actor, reason=reason, data={"on": on})


def withdrawn(standard_id: int, *, actor, identifier: str, reason: str) -> EventRow:
    """data: {"identifier": the number the edition had before it was withdrawn}."""
    return _event(standard_id, EventKind.WITHDRAWN, actor, reason=reason, data={"identifier": identifier})


def amendment_withdrawn(standard_id: int, *, actor, number: int, reason: str) -> EventRow:
    """data: {"number": the amendment sheet's number}."""
    return _event(standard_id, EventKind.AMENDMENT_WITHDRAWN, actor, reason=reason, data={"number": number})


def relation_unresolved(standard_id: int, *, actor, kind: str, target: str) -> EventRow:
    """The edition a relation pointed at was withdrawn; the relation waits for that number again."""
    return _event(standard_id, EventKind.RELATION_UNRESOLVED, actor, data={"kind": kind, "target": target})


def amendment_text(standard_id: int, *, actor, number: int, sha256: str, size: int) -> EventRow:
    """The amendment sheet `number` got (or replaced) its own text file."""
    return _event(standard_id, EventKind.AMENDMENT_TEXT, actor, data={"number": number, "sha256": sha256, "size": size})


def text_access_set(standard_id: int, *, actor, before: str, after: str, reason: str) -> EventRow:
    """An administrator set (or, with "", cleared) the text's access level; `reason` says on whose decision."""
    return _event(standard_id, EventKind.TEXT_ACCESS_SET, actor, reason=reason, data={"from": before, "to": after})


def converted(standard_id: int, *, actor, data: dict[str, Any], reason: str) -> EventRow:
    """A conversion involving this edition: data {"sources": [numbers], "target": number}; the note in `reason`."""
    return _event(standard_id, EventKind.CONVERTED, actor, reason=reason, data=data)


def record(events: Iterable[EventRow]) -> None:
    """Append the rows, under the catalogue lock (locking.py): events commit in the order of their ids."""
    rows = list(events)
    if rows:
        lock_catalogue()
        insert_rows(StandardEvent, EventRow._fields, rows)
        signals.events_recorded.send(sender=StandardEvent, kinds=frozenset(row.kind for row in rows))
