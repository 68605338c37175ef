"""Derive a published standard's status (即将实施 / 现行 / 被代替 / 废止) from dates and replacement relations.

The catalogue stores the result for search and recomputes it on every relevant write and daily; the
detail page shows the reason this function gives. Pure: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    UPCOMING = "upcoming"  # 即将实施: published, not yet in force
    CURRENT = "current"  # 现行
    REPLACED = "replaced"  # 被代替
    ABOLISHED = "abolished"  # 废止


@dataclass(frozen=True, slots=True)
class Replacement:
    """A newer edition that replaces the standard wholly or in part."""

    identifier: str
    implemented_on: date | None
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Derivation:
    status: Status
    reason: str  # a short machine-stable code, see REASONS
    since: date | None  # the date the status took effect, when known
    by: str | None = None  # the replacing edition, for REPLACED and its pending variants


# Reason codes; pages translate them (catalog/status_text.py).
REASONS = {
    "abolished": "abolished on {since}",
    "replaced": "replaced by {by} from {since}",
    "replaced_undated": "replaced by {by}",
    "upcoming": "in force from {since}",
    "in_force": "in force since {since}",
    "in_force_undated": "published, no implementation date recorded",
    "in_force_replacement_pending": "in force; {by} replaces it from {since}",
    "in_force_partly_replaced": "in force; partly replaced by {by}",
}


def derive_status(
    *,
    today: date,
    published_on: date | None,
    implemented_on: date | None,
    abolished_on: date | None,
    replaced_by: Iterable[Replacement] = (),
) -> Derivation:
    """Abolition wins, then whole replacement in force, then the implementation date."""
    if abolished_on is not None and abolished_on <= today:
        return Derivation(Status.ABOLISHED, "abolished", abolished_on)

    whole = [r for r in replaced_by if not r.partial]
    in_force_replacements = [r for r in whole if r.implemented_on is None or r.implemented_on <= today]
    if in_force_replacements:
        first = min(in_force_replacements, key=lambda r: (r.implemented_on or date.min, r.identifier))
        if first.implemented_on is None:
            return Derivation(Status.REPLACED, "replaced_undated", None, first.identifier)
        return Derivation(Status.REPLACED, "replaced", first.implemented_on, first.identifier)

    start = implemented_on or published_on
    if start is not None and start > today:
        return Derivation(Status.UPCOMING, "upcoming", start)

    pending = sorted((r for r in whole if r.implemented_on is not None), key=lambda r: r.implemented_on)
    if pending:
        return Derivation(Status.CURRENT, "in_force_replacement_pending", pending[0].implemented_on, pending[0].identifier)
    partial = [r for r in replaced_by if r.partial]
    if partial:
        return Derivation(Status.CURRENT, "in_force_partly_replaced", start, partial[0].identifier)
    if start is None:
        return Derivation(Status.CURRENT, "in_force_undated", None)
    return Derivation(Status.CURRENT, "in_force", start)


def next_change_on(
    *,
    today: date,
    implemented_on: date | None,
    abolished_on: date | None,
    replaced_by: Iterable[Replacement] = (),
) -> date | None:
    """The next future date on which the derived status can change, for scheduling recomputation."""
    dates = [d for d in (implemented_on, abolished_on) if d is not None and d > today]
    dates += [r.implemented_on for r in replaced_by if r.implemented_on is not None and r.implemented_on > today]
    return min(dates, default=None)
