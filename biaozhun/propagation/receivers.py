"""What propagation does when the catalogue records events: if any of them may be a change that citers must hear
of (a status change, an amendment sheet, a withdrawal), queue one scan in the same transaction (core/outbox): the
request that made the change only writes that one task row and never waits for the propagation itself."""

from __future__ import annotations

from django.db import transaction

from biaozhun.catalog import signals as catalog_signals
from biaozhun.catalog.models import EventKind
from biaozhun.core.outbox import enqueue_with_transaction

SCANNED = frozenset({EventKind.STATUS_CHANGED, EventKind.AMENDMENT_ADDED, EventKind.WITHDRAWN})


def _scan_queued() -> None:
    """Marks, among the transaction's commit callbacks, that its scan is queued (a rolled-back savepoint drops it)."""


def _already_queued(connection) -> bool:
    return any(entry[1] is _scan_queued for entry in getattr(connection, "run_on_commit", ()))


def on_events_recorded(sender, *, kinds: frozenset[str], **kwargs) -> None:
    if SCANNED.isdisjoint(kinds):
        return
    from .tasks import scan_changes

    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # the events committed already (autocommit): nothing to be atomic with
        scan_changes.enqueue()
        return
    if _already_queued(connection):  # one scan per transaction is enough: it reads everything committed
        return
    transaction.on_commit(_scan_queued)
    enqueue_with_transaction(scan_changes)


def connect() -> None:
    catalog_signals.events_recorded.connect(on_events_recorded, dispatch_uid="propagation.scan")
