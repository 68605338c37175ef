"""Time limits of standard development projects (制修订周期), counted from the plan's issue date.

From the plan to the approval package (报批): mandatory standards within 24 months, recommended within 18,
adoptions of an international standard within 12. An extension must be requested at least 30 days before the
deadline. Limits are parameters with these defaults, editable by administrators. Pure: no Django.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

CYCLE_MONTHS = {"mandatory": 24, "recommended": 18, "guidance": 18, "adoption": 12}
EXTENSION_NOTICE_DAYS = 30
REMINDER_DAYS_BEFORE = 7


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later; the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_kind(nature: str, adopts_international: bool) -> str:
    return "adoption" if adopts_international else nature


def approval_deadline(plan_issued_on: date, kind: str, *, extension_months: int = 0,
                      limits: dict[str, int] = CYCLE_MONTHS) -> date:
    if kind not in limits:
        raise ValueError(f"unknown cycle kind {kind!r}; expected one of {', '.join(limits)}")
    return add_months(plan_issued_on, limits[kind] + extension_months)


def last_day_to_request_extension(deadline: date, notice_days: int = EXTENSION_NOTICE_DAYS) -> date:
    return deadline - timedelta(days=notice_days)


@dataclass(frozen=True, slots=True)
class DeadlineState:
    code: str  # on_track, reminder, due_today, overdue
    days_left: int


def deadline_state(deadline: date, today: date, reminder_days: int = REMINDER_DAYS_BEFORE) -> DeadlineState:
    """What the daily sweep does today: nothing, remind (7 days before), remind on the day, or flag overdue."""
    days_left = (deadline - today).days
    if days_left < 0:
        return DeadlineState("overdue", days_left)
    if days_left == 0:
        return DeadlineState("due_today", 0)
    if days_left <= reminder_days:
        return DeadlineState("reminder", days_left)
    return DeadlineState("on_track", days_left)
