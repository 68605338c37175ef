"""The version of the settled part of the feedback statistics.

An item that has left the open states (received, routed, acknowledged) never changes its row in the statistics
again: its volume, answer time and lateness are fixed. The statistics count those settled items once and keep the
counts under a version that changes only when an item settles (answered, merged or rejected: `settled_changed`,
called by the state machine after the commit); open items, whose overdue flag depends on the day, are counted on
each (5-minute cached) computation. Rows written outside the services (a generator, a restore) are seen when the
settled counts expire (SETTLED_SECONDS) or after `settled_changed()`.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "feedback:statistics:settled-version"
SETTLED_SECONDS = 24 * 3600


def settled_version() -> str:
    version = cache.get(KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(KEY, version, None):  # another process set it first
            version = cache.get(KEY) or version
    return version


def settled_changed() -> None:
    """After the current transaction commits, the settled counts are recomputed on their next read."""
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex, None))
