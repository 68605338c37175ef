"""Every write of the statistics app: the indicator catalogue's edits (with their event), the year-end snapshots
(rewritten whole for a year, so running one twice gives the same rows) and the portal's use counter."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import DomainError

from . import indicators
from .models import Indicator, IndicatorEvent, Snapshot, SnapshotRun, StandardUse

EDITABLE = ("name", "definition", "formula", "unit", "dimensions", "source", "public", "position")
USE_KINDS = ("views", "reads", "downloads")


class StaleIndicator(DomainError):
    code = "stats.stale_indicator"


class UnknownDimension(DomainError):
    code = "stats.unknown_dimension"


@transaction.atomic
def update_indicator(actor: Any, indicator: Indicator, *, expected_version: int | None = None,
                     **changes: Any) -> Indicator:
    """Change an indicator's catalogue row (not its code: the code names the function that computes it)."""
    policy.require(actor, "stats.manage_indicators", indicator)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleIndicator(message=str(_stale_message()))
    if "dimensions" in changes:
        allowed = set(indicators.REGISTRY[current.code].dimensions) if current.code in indicators.REGISTRY else set()
        bad = [d for d in changes["dimensions"] if d not in allowed]
        if bad:
            raise UnknownDimension(message=str(_dimension_message(bad)))
    diff = {name: [getattr(current, name), value] for name, value in changes.items() if getattr(current, name) != value}
    if not diff:
        return current
    for name, (_old, new) in diff.items():
        setattr(current, name, new)
    current.version += 1
    current.updated_at = clock.now()
    current.save(update_fields=[*diff, "version", "updated_at"])
    IndicatorEvent.objects.create(indicator=current, actor=_user(actor), changes=diff)
    return current


def _stale_message():
    from django.utils.translation import gettext_lazy as _

    return _("该指标已被他人修改，请刷新后重试。")


def _dimension_message(bad: list[str]):
    from django.utils.translation import gettext as _

    return _("该指标的计算不支持这些维度：%(names)s") % {"names": "、".join(bad)}


def _user(actor: Any):
    return actor if getattr(actor, "pk", None) and getattr(actor, "is_authenticated", False) else None


@dataclass(frozen=True)
class SnapshotResult:
    year: int
    values: int
    seconds: float


def compute_year(year: int, *, as_of: date | None = None) -> list[Snapshot]:
    """Every registered indicator × dimension as of the year-end (or `as_of`), as unsaved rows."""
    day = as_of or date(year, 12, 31)
    context = indicators.Context(day)
    rows = []
    for code, registered in indicators.REGISTRY.items():
        for dimension in registered.dimensions:
            for key, value in registered.function(context, dimension).items():
                rows.append(Snapshot(indicator=code, year=year, dimension=dimension, key=key[:60], value=value))
    return rows


def take_snapshot(*, actor: Any, year: int) -> SnapshotResult:
    """Recompute a year-end's values and store them in place of the old ones (idempotent)."""
    policy.require(actor, "stats.snapshot")
    started = time.perf_counter()
    rows = compute_year(year)
    with transaction.atomic():
        Snapshot.objects.filter(year=year).delete()
        Snapshot.objects.bulk_create(rows, batch_size=2_000)
        seconds = time.perf_counter() - started
        SnapshotRun.objects.create(year=year, actor=_user(actor), seconds=seconds, values=len(rows))
    from . import selectors

    transaction.on_commit(selectors.forget_cache)
    return SnapshotResult(year, len(rows), seconds)


def record_use(standard_id: int, kind: str, *, day: date | None = None) -> None:
    """Add one to a standard's count of `kind` (views, reads, downloads) for the day, at once."""
    record_uses({(standard_id, day or clock.today(), kind): 1})


def record_uses(counts: Mapping[tuple[int, date, str], int]) -> None:
    """Add counts {(standard id, day, kind): n} in one transaction: one upsert per standard and day (INSERT … ON
    CONFLICT, which SQLite and PostgreSQL both know), no read first."""
    rows: dict[tuple[int, date], list[int]] = {}
    for (standard_id, day, kind), n in counts.items():
        if kind not in USE_KINDS:
            raise ValueError(kind)
        rows.setdefault((standard_id, day), [0, 0, 0])[USE_KINDS.index(kind)] += n
    table = StandardUse._meta.db_table
    sql = (f"INSERT INTO {table} (standard_id, day, views, reads, downloads) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608
           f"ON CONFLICT (standard_id, day) DO UPDATE SET "
           + ", ".join(f"{kind} = {table}.{kind} + excluded.{kind}" for kind in USE_KINDS))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, [(standard_id, day, *sums) for (standard_id, day), sums in sorted(rows.items())])
