"""Reminders ahead of a date, by leads in days (a committee's term end, a work-plan task's due date). Pure: no Django."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def lead_due(end: date, today: date, leads: Iterable[int]) -> int | None:
    """The reminder due on ``today`` while ``end`` has not passed: the smallest lead (days before the end) whose day
    has come, or None. An end on 31 December, reminded 180 and 30 days ahead: from 4 July the 180-day reminder is
    due, from 1 December the 30-day one (a sweep that missed days sends the latest stage only)."""
    if today > end:
        return None
    left = (end - today).days
    due = [lead for lead in leads if left <= lead]
    return min(due) if due else None
