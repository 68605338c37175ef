"""Working-day arithmetic over the holiday table, with the Monday–Friday fallback flagged."""

from datetime import date

from biaozhun.rules.workdays import WorkingCalendar

# A small calendar: 1–7 October 2026 off, Saturday 10 October a make-up working day.
CAL = WorkingCalendar.from_days(
    [(date(2026, 10, d), False) for d in range(1, 8)] + [(date(2026, 10, 10), True)],
    known_years=[2026],
)


def test_holidays_are_skipped():
    # Wednesday 30 September + 1 working day → Thursday 8 October (1–7 are holidays).
    assert CAL.add_working_days(date(2026, 9, 30), 1).day == date(2026, 10, 8)


def test_makeup_saturday_counts_as_working_day():
    assert CAL.is_working_day(date(2026, 10, 10))
    assert CAL.add_working_days(date(2026, 10, 9), 1).day == date(2026, 10, 10)


def test_unknown_year_falls_back_to_weekdays_and_says_so():
    result = CAL.add_working_days(date(2027, 1, 1), 5)
    assert result.day == date(2027, 1, 8)
    assert result.approximate


def test_known_year_is_exact():
    assert not CAL.add_working_days(date(2026, 3, 2), 3).approximate


def test_between_is_inverse_of_add():
    start = date(2026, 9, 20)
    end = CAL.add_working_days(start, 20).day
    assert CAL.working_days_between(start, end) == 20
    assert CAL.working_days_between(end, start) == -20


def test_a_period_ending_on_a_holiday_ends_on_the_first_working_day_after():
    assert CAL.period_end(date(2026, 10, 1)).day == date(2026, 10, 8)  # National Day
    assert CAL.period_end(date(2026, 10, 10)).day == date(2026, 10, 10)  # a make-up working Saturday
    assert CAL.period_end(date(2026, 9, 30)).day == date(2026, 9, 30)  # already a working day


def test_a_period_ending_past_the_known_years_moves_past_weekends_and_says_so():
    result = CAL.period_end(date(2027, 1, 2))  # a Saturday
    assert result.day == date(2027, 1, 4) and result.approximate
