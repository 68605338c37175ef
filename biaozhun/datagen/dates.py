"""Dates as indexes into a precomputed table of ISO strings (fast, deterministic)."""

import datetime as dt

EPOCH = dt.date(1980, 1, 1)
TODAY = dt.date(2026, 11, 25)
_END = dt.date(2030, 12, 31)

DATES = [(EPOCH + dt.timedelta(days=i)).isoformat() for i in range((_END - EPOCH).days + 1)]
TODAY_IX = (TODAY - EPOCH).days
LAST_IX = len(DATES) - 1
FIRST_YEAR, LAST_YEAR = EPOCH.year, TODAY.year


def ix(year, month=1, day=1):
    return (dt.date(year, month, day) - EPOCH).days


YEAR_START = {y: ix(y) for y in range(FIRST_YEAR, _END.year + 1)}
# MONTH_START[m] is the index of the first day of month m counted from January 1980.
MONTH_START = [ix(1980 + m // 12, m % 12 + 1) for m in range((_END.year - 1979) * 12)]
_MONTH_OF = []
for _m in range(len(MONTH_START)):
    _stop = MONTH_START[_m + 1] if _m + 1 < len(MONTH_START) else LAST_IX + 1
    _MONTH_OF.extend([_m] * (_stop - MONTH_START[_m]))


def year_of(i):
    return FIRST_YEAR + _MONTH_OF[i] // 12


def day_in_year(rng, year):
    """A random day of the year, never after today."""
    start = YEAR_START[year]
    stop = min(YEAR_START[year + 1] - 1, TODAY_IX)
    return rng.randint(start, stop)


def months_later(rng, i, lo, hi):
    """An implementation date lo..hi months after i: usually the first of a month, else an exact day."""
    m = _MONTH_OF[i] + rng.randint(lo, hi)
    if m >= len(MONTH_START):
        return LAST_IX
    if rng.random() < 0.7:
        return max(i, MONTH_START[m])
    return min(LAST_IX, MONTH_START[m] + (i - MONTH_START[_MONTH_OF[i]]))


def batch_days(rng, per_year):
    """Per year, the sorted announcement days on which national and industry standards come out in batches."""
    out = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days = {day_in_year(rng, year) for _ in range(per_year)}
        out[year] = sorted(days)
    return out
