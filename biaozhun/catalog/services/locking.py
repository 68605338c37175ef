"""One writer of catalogue editions at a time on PostgreSQL, as SQLite has by its nature.

Two imports (on two machines, or an import and an editor) may write the same editions at the same moment: both
find a number missing and both insert it (the second failed on the unique index and the import stopped), or both
recompute the status of an edition from relations the other is changing, and the last to commit stores a status
computed without the other's change. So every transaction that writes editions first takes one transaction-scoped
advisory lock, before any row lock (taking it after a row lock could deadlock with a writer holding it and
wanting that row). Writers queue for the length of one transaction (an import batch, a form's save); readers and
the rest of the site are never blocked. On SQLite, transactions are IMMEDIATE (settings): writers already queue.

The catalogue's event feed follows: `events.record` takes the lock too, so StandardEvent rows commit in the order of
their ids (an id is drawn only while the lock is held, and the lock is released only at commit). A reader of the
feed that sees an event has therefore seen every committed event with a smaller id: the watch-list digest
(portal/notifications.py) and the search followers (search/feed.py, which still keeps its gap list as a second
line of defence) never skip a change that commits late.

    @transaction.atomic
    def abolish_standard(*, actor, standard, ...):
        policy.require(...)
        lock_catalogue()
        current = Standard.objects.select_for_update().get(pk=standard.pk)
"""

from __future__ import annotations

import zlib

from django.db import connection

# The advisory lock's key: any fixed 64-bit number no other code uses.
CATALOGUE_LOCK = zlib.crc32(b"biaozhun.catalog.write")


def lock_catalogue() -> None:
    """Wait until no other transaction writes the catalogue; held until this transaction ends (re-entrant)."""
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("lock_catalogue() holds until the transaction ends: call it inside transaction.atomic")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CATALOGUE_LOCK])
