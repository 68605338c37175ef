"""Periodic review (复审) of in-force standards: due `years` after the last confirmation (else the publication),
overdue `years` and `grace_months` after it. Pure: no Django.

The database selects due standards by comparing the base date with a cutoff (`due_cutoff`, `overdue_cutoff`);
the cutoffs are the exact inverses of `review_state` for every day, month ends included: a standard published
on 2020-02-29 falls due on 2025-02-28, and so is due on that day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .cycles import add_months

REVIEW_YEARS = 5
GRACE_MONTHS = 12


def review_base(published_on: date | None, confirmed_on: date | None) -> date | None:
    """The date the review period runs from: the last confirmation (always after publication), else publication."""
    return confirmed_on or published_on


def review_due_on(published_on: date | None, confirmed_on: date | None, *, years: int = REVIEW_YEARS) -> date | None:
    """The day the next review falls due (None without any date to count from)."""
    base = review_base(published_on, confirmed_on)
    return add_months(base, 12 * years) if base else None


def latest_base(today: date, months: int) -> date:
    """The latest base date b with add_months(b, months) <= today; every earlier base qualifies too, since
    add_months never goes backwards. On the last day of a month, the later days of the target month (which
    add_months clamps onto that last day) qualify as well: 29 Feb 2020 + 60 months = 28 Feb 2025."""
    target = add_months(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        return target.replace(day=calendar.monthrange(target.year, target.month)[1])
    return target


def due_cutoff(today: date, *, years: int = REVIEW_YEARS) -> date:
    """Standards whose base date is on or before this day are due today (overdue ones included)."""
    return latest_base(today, 12 * years)


def overdue_cutoff(today: date, *, years: int = REVIEW_YEARS, grace_months: int = GRACE_MONTHS) -> date:
    """Standards whose base date is on or before this day are overdue today."""
    return latest_base(today, 12 * years + grace_months)


@dataclass(frozen=True, slots=True)
class ReviewState:
    code: str  # not_due, due, overdue
    due_on: date
    overdue_on: date


def review_state(published_on: date | None, confirmed_on: date | None, today: date, *, years: int = REVIEW_YEARS,
                 grace_months: int = GRACE_MONTHS) -> ReviewState:
    base = review_base(published_on, confirmed_on)
    if base is None:
        raise ValueError("a standard without a publication or confirmation date has no review date")
    due_on = add_months(base, 12 * years)
    overdue_on = add_months(base, 12 * years + grace_months)
    if today < due_on:
        return ReviewState("not_due", due_on, overdue_on)
    if today < overdue_on:
        return ReviewState("due", due_on, overdue_on)
    return ReviewState("overdue", due_on, overdue_on)
