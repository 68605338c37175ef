"""Read the time limits per feedback type (seeded from rules/feedback.DEFAULT_LIMITS, edited by administrators) and
the working-day calendar they are counted on."""

from __future__ import annotations

from biaozhun.reference.selectors import working_calendar
from biaozhun.rules.feedback import DEFAULT_LIMITS, Limits
from biaozhun.rules.workdays import WorkingCalendar

from .models import FeedbackTimeLimit


def all_limits() -> dict[str, Limits]:
    """Every type's limits; a type missing from the table falls back to its default."""
    values = dict(DEFAULT_LIMITS)
    for row in FeedbackTimeLimit.objects.all():
        values[row.category] = Limits(row.acknowledge_days, row.answer_days, row.reminder_days, row.close_days)
    return values


def limits_for(category: str) -> Limits:
    return all_limits()[category]


def calendar() -> WorkingCalendar:
    return working_calendar()
