"""Propagate one change: flag everything that cites the changed edition, batch by batch.

Each batch is one transaction: it locks the change, reads the next citing things after the progress the change
holds (services/citing.py), writes their flags, records the batch (ChangeEvent "flagged") and moves the progress.
So a run killed half-way resumes after the last batch committed, two runs of the same change take turns, and the
unique (change, source, object) of a flag keeps a thing from being flagged twice even if a batch were redone.
The request that changed the catalogue never waits for this: it runs in a task worker (tasks.py). The last
transaction counts the flags, marks the change done and queues the owners' emails (notify.py).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import require_actor
from biaozhun.core.outbox import enqueue_with_transaction

from .. import events
from ..models import Change, ChangeState, Flag
from .citing import STEPS, Draft
from .owners import Owners

BATCH = 2000  # citing things read per transaction


def propagate_change(*, actor: Any, change: Change, batch: int = BATCH) -> Change:
    """Flag what cites the change's edition, resuming where an earlier run stopped; the change, done."""
    require_actor(actor)
    policy.require(actor, "propagation.propagate")
    owners = Owners()
    while True:
        with transaction.atomic():
            current = Change.objects.select_for_update().get(pk=change.pk)
            if current.state == ChangeState.DONE:
                return current
            if not _advance(actor, current, owners, batch):
                return current


def _advance(actor: Any, change: Change, owners: Owners, batch: int) -> bool:
    """One batch (or the end); False once the change is done."""
    index, after = change.progress.get("step", 0), change.progress.get("after", 0)
    while index < len(STEPS) and not STEPS[index].applies(change):
        index, after = index + 1, 0
    if index >= len(STEPS):
        _finish(actor, change)
        return False
    step = STEPS[index]
    read = step.read(change, after, batch, owners)
    _write(change, read.drafts)
    if read.last != after:
        events.batch_flagged(change, actor=actor, step=index, source=step.name, after=read.last,
                             rows=len(read.drafts))
    change.progress = {"step": index + 1, "after": 0} if read.done else {"step": index, "after": read.last}
    change.save(update_fields=["progress"])
    return True


def _write(change: Change, drafts: list[Draft]) -> None:
    if not drafts:
        return
    now = clock.now()
    Flag.objects.bulk_create([
        Flag(change=change, source=d.source, object_id=d.object_id, label=d.label, reference=d.reference,
             citation=d.citation, cited_as=d.cited_as[:120], in_force_id=d.in_force_id, owner_id=d.owner_id,
             created_at=now)
        for d in drafts], batch_size=500, ignore_conflicts=True)


def _finish(actor: Any, change: Change) -> None:
    counts = dict(Flag.objects.filter(change=change).values_list("source").annotate(n=Count("pk")).order_by())
    change.counts = counts
    change.flag_count = sum(counts.values())
    change.state = ChangeState.DONE
    change.finished_at = clock.now()
    change.save(update_fields=["counts", "flag_count", "state", "finished_at", "progress"])
    events.change_finished(change, actor=actor)
    if change.flag_count and not clock.replaying():
        from ..notify import notify_change_owners

        enqueue_with_transaction(notify_change_owners, change.pk)


def pending_changes() -> list[int]:
    """Changes not propagated to the end (a run that died, or queued and not yet run), oldest first."""
    return list(Change.objects.filter(state=ChangeState.PENDING).order_by("pk").values_list("pk", flat=True))
