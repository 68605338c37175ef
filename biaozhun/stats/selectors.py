"""Reads the dashboards, the API, the exports and the yearly report share. Past years come from the snapshots
(one indexed read); the current year is computed from the records and cached for CACHE_TTL seconds (a snapshot
taken empties the cache)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock

from . import indicators, labels
from .models import Indicator, Snapshot, SnapshotRun

CACHE_TTL = 600
VERSION_KEY = "stats:version"
TREND_YEARS = 10


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None


@dataclass(frozen=True)
class Figures:
    indicator: Indicator
    dimension: str
    year: int
    live: bool  # computed from the records now, not read from a snapshot
    rows: list[Figure]

    @property
    def total(self) -> float | None:
        values = [row.value for row in self.rows if row.value is not None]
        return sum(values) if values else None


def visible_indicators(viewer: Any) -> QuerySet[Indicator]:
    """The indicators of the catalogue this person may read: the public ones, and the internal ones for staff."""
    found = Indicator.objects.filter(code__in=indicators.indicator_codes())
    if not policy.can(viewer, "stats.view_internal"):
        found = found.filter(public=True)
    return found


def indicator_for(viewer: Any, code: str) -> Indicator | None:
    return visible_indicators(viewer).filter(code=code).first()


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def forget_cache() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def snapshot_years() -> list[int]:
    """The years with a snapshot (read from the runs: a few rows, not the values)."""
    return sorted(set(SnapshotRun.objects.order_by().values_list("year", flat=True).distinct()))


def live_values(code: str, dimension: str, *, as_of: date | None = None) -> dict[str, float | None]:
    """An indicator's values today (or at `as_of`), cached while no snapshot is taken."""
    day = as_of or clock.today()
    key = f"stats:{_version()}:{day.isoformat()}:{code}:{dimension}"
    found = cache.get(key)
    if found is None:
        found = indicators.compute(code, dimension, as_of=day)
        cache.set(key, found, CACHE_TTL)
    return found


def values(code: str, dimension: str, year: int) -> tuple[dict[str, float | None], bool]:
    """(values, live): a past year from its snapshot when there is one, else computed at its year-end."""
    today = clock.today()
    if year < today.year:
        stored = dict(Snapshot.objects.filter(indicator=code, year=year, dimension=dimension)
                      .values_list("key", "value"))
        if stored:
            return stored, False
        return live_values(code, dimension, as_of=date(year, 12, 31)), True
    return live_values(code, dimension), True


def figures(indicator: Indicator, dimension: str, year: int) -> Figures:
    found, live = values(indicator.code, dimension, year)
    names = labels.names(dimension, list(found))
    rows = [Figure(key, names.get(key) or key or _("未分类"), value) for key, value in found.items()]
    rows.sort(key=lambda row: labels.order(dimension, row.key, row.value))
    return Figures(indicator, dimension, year, live, rows)


def trend(indicator: Indicator, dimension: str, key: str, *, until: int) -> list[tuple[int, float | None]]:
    """The indicator's value for one key at each year-end with a snapshot (up to `until`), and `until` itself."""
    years = [y for y in snapshot_years() if until - TREND_YEARS < y <= until]
    stored = dict(Snapshot.objects.filter(indicator=indicator.code, dimension=dimension, key=key, year__in=years)
                  .values_list("year", "value"))
    points = [(year, stored.get(year)) for year in years]
    if until not in years:
        found, _live = values(indicator.code, dimension, until)
        points.append((until, found.get(key)))
    return points


def field_figures(viewer: Any, dimension: str, key: str, year: int) -> list[tuple[Indicator, float | None]]:
    """Every visible indicator that has this dimension, with its value for the key in that year."""
    rows = []
    for indicator in visible_indicators(viewer):
        if dimension in indicator.dimensions:
            found, _live = values(indicator.code, dimension, year)
            rows.append((indicator, found.get(key)))
    return rows
