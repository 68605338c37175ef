"""Working-day arithmetic over an official holiday calendar.

The calendar knows holidays (法定节假日 and the days off around them) and make-up working days (调休上班)
for the years it was given. Past those years it falls back to Monday–Friday and says so, so a deadline
computed that way can be shown as provisional.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class WorkdayResult:
    day: date
    approximate: bool  # True when any day counted lies in a year the calendar does not know


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)
    known_years: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def from_days(cls, days: Iterable[tuple[date, bool]], known_years: Iterable[int]) -> WorkingCalendar:
        """Build from (day, is_workday) pairs: is_workday marks a weekend make-up working day."""
        holidays, workdays = set(), set()
        for day, is_workday in days:
            (workdays if is_workday else holidays).add(day)
        return cls(frozenset(holidays), frozenset(workdays), frozenset(known_years))

    def knows(self, day: date) -> bool:
        return day.year in self.known_years

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> WorkdayResult:
        """The date `days` working days after `start` (start itself not counted); negative counts go back."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        current = start
        approximate = not self.knows(start)
        while remaining:
            current += timedelta(days=step)
            approximate = approximate or not self.knows(current)
            if self.is_working_day(current):
                remaining -= 1
        return WorkdayResult(current, approximate)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count

    def period_end(self, last_day: date) -> WorkdayResult:
        """The last day of a period counted in calendar days: when it falls on a rest day or holiday, the first
        working day after it (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日)."""
        current = last_day
        approximate = not self.knows(current)
        while not self.is_working_day(current):
            current += timedelta(days=1)
            approximate = approximate or not self.knows(current)
        return WorkdayResult(current, approximate)
