"""Read the time limits table (seeded from rules/limits.py, edited by administrators); end periods on working days."""

from datetime import date

from biaozhun.reference.selectors import working_calendar
from biaozhun.rules.limits import DEFAULTS, cycle_limits

from .models import TimeLimit


def current() -> dict[str, int]:
    """Every limit by code; a code missing from the table falls back to its default."""
    values = {code: limit.value for code, limit in DEFAULTS.items()}
    values.update(TimeLimit.objects.values_list("code", "value"))
    return values


def cycles() -> dict[str, int]:
    return cycle_limits(current())


def period_end(last_day: date) -> date:
    """A period's last day moved past rest days and holidays, over the holiday table (rules.workdays)."""
    return working_calendar().period_end(last_day).day
