"""What propagation does when the catalogue records events: if any of them may be a change that citers must hear
of (a status change, an amendment sheet, a withdrawal, an edition entered or gaining a relation that may partly
replace one in force), queue one scan in the same transaction (core/outbox): the
request that made the change only writes that one task row and never waits for the propagation itself."""

from __future__ import annotations

from biaozhun.catalog import signals as catalog_signals
from biaozhun.catalog.models import EventKind
from biaozhun.core.outbox import enqueue_once_with_transaction

SCANNED = frozenset({EventKind.STATUS_CHANGED, EventKind.AMENDMENT_ADDED, EventKind.WITHDRAWN, EventKind.CREATED,
                     EventKind.RELATION_ADDED})


def on_events_recorded(sender, *, kinds: frozenset[str], **kwargs) -> None:
    if SCANNED.isdisjoint(kinds):
        return
    from .tasks import scan_changes

    enqueue_once_with_transaction(scan_changes)


def connect() -> None:
    catalog_signals.events_recorded.connect(on_events_recorded, dispatch_uid="propagation.scan")
