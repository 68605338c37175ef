"""The feedback workflow as a table: moves, refusals that name the way on, working-day deadlines, escalation
levels and tracking numbers."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.feedback import (
    ALPHABET,
    ENDED,
    OPEN,
    TRANSITIONS,
    Action,
    Deadline,
    FeedbackState,
    Limits,
    MoveRefused,
    allowed_actions,
    answer_working_days,
    check,
    deadlines,
    new_tracking_number,
    next_level,
    normalise_tracking_number,
    overdue_deadlines,
    pending_deadline,
    reminder_due,
)
from biaozhun.rules.workdays import WorkingCalendar

# October 2026: the National Day holiday 1–7 October, make-up working day Saturday 10 October.
CALENDAR = WorkingCalendar.from_days(
    [*((date(2026, 10, d), False) for d in range(1, 8)), (date(2026, 10, 10), True)], known_years=[2026])
LIMITS = Limits(acknowledge_days=5, answer_days=20, reminder_days=3, close_days=10)


def test_the_happy_path_runs_from_received_to_closed():
    state = FeedbackState.RECEIVED
    for action in (Action.ROUTE, Action.ACKNOWLEDGE, Action.ANSWER, Action.CLOSE):
        state = check(state, action)
    assert state == FeedbackState.CLOSED


def test_an_item_may_be_answered_without_a_separate_acknowledgement():
    assert check("routed", "answered") == FeedbackState.ANSWERED


def test_reassignment_puts_the_item_before_the_new_handler_to_acknowledge():
    assert check("acknowledged", "reassigned") == FeedbackState.ROUTED


def test_every_open_item_may_be_merged_or_rejected_and_no_ended_one_may_move():
    for state in OPEN:
        assert check(state, "merged") == FeedbackState.MERGED
        assert check(state, "rejected") == FeedbackState.REJECTED
    for state in ENDED:
        assert allowed_actions(state) == ()


def test_a_refused_move_names_the_allowed_actions():
    with pytest.raises(MoveRefused) as caught:
        check("answered", "acknowledged")
    assert caught.value.allowed == ["closed"]
    with pytest.raises(MoveRefused, match="none"):
        check("closed", "answered")


@given(st.sampled_from(list(FeedbackState)), st.sampled_from(list(Action)))
def test_check_agrees_with_allowed_actions(state, action):
    if action in allowed_actions(state):
        assert check(state, action) == TRANSITIONS[action][1]
    else:
        with pytest.raises(MoveRefused):
            check(state, action)


def test_deadlines_count_working_days_over_the_national_day_holiday():
    due = deadlines(date(2026, 9, 30), LIMITS, CALENDAR)
    # 8, 9, 10 (make-up Saturday), 12, 13 October are the five working days after 30 September
    assert due.acknowledge == date(2026, 10, 13)
    assert due.answer == date(2026, 11, 3)
    assert not due.approximate


def test_deadlines_past_the_known_years_are_marked_approximate():
    assert deadlines(date(2026, 12, 20), LIMITS, CALENDAR).approximate


def test_limits_refuse_an_acknowledgement_due_after_the_answer():
    with pytest.raises(ValueError):
        Limits(acknowledge_days=30, answer_days=20, reminder_days=3, close_days=10)
    with pytest.raises(ValueError):
        Limits(acknowledge_days=0, answer_days=20, reminder_days=3, close_days=10)


def test_the_pending_deadline_follows_the_state():
    assert pending_deadline("received") == Deadline.ACKNOWLEDGE
    assert pending_deadline("acknowledged") == Deadline.ANSWER
    assert pending_deadline("answered") is None


def test_overdue_deadlines_are_only_those_still_awaited():
    ack, answer = date(2026, 10, 13), date(2026, 11, 3)
    assert overdue_deadlines("routed", ack, answer, date(2026, 10, 14)) == (Deadline.ACKNOWLEDGE,)
    assert overdue_deadlines("routed", ack, answer, date(2026, 11, 4)) == (Deadline.ACKNOWLEDGE, Deadline.ANSWER)
    assert overdue_deadlines("acknowledged", ack, answer, date(2026, 11, 4)) == (Deadline.ANSWER,)
    assert overdue_deadlines("answered", ack, answer, date(2027, 1, 1)) == ()
    assert overdue_deadlines("routed", ack, answer, ack) == ()  # due today is not late


def test_reminders_start_three_working_days_before_the_deadline_and_stop_after_it():
    due = date(2026, 10, 13)  # Tuesday; Monday 12, Saturday 10 (make-up) and Friday 9 October come before it
    assert not reminder_due(due, date(2026, 10, 8), 3, CALENDAR)
    assert reminder_due(due, date(2026, 10, 9), 3, CALENDAR)
    assert reminder_due(due, due, 3, CALENDAR)
    assert not reminder_due(due, date(2026, 10, 14), 3, CALENDAR)


def test_answer_time_is_counted_in_working_days():
    assert answer_working_days(date(2026, 9, 30), date(2026, 10, 13), CALENDAR) == 5
    assert answer_working_days(date(2026, 9, 30), date(2026, 9, 30), CALENDAR) == 0


def test_escalation_climbs_two_levels_and_stops_at_the_top():
    assert next_level(0) == 1
    assert next_level(1) == 2
    assert next_level(2) is None


def test_a_tracking_number_reads_back_from_what_a_person_types():
    number = new_tracking_number("7Q4M2XK9PW")
    assert number.startswith("FK-7Q4M-2XK9-PW")
    typed = number.lower().replace("-", " ").replace("0", "o")
    assert normalise_tracking_number(typed) == number


def test_a_mistyped_tracking_number_is_refused_before_any_lookup():
    number = new_tracking_number("7Q4M2XK9PW")
    swapped = number[:3] + number[4] + number[3] + number[5:]
    assert normalise_tracking_number(swapped) is None
    assert normalise_tracking_number("FK-123") is None
    assert normalise_tracking_number("") is None


@given(st.text(alphabet=ALPHABET, min_size=10, max_size=10), st.integers(min_value=0, max_value=9),
       st.sampled_from(ALPHABET))
def test_every_single_symbol_error_is_caught(body, position, replacement):
    number = new_tracking_number(body)
    compact = number.replace("-", "")[2:]
    if compact[position] == replacement:
        return
    wrong = compact[:position] + replacement + compact[position + 1:]
    assert normalise_tracking_number(wrong) is None


def test_random_tracking_numbers_are_well_formed_and_url_safe():
    for _ in range(200):
        number = new_tracking_number()
        assert normalise_tracking_number(number) == number
        assert all(c.isalnum() or c == "-" for c in number)
