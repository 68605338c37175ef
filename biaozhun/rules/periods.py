"""The days of a public period (立项公示, 征求意见) as the Civil Code counts them. Pure: no Django.

Art. 201: a period counted in days starts on the day after the one it was opened on; the opening day is not
counted. Art. 203: it ends at the end of its last day (which the calendar moves past rest days and holidays, see
rules/workdays.py). So a 60-day period opened on 1 March runs from 2 March to the end of 30 April.
"""

from __future__ import annotations

from datetime import date, timedelta


def days_left(opened_on: date, last_day: date, today: date) -> int:
    """The period's days still to run on `today`, today included once the period has begun: its full length on
    the opening day and on its first day, 1 on its last day, 0 once it is over."""
    if today > last_day:
        return 0
    first_day = opened_on + timedelta(days=1)
    return (last_day - max(today, first_day)).days + 1


def period_phase(first_day: date, last_day: date, today: date) -> str:
    """Where `today` stands in a period whose first and last days both count: "before", "open" or "over"."""
    if today < first_day:
        return "before"
    return "open" if today <= last_day else "over"
