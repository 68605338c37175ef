"""Arithmetic of the statistics indicators (stats/indicators/), pure: percentages, months between dates, the review
interval they count against. No Django."""

from __future__ import annotations

from datetime import date

from .reviews import REVIEW_YEARS

REVIEW_INTERVAL_YEARS = REVIEW_YEARS
DAYS_PER_MONTH = 365.2425 / 12


def percent(part: int, whole: int, digits: int = 1) -> float | None:
    """part / whole as a percentage (None when there is nothing to divide by)."""
    return round(100 * part / whole, digits) if whole else None


def months_between(start: date, end: date) -> float:
    """Months (of average length) from `start` to `end`."""
    return (end - start).days / DAYS_PER_MONTH
