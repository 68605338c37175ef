"""The pure rules of change propagation: which undated references a change reaches, the edition in force after it,
who owns a citing standard, history that is not news, and what a resolution needs."""

from datetime import date

import pytest

from biaozhun.rules.propagation import (
    Candidate,
    ChangeKind,
    Edition,
    choose_owner,
    in_force_after,
    is_history,
    reason_problem,
    undated_affected,
)

OLD, CHANGED, NEW = Edition(2005, 1), Edition(2010, 2), Edition(2020, 3)


def test_a_change_to_the_newest_edition_reaches_undated_references():
    assert undated_affected(CHANGED, [OLD]) is True


def test_a_change_to_an_older_edition_leaves_undated_references_alone():
    assert undated_affected(OLD, [CHANGED, NEW]) is False


def test_the_edition_replacing_the_changed_one_does_not_count_as_newer():
    assert undated_affected(CHANGED, [OLD, NEW], replacers=[NEW.id]) is True
    assert undated_affected(CHANGED, [OLD, NEW], replacers=[]) is False


def test_an_edition_without_a_year_is_the_oldest_and_ties_go_by_id():
    assert undated_affected(Edition.of(None, 9), [Edition.of(1999, 1)]) is False
    assert undated_affected(Edition.of(2010, 5), [Edition.of(2010, 4)]) is True


@pytest.mark.parametrize("kind, undated, expected", [
    (ChangeKind.REPLACED, False, 30), (ChangeKind.REPLACED, True, 30),
    (ChangeKind.AMENDED, False, 10), (ChangeKind.AMENDED, True, 10),
    (ChangeKind.ABOLISHED, False, None), (ChangeKind.ABOLISHED, True, None),
    (ChangeKind.WITHDRAWN, False, None), (ChangeKind.WITHDRAWN, True, 5),
])
def test_the_edition_in_force_after_each_kind_of_change(kind, undated, expected):
    assert in_force_after(kind, changed_id=10, replacing_id=30, newest_remaining_id=5, undated=undated) == expected


def test_a_national_standard_goes_to_its_committee_before_its_department():
    found = {Candidate.TC_SECRETARIAT: 1, Candidate.COMPETENT_DEPARTMENT: 2, Candidate.NATIONAL_ADMINISTRATION: 9}
    assert choose_owner("national", found) == 1
    assert choose_owner("national", {**found, Candidate.TC_SECRETARIAT: None}) == 2


def test_an_industry_standard_goes_to_its_filing_authority_first():
    assert choose_owner("industry", {Candidate.FILING_AUTHORITY: 4, Candidate.COMPETENT_DEPARTMENT: 2}) == 4


def test_a_group_standard_without_a_registered_publisher_falls_to_the_national_administration():
    assert choose_owner("group", {Candidate.PUBLISHER: None, Candidate.TC_SECRETARIAT: 1,
                                  Candidate.NATIONAL_ADMINISTRATION: 9}) == 9


def test_nobody_at_all_is_none():
    assert choose_owner("enterprise", {}) is None


def test_a_change_that_took_effect_long_before_it_was_seen_is_history():
    seen = date(2026, 12, 1)
    assert is_history(date(2020, 1, 1), seen_on=seen) is True
    assert is_history(date(2026, 11, 1), seen_on=seen) is False
    assert is_history(None, seen_on=seen) is False


@pytest.mark.parametrize("resolution, reason, problem", [
    ("updated", "已按 GB/T 1-2020 修订第 2 章", None),
    ("not_affected", "  只引用了术语  ", None),
    ("updated", "   ", "reason_missing"),
    ("ignored", "理由", "resolution"),
    ("updated", "长" * 2001, "reason_too_long"),
])
def test_a_resolution_needs_a_known_outcome_and_a_reason(resolution, reason, problem):
    assert reason_problem(resolution, reason) == problem
