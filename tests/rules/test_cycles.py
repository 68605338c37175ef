"""Development cycle time limits: 24 / 18 / 12 months, extensions requested 30 days before, sweep states."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.cycles import (
    add_months,
    approval_deadline,
    cycle_kind,
    deadline_state,
    last_day_to_request_extension,
)


def test_limits_by_kind():
    issued = date(2019, 3, 15)
    assert approval_deadline(issued, "mandatory") == date(2021, 3, 15)
    assert approval_deadline(issued, "recommended") == date(2020, 9, 15)
    assert approval_deadline(issued, cycle_kind("recommended", adopts_international=True)) == date(2020, 3, 15)
    assert approval_deadline(issued, "recommended", extension_months=6) == date(2021, 3, 15)
    with pytest.raises(ValueError, match="mandatory"):
        approval_deadline(issued, "urgent")


def test_month_end_is_kept_within_the_month():
    assert add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert add_months(date(2019, 8, 31), 18) == date(2021, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)


def test_extension_must_be_asked_thirty_days_before():
    assert last_day_to_request_extension(date(2021, 3, 15)) == date(2021, 2, 13)


def test_sweep_states():
    deadline = date(2021, 3, 15)
    assert deadline_state(deadline, date(2021, 3, 1)).code == "on_track"
    assert deadline_state(deadline, date(2021, 3, 8)).code == "reminder"
    assert deadline_state(deadline, date(2021, 3, 15)).code == "due_today"
    assert deadline_state(deadline, date(2021, 3, 16)).code == "overdue"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 120))
def test_adding_months_never_overshoots_the_target_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
