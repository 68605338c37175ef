"""Periodic review (复审) of in-force standards: due when published or last confirmed `years` ago or more,
overdue once it has been due for more than `grace_months`. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .cycles import add_months

REVIEW_YEARS = 5
GRACE_MONTHS = 12


def review_due_on(published_on: date, confirmed_on: date | None, *, years: int = REVIEW_YEARS) -> date:
    """The day the next review falls due: `years` after the later of publication and last confirmation."""
    base = max(published_on, confirmed_on) if confirmed_on else published_on
    return add_months(base, 12 * years)


def due_cutoff(today: date, *, years: int = REVIEW_YEARS) -> date:
    """Standards whose base date is on or before this day are due today (the inverse of review_due_on)."""
    return add_months(today, -12 * years)


def overdue_cutoff(today: date, *, years: int = REVIEW_YEARS, grace_months: int = GRACE_MONTHS) -> date:
    return add_months(today, -(12 * years + grace_months))


@dataclass(frozen=True, slots=True)
class ReviewState:
    code: str  # not_due, due, overdue
    due_on: date


def review_state(published_on: date, confirmed_on: date | None, today: date, *, years: int = REVIEW_YEARS,
                 grace_months: int = GRACE_MONTHS) -> ReviewState:
    due_on = review_due_on(published_on, confirmed_on, years=years)
    if today < due_on:
        return ReviewState("not_due", due_on)
    if today < add_months(due_on, grace_months):
        return ReviewState("due", due_on)
    return ReviewState("overdue", due_on)
