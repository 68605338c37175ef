"""One constructor per kind of propagation event; the services record every move through these."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import Change, ChangeEvent, ChangeEventKind, Flag, FlagEvent, FlagEventKind, FlagState


def _change_event(change: Change, kind: str, *, actor: Any, data: dict[str, Any]) -> ChangeEvent:
    return ChangeEvent.objects.create(change=change, kind=kind, actor=user_or_none(actor), at=clock.now(), data=data)


def change_detected(change: Change, *, actor: Any) -> ChangeEvent:
    return _change_event(change, ChangeEventKind.DETECTED, actor=actor,
                         data={"event": change.event_id, "undated_affected": change.undated_affected})


def batch_flagged(change: Change, *, actor: Any, step: int, source: str, after: int, rows: int) -> ChangeEvent:
    """One batch of the propagation: `rows` citing things up to id `after` of `source` were flagged (or had been)."""
    return _change_event(change, ChangeEventKind.FLAGGED, actor=actor,
                         data={"step": step, "source": source, "after": after, "rows": rows})


def change_finished(change: Change, *, actor: Any) -> ChangeEvent:
    return _change_event(change, ChangeEventKind.FINISHED, actor=actor,
                         data={"counts": change.counts, "flags": change.flag_count})


def owner_notified(change: Change, *, actor: Any, owner_id: int | None, people: int, flags: int) -> ChangeEvent:
    return _change_event(change, ChangeEventKind.NOTIFIED, actor=actor,
                         data={"owner": owner_id, "people": people, "flags": flags})


def owners_notified_without_people(change: Change, *, actor: Any, counts: dict[int, int]) -> None:
    """Owners nobody on the platform acts for (no one to email): recorded as told, in one statement."""
    at, actor_row = clock.now(), user_or_none(actor)
    ChangeEvent.objects.bulk_create([
        ChangeEvent(change=change, kind=ChangeEventKind.NOTIFIED, actor=actor_row, at=at,
                    data={"owner": owner_id, "people": 0, "flags": flags})
        for owner_id, flags in counts.items()], batch_size=1000)


def flag_resolved(flag: Flag, *, actor: Any, resolution: str, reason: str) -> FlagEvent:
    return FlagEvent.objects.create(flag=flag, kind=FlagEventKind.RESOLVED, actor=user_or_none(actor),
                                    at=clock.now(), from_state=FlagState.OPEN, to_state=FlagState.RESOLVED,
                                    reason=reason, data={"resolution": resolution})
