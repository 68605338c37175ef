"""Read the inspection time limits (seeded from rules/inspections.py, edited by administrators) and compute the
dates that follow from them over the working-day calendar (reference tables)."""

from __future__ import annotations

from datetime import date, timedelta

from biaozhun.reference.selectors import working_calendar
from biaozhun.rules.inspections import DEFAULTS
from biaozhun.rules.workdays import WorkdayResult

from .models import InspectionTimeLimit


def current() -> dict[str, tuple[int, str]]:
    """Every limit by code as (value, unit); a code missing from the table falls back to its default."""
    values = {code: (limit.value, limit.unit) for code, limit in DEFAULTS.items()}
    values.update({code: (value, unit) for code, value, unit in
                   InspectionTimeLimit.objects.values_list("code", "value", "unit")})
    return values


def add(start: date, code: str) -> WorkdayResult:
    """`start` plus the limit: working days counted as such; calendar days end on a working day. `approximate`
    when the calendar does not know a year the count passed through (Monday–Friday assumed)."""
    value, unit = current()[code]
    calendar = working_calendar()
    if unit == InspectionTimeLimit.Unit.WORKING_DAYS:
        return calendar.add_working_days(start, value)
    return calendar.period_end(start + timedelta(days=value))


def results_due(drawn_on: date) -> WorkdayResult:
    """The last day to publish the results of a campaign drawn on `drawn_on` (20 working days by default)."""
    return add(drawn_on, "results_working_days")


def correction_deadline(issued_on: date) -> date:
    return add(issued_on, "correction_days").day
