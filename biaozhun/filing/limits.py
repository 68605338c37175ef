"""Read the filing time limits (seeded from rules/filing.py, edited by administrators) and compute the dates
that follow from them over the working-day calendar."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biaozhun.reference.selectors import working_calendar
from biaozhun.rules.cycles import add_months
from biaozhun.rules.filing import DEFAULTS

from .models import FilingTier, FilingTimeLimit
from .steady import held

LABELS: dict[str, Promise] = {
    "industry_filing_days": _("行业标准的备案期限"),
    "local_filing_days": _("地方标准的备案期限"),
    "review_days": _("备案审查期限"),
    "province_days": _("省级审核期限"),
    "reminder_days": _("审查期限提醒的提前期"),
    "review_years": _("复审周期"),
}
assert set(LABELS) == set(DEFAULTS), "every filing time limit needs its name"


def label(code: str) -> str:
    return str(LABELS[code])


def current() -> dict[str, tuple[int, str]]:
    """Every limit by code as (value, unit); a code missing from the table falls back to its default. Read once per
    steady() block (a batch), else at each call."""
    return held("limits", _read)


def _read() -> dict[str, tuple[int, str]]:
    values = {code: (limit.value, limit.unit) for code, limit in DEFAULTS.items()}
    values.update({code: (value, unit) for code, value, unit in
                   FilingTimeLimit.objects.values_list("code", "value", "unit")})
    return values


def add(start: date, code: str) -> date:
    """`start` plus the limit: calendar days end on a working day; working days are counted as such."""
    value, unit = current()[code]
    calendar = held("calendar", working_calendar)
    if unit == FilingTimeLimit.Unit.WORKING_DAYS:
        return calendar.add_working_days(start, value).day
    if unit == FilingTimeLimit.Unit.YEARS:
        return add_months(start, 12 * value)
    return calendar.period_end(start + timedelta(days=value)).day


def filing_deadline(tier: str, published_on: date | None) -> date | None:
    if published_on is None:
        return None
    return add(published_on, "industry_filing_days" if tier == FilingTier.INDUSTRY else "local_filing_days")
