"""Feed a machine's index from the catalogue: a full rebuild, and incremental sync from the event table.

The catalogue's append-only StandardEvent table is the change feed. The index stores, in its meta document
and therefore atomically with each commit, the last applied event id and the ids below it not seen yet
("gaps": on PostgreSQL a transaction may commit an event with a lower id after a higher one; a gap is retried
for GAP_TTL seconds, then given up, as a rolled-back id never appears). Reindexing a standard reads its current
row, so applying an event twice is harmless.

`catch_up` is one round of `manage.py search_sync`: it rebuilds an index that is missing, unreadable or ahead of
the catalogue (a replaced database), one process per machine at a time (locks.rebuild_lock), and otherwise
applies the new events.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.db.models import Max, Q

from biaozhun.catalog.models import StandardEvent

from .directories import new_directory, remove_old_directories, switch_current
from .engine import IndexStateError, forget_engines, search_settings
from .locks import rebuild_lock
from .rows import iter_row_batches, rows_for_ids
from .tantivy_engine import TantivyEngine

GAP_TTL = 600.0
GAP_WINDOW = 1000
SYNC_WRITER_HEAP = 64_000_000

Progress = Callable[[int], None]


@dataclass
class SyncReport:
    events: int = 0
    reindexed: int = 0
    deleted: int = 0
    last_event_id: int = 0


def _last_event_id() -> int:
    return StandardEvent.objects.aggregate(last=Max("id"))["last"] or 0


def _gaps_below(last_id: int, now: float) -> list[list[float]]:
    """Ids in the last GAP_WINDOW below last_id with no event (yet): transactions that may still commit."""
    low = max(last_id - GAP_WINDOW, 0)
    seen = set(StandardEvent.objects.filter(id__gt=low, id__lte=last_id).values_list("id", flat=True))
    return [[event_id, now] for event_id in range(low + 1, last_id + 1) if event_id not in seen]


def rebuild(*, root: Path | None = None, batch_size: int = 5000, progress: Progress | None = None) -> int:
    """Build a complete new index beside the current one, then switch to it. Returns the number of standards."""
    root = Path(root or search_settings()[1])
    root.mkdir(parents=True, exist_ok=True)
    last_id = _last_event_id()  # before reading rows: later changes are applied by the next sync
    state = {"last_event_id": last_id, "gaps": _gaps_below(last_id, time.time())}
    directory = new_directory(root)
    builder = TantivyEngine(root, directory=directory)
    total = 0
    for rows in iter_row_batches(batch_size):
        total += builder.add_new(rows)
        if progress is not None:
            progress(len(rows))
    builder.set_state(state)
    builder.commit()
    builder.finish()
    switch_current(root, directory, replace=True)
    remove_old_directories(root, keep=directory)
    forget_engines()
    return total


def sync(engine: TantivyEngine, *, batch_size: int = 5000, now: float | None = None) -> SyncReport:
    """Apply every event after the index's last applied one (and late gaps), one commit per batch."""
    report = SyncReport()
    now = time.time() if now is None else now
    if int(engine.get_state().get("last_event_id", 0)) > _last_event_id():
        raise IndexStateError("the index has applied events the catalogue does not have (was the database replaced?); "
                          "run manage.py search_rebuild")
    while True:
        state = engine.get_state()
        last_id = int(state.get("last_event_id", 0))
        gaps = {int(event_id): first_seen for event_id, first_seen in state.get("gaps", [])}
        events = list(
            StandardEvent.objects.filter(Q(id__gt=last_id) | Q(id__in=list(gaps)))
            .order_by("id")
            .values_list("id", "standard_id")[:batch_size]
        )
        if not events:
            live = {i: t for i, t in gaps.items() if now - t < GAP_TTL}
            if len(live) != len(gaps):
                engine.set_state({"last_event_id": last_id, "gaps": sorted([i, t] for i, t in live.items())})
                engine.commit()
                engine.finish()
            report.last_event_id = last_id
            return report
        seen = {event_id for event_id, _ in events}
        new_last = max([last_id, *seen])
        for event_id in range(last_id + 1, new_last + 1):
            if event_id not in seen:
                gaps[event_id] = now
        gaps = {i: t for i, t in gaps.items() if i not in seen and now - t < GAP_TTL}
        standard_ids = {standard_id for _, standard_id in events}
        rows = rows_for_ids(standard_ids)
        engine.index_standards(rows)
        missing = standard_ids - {row["id"] for row in rows}
        engine.delete(missing)
        engine.set_state({"last_event_id": new_last, "gaps": sorted([i, t] for i, t in gaps.items())})
        engine.commit()
        report.events += len(events)
        report.reindexed += len(rows)
        report.deleted += len(missing)
        report.last_event_id = new_last
        if len(events) < batch_size:
            engine.finish()
            return report


def sync_engine() -> TantivyEngine:
    """A writer of this machine's index, separate from the readers the web process caches."""
    return TantivyEngine(search_settings()[1], writer_heap=SYNC_WRITER_HEAP)


class CatchUpAction(StrEnum):
    SYNCED = "synced"  # new events applied (perhaps none)
    REBUILT = "rebuilt"  # the index was missing or unusable and was built again
    BUSY = "busy"  # another process of this machine is rebuilding it


@dataclass
class CatchUp:
    action: CatchUpAction
    sync: SyncReport | None = None
    standards: int = 0  # indexed by a rebuild
    reason: str = ""  # why it was rebuilt


def catch_up(engine: TantivyEngine | None = None, *, batch_size: int = 5000) -> CatchUp:
    """One round of `search_sync`: rebuild the index if it cannot answer, else apply the new events to it."""
    from .health import check_index  # health reads this module's lock

    root = search_settings()[1]
    health = check_index(root=root)
    if not health.usable:
        with rebuild_lock(root) as mine:
            if not mine:
                return CatchUp(CatchUpAction.BUSY, reason=health.detail)
            forget_engines()
            health = check_index(root=root)  # another process may have rebuilt it while this one waited
            if not health.usable:
                if engine is not None:
                    engine.close()
                total = rebuild(root=root, batch_size=batch_size)
                return CatchUp(CatchUpAction.REBUILT, standards=total, reason=health.detail)
    return CatchUp(CatchUpAction.SYNCED, sync=sync(engine or sync_engine(), batch_size=batch_size))
