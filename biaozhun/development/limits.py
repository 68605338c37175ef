"""Read the time limits table (seeded from rules/limits.py, edited by administrators)."""

from biaozhun.rules.limits import DEFAULTS, cycle_limits

from .models import TimeLimit


def current() -> dict[str, int]:
    """Every limit by code; a code missing from the table falls back to its default."""
    values = {code: limit.value for code, limit in DEFAULTS.items()}
    values.update(TimeLimit.objects.values_list("code", "value"))
    return values


def cycles() -> dict[str, int]:
    return cycle_limits(current())
