"""The pure rules of China's participation in ISO/IEC: stage moves, ballot deadlines and reminders, post terms and
ISO/IEC committee codes (biaozhun/rules/participation.py)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.participation import (
    STAGES,
    TermState,
    committee_code,
    days_left,
    deadline_missed,
    default_deadline,
    is_final_stage,
    organisation_of,
    parent_of,
    reminder_due,
    stage_move_allowed,
    stages_after,
    term_state,
)


def test_a_project_moves_forward_and_may_skip_stages_learnt_late():
    assert stage_move_allowed("00.00", "10.20")
    assert stage_move_allowed("10.99", "40.20")
    assert stage_move_allowed("", "00.00")


def test_a_project_never_moves_back_unless_a_decision_sent_it_back():
    assert not stage_move_allowed("40.20", "30.20")
    assert stage_move_allowed("30.92", "20.20")  # CD referred back to the working group
    assert stage_move_allowed("40.93", "40.20")  # a new DIS ballot
    assert stage_move_allowed("40.92", "50.00")  # forward is always allowed
    assert stage_move_allowed("30.92", "10.20")  # back to an earlier main stage, after the decision


def test_nothing_follows_a_final_stage_nor_an_unknown_or_the_same_code():
    assert is_final_stage("30.98") and is_final_stage("95.99") and not is_final_stage("60.60")
    assert stages_after("30.98") == []
    assert not stage_move_allowed("20.20", "20.20")
    assert not stage_move_allowed("20.20", "25.00")


def test_a_published_standard_may_go_to_review_or_withdrawal():
    assert stages_after("60.60") == [code for code in STAGES if code.startswith(("90.", "95."))]


def test_ballot_lengths_follow_the_directives():
    opened = date(2026, 1, 5)
    assert default_deadline("dis", opened) == date(2026, 3, 30)  # 12 weeks
    assert default_deadline("fdis", opened) == date(2026, 3, 2)  # 8 weeks
    assert default_deadline("sr", opened) == date(2026, 5, 25)  # 20 weeks


@pytest.mark.parametrize(("today", "due"), [
    (date(2026, 3, 12), None),  # 8 days before: too early
    (date(2026, 3, 13), 7),
    (date(2026, 3, 18), 7),
    (date(2026, 3, 19), 1),
    (date(2026, 3, 20), 1),  # the deadline's day itself
    (date(2026, 3, 21), None),  # passed
])
def test_reminders_seven_days_and_one_day_before_the_deadline(today, due):
    assert reminder_due(date(2026, 3, 20), today, (7, 1)) == due


def test_the_deadline_day_still_counts_as_in_time():
    assert not deadline_missed(date(2026, 3, 20), date(2026, 3, 20))
    assert deadline_missed(date(2026, 3, 20), date(2026, 3, 21))
    assert days_left(date(2026, 3, 20), date(2026, 3, 21)) == -1


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 60))
def test_a_reminder_is_never_due_after_the_deadline_nor_before_the_longest_lead(deadline, offset):
    for today in (date.fromordinal(deadline.toordinal() + offset + 1), date.fromordinal(deadline.toordinal() - 8 - offset)):
        assert reminder_due(deadline, today, (7, 1)) is None


def test_a_post_expiring_within_the_window_is_flagged_and_an_open_ended_one_never_is():
    today = date(2026, 12, 1)
    assert term_state(date(2024, 1, 1), date(2027, 3, 1), today, 180) == TermState.EXPIRING
    assert term_state(date(2024, 1, 1), date(2028, 3, 1), today, 180) == TermState.CURRENT
    assert term_state(date(2024, 1, 1), None, today, 180) == TermState.CURRENT
    assert term_state(date(2024, 1, 1), date(2026, 11, 30), today, 180) == TermState.ENDED
    assert term_state(date(2027, 1, 1), None, today, 180) == TermState.UPCOMING


@pytest.mark.parametrize(("text", "code", "organisation", "parent"), [
    ("iso/tc176/sc2", "ISO/TC 176/SC 2", "ISO", "ISO/TC 176"),
    ("IEC/TC 61", "IEC/TC 61", "IEC", None),
    ("IEC/SC 62A", "IEC/SC 62A", "IEC", "IEC/TC 62"),
    ("ISO/IEC JTC 1/SC 27", "ISO/IEC JTC 1/SC 27", "ISO/IEC", "ISO/IEC JTC 1"),
    ("ISO／IEC JTC1", "ISO/IEC JTC 1", "ISO/IEC", None),
])
def test_committee_codes_read_in_their_canonical_form(text, code, organisation, parent):
    assert committee_code(text) == code
    assert organisation_of(code) == organisation
    assert parent_of(code) == parent


@pytest.mark.parametrize("text", ["ISO 9001", "ISO/TC", "SAC/TC 28", "ISO/TC 176 N 1234", ""])
def test_what_is_not_a_committee_code_is_refused(text):
    assert committee_code(text) is None
