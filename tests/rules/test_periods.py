"""The days left of a public period, counted as the Civil Code counts them (art. 201, 203). Pure: no database."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.periods import days_left

OPENED = date(2026, 3, 1)
LAST_DAY = date(2026, 4, 30)  # a 60-day period opened on 1 March: 2 March to the end of 30 April


def test_a_sixty_day_period_has_sixty_days_left_on_its_opening_and_first_days():
    assert days_left(OPENED, LAST_DAY, OPENED) == 60  # the opening day is not counted
    assert days_left(OPENED, LAST_DAY, date(2026, 3, 2)) == 60  # the first day counts, to its end


def test_the_last_day_is_the_last_one_left_and_then_none():
    assert days_left(OPENED, LAST_DAY, LAST_DAY) == 1  # the period ends at the end of its last day
    assert days_left(OPENED, LAST_DAY, LAST_DAY + timedelta(days=1)) == 0


@given(length=st.integers(min_value=1, max_value=400), elapsed=st.integers(min_value=1, max_value=400))
def test_each_day_of_the_period_takes_one_day_off(length, elapsed):
    last_day = OPENED + timedelta(days=length)
    today = OPENED + timedelta(days=elapsed)
    expected = length - elapsed + 1 if elapsed <= length else 0
    assert days_left(OPENED, last_day, today) == expected


def test_a_period_is_open_from_its_first_day_to_the_end_of_its_last():
    from biaozhun.rules.periods import period_phase

    first, last = date(2026, 3, 2), date(2026, 4, 30)
    assert period_phase(first, last, date(2026, 3, 1)) == "before"
    assert period_phase(first, last, first) == "open"
    assert period_phase(first, last, last) == "open"
    assert period_phase(first, last, last + timedelta(days=1)) == "over"
