"""Periodic review dates: due after 5 years, overdue a year later; the cutoffs the database filters on agree with
the review state on every day, month ends and 29 February included."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from biaozhun.rules.cycles import add_months
from biaozhun.rules.reviews import due_cutoff, overdue_cutoff, review_due_on, review_state


def _near_month_end(year: int, month: int, back: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1]) - timedelta(days=back)


# Any day, but often one of the last days of a month (leap years included), where month arithmetic goes wrong.
days = st.one_of(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    st.builds(_near_month_end, st.integers(1950, 2100), st.integers(1, 12), st.integers(0, 3)),
)


def test_due_five_years_after_publication_or_the_last_confirmation():
    assert review_due_on(date(2018, 6, 30), None) == date(2023, 6, 30)
    assert review_due_on(date(2010, 6, 30), date(2019, 3, 1)) == date(2024, 3, 1)
    assert review_due_on(None, None) is None


def test_states_around_the_due_and_overdue_days():
    published = date(2018, 6, 30)
    assert review_state(published, None, date(2023, 6, 29)).code == "not_due"
    assert review_state(published, None, date(2023, 6, 30)).code == "due"
    assert review_state(published, None, date(2024, 6, 29)).code == "due"
    assert review_state(published, None, date(2024, 6, 30)).code == "overdue"


def test_a_standard_published_on_29_february_is_due_on_28_february():
    assert review_state(date(2020, 2, 29), None, date(2025, 2, 28)).code == "due"
    assert date(2020, 2, 29) <= due_cutoff(date(2025, 2, 28))
    assert date(2020, 2, 29) > due_cutoff(date(2025, 2, 27))
    assert due_cutoff(date(2024, 2, 29), years=4) == date(2020, 2, 29)


def test_the_last_day_of_a_month_covers_the_longer_month_it_came_from():
    # 31 March + 61 months = 30 April: on 30 April, bases up to 31 March are overdue with one month of grace.
    assert overdue_cutoff(date(2025, 4, 30), years=5, grace_months=1) == date(2020, 3, 31)
    assert review_state(date(2020, 3, 31), None, date(2025, 4, 30), grace_months=1).code == "overdue"


def test_a_standard_without_dates_has_no_review_state():
    with pytest.raises(ValueError):
        review_state(None, None, date(2025, 1, 1))


def _around(day: date) -> list[date]:
    """The days near `day` and the last days of its month: where a cutoff off by one would show."""
    month_end = _near_month_end(day.year, day.month, 0)
    return [day + timedelta(days=d) for d in range(-4, 5)] + [month_end - timedelta(days=d) for d in range(4)]


@example(today=date(2025, 2, 28), years=5, grace=12)
@example(today=date(2025, 4, 30), years=5, grace=1)
@given(today=days, years=st.integers(1, 10), grace=st.integers(0, 36))
def test_the_cutoffs_select_exactly_the_due_and_overdue_standards(today, years, grace):
    for base in _around(add_months(today, -12 * years)) + _around(add_months(today, -12 * years - grace)):
        state = review_state(base, None, today, years=years, grace_months=grace)
        assert (base <= due_cutoff(today, years=years)) == (state.code != "not_due"), base
        assert (base <= overdue_cutoff(today, years=years, grace_months=grace)) == (state.code == "overdue"), base


@given(published=days, confirmed=st.none() | days, today=days)
def test_a_confirmation_restarts_the_period(published, confirmed, today):
    state = review_state(published, confirmed, today)
    assert state.due_on == review_due_on(confirmed or published, None)
    assert state.due_on <= state.overdue_on
