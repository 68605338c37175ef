"""What the systems app does when the catalogue records events: when an edition is entered or gains a relation,
queue one run that carries programme tags to new editions (services/carry.py), in the same transaction
(core/outbox), so the request or import never waits for it."""

from __future__ import annotations

from biaozhun.catalog import signals as catalog_signals
from biaozhun.core.outbox import enqueue_once_with_transaction

from .services.carry import READ_KINDS

READ = frozenset(READ_KINDS)


def on_events_recorded(sender, *, kinds: frozenset[str], **kwargs) -> None:
    if READ.isdisjoint(kinds):
        return
    from .tasks import carry_tags

    enqueue_once_with_transaction(carry_tags)


def connect() -> None:
    catalog_signals.events_recorded.connect(on_events_recorded, dispatch_uid="systems.carry_tags")
