"""Whether this machine's search index can answer: missing, unreadable, or behind the catalogue, and by how much.

The search page and the search API ask `index_health()` (cached a few seconds per process) and say so instead of
answering "0 results"; `/readyz` asks `check_index()`. `manage.py search_sync` (feed.catch_up) rebuilds an index
that is missing or unusable and applies the events one is behind on, so the index repairs itself wherever the
follower runs.

Stale: the index's last applied catalogue event is more than BIAOZHUN_SEARCH_MAX_LAG_EVENTS event ids behind the
event table, or the oldest event it has not applied was written more than BIAOZHUN_SEARCH_MAX_LAG_SECONDS ago. A
stale index still answers (recent changes may be missing); the others cannot.

The `detail` strings are for operators (logs, /readyz) and name no path; the pages show translated notices.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from biaozhun.catalog.models import StandardEvent

from .documents import SCHEMA_VERSION
from .engine import IndexMissing, IndexStateError, get_engine, search_settings
from .locks import rebuild_running

logger = logging.getLogger(__name__)

# Seconds a process reuses its last answer of index_health() (the search page asks on every request).
HEALTH_TTL = 5.0


class IndexCondition(StrEnum):
    OK = "ok"
    STALE = "stale"  # answers, but recent catalogue changes may be missing
    MISSING = "missing"  # no index (never built, or its directory was removed), or one never filled
    CORRUPT = "corrupt"  # cannot be read, or was built by another version of the schema
    AHEAD = "ahead"  # has applied events the catalogue does not have: the database was replaced (a restore)


UNUSABLE = frozenset({IndexCondition.MISSING, IndexCondition.CORRUPT, IndexCondition.AHEAD})


@dataclass(frozen=True)
class IndexHealth:
    condition: IndexCondition
    last_event_id: int = 0  # the newest catalogue event
    applied_event_id: int | None = None  # the newest event the index has applied (None: no index to ask)
    lag_events: int = 0  # event ids between the two
    lag_seconds: float = 0.0  # how long the oldest unapplied event has waited
    rebuilding: bool = False  # a rebuild holds this machine's lock now
    detail: str = ""

    @property
    def usable(self) -> bool:
        """Searches can be answered (perhaps without the latest changes, when stale)."""
        return self.condition not in UNUSABLE

    @property
    def ok(self) -> bool:
        return self.condition == IndexCondition.OK

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["condition"] = str(self.condition)
        data["lag_seconds"] = round(self.lag_seconds, 1)
        return data


def max_lag() -> tuple[int, float]:
    """(events, seconds) beyond which an index is stale (settings BIAOZHUN_SEARCH_MAX_LAG_*)."""
    return (int(getattr(settings, "BIAOZHUN_SEARCH_MAX_LAG_EVENTS", 1000)),
            float(getattr(settings, "BIAOZHUN_SEARCH_MAX_LAG_SECONDS", 300)))


def check_index(*, root: Path | None = None, now: datetime | None = None) -> IndexHealth:
    """Look at the index now (a database query and a read of the index's state; no cache)."""
    default_root = search_settings()[1]
    root = Path(root or default_root)
    now = now or timezone.now()
    rebuilding = rebuild_running(root)
    last_id = StandardEvent.objects.aggregate(last=Max("id"))["last"] or 0
    base = {"last_event_id": last_id, "rebuilding": rebuilding}
    try:
        if root == default_root:
            state = get_engine().get_state()
        else:
            from .tantivy_engine import TantivyEngine

            engine = TantivyEngine(root, create=False)
            try:
                state = engine.get_state()
            finally:
                engine.close()
    except IndexMissing:
        return IndexHealth(IndexCondition.MISSING, lag_events=last_id, detail="no search index on this machine",
                           **base)
    except (IndexStateError, ValueError, OSError) as exc:  # tantivy reports an unreadable index as ValueError
        logger.warning("the search index at %s cannot be read: %s", root, exc)
        return IndexHealth(IndexCondition.CORRUPT, lag_events=last_id, detail="the search index cannot be read",
                           **base)
    if "last_event_id" not in state and last_id:
        return IndexHealth(IndexCondition.MISSING, applied_event_id=0, lag_events=last_id,
                           detail="the search index has never been filled", **base)
    if state and state.get("schema") != SCHEMA_VERSION:
        return IndexHealth(IndexCondition.CORRUPT, lag_events=last_id,
                           detail=f"the search index has schema {state.get('schema')}, this release {SCHEMA_VERSION}",
                           **base)
    applied = int(state.get("last_event_id", 0))
    if applied > last_id:
        return IndexHealth(IndexCondition.AHEAD, applied_event_id=applied,
                           detail="the search index has events the catalogue does not have (database replaced)",
                           **base)
    lag_events = last_id - applied
    lag_seconds = 0.0
    if lag_events:
        oldest = StandardEvent.objects.filter(id__gt=applied).order_by("id").values_list("at", flat=True).first()
        lag_seconds = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
    most_events, most_seconds = max_lag()
    stale = lag_events > most_events or lag_seconds > most_seconds
    return IndexHealth(
        IndexCondition.STALE if stale else IndexCondition.OK, applied_event_id=applied, lag_events=lag_events,
        lag_seconds=lag_seconds, detail=f"{lag_events} events behind, the oldest for {lag_seconds:.0f} s" if stale
        else "", **base)


_cache: dict[str, tuple[float, IndexHealth]] = {}
_cache_lock = threading.Lock()


def index_health() -> IndexHealth:
    """check_index() of the configured index, reused for HEALTH_TTL seconds in this process."""
    key = str(search_settings()[1])
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < HEALTH_TTL:
        return cached[1]
    health = check_index()
    if not health.ok:
        logger.warning("search index %s: %s", health.condition, health.detail)
    with _cache_lock:
        _cache[key] = (time.monotonic(), health)
    return health


def forget_health() -> None:
    """Ask again at the next index_health() (after a rebuild; when a search found the index gone)."""
    with _cache_lock:
        _cache.clear()


def readiness():
    """The /readyz check (core.health): ready only when the index is present, readable and not behind."""
    from biaozhun.core.health import Check

    health = check_index()
    return Check(health.ok, health.detail, {key: value for key, value in health.as_dict().items() if key != "detail"})
