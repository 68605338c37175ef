"""Ballot arithmetic: ≥ 2/3 of the voting members for and < 1/4 against, with quorum and recusals."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.ballots import Tally, decide, votes_needed_to_pass


def test_exactly_two_thirds_passes():
    assert decide(Tally(members=30, approve=20, reject=2, abstain=8)).passed


def test_one_vote_short_of_two_thirds_fails():
    outcome = decide(Tally(members=30, approve=19, reject=2, abstain=9))
    assert (outcome.passed, outcome.reason) == (False, "too_few_for")


def test_a_quarter_against_fails_even_with_two_thirds_for():
    outcome = decide(Tally(members=12, approve=8, reject=3, abstain=1))  # 8/12 = 2/3 for, 3/12 = 1/4 against
    assert (outcome.passed, outcome.reason) == (False, "too_many_against")


def test_recused_members_are_not_counted():
    # 9 members, 3 recused: 4 of the 6 eligible is two thirds.
    assert decide(Tally(members=9, approve=4, reject=1, abstain=1, recused=3)).passed
    assert not decide(Tally(members=9, approve=4, reject=1, abstain=1, recused=0)).passed


def test_without_quorum_nothing_passes():
    outcome = decide(Tally(members=20, approve=14, reject=0, abstain=0))  # 14 of 20 cast < 3/4
    assert (outcome.passed, outcome.quorate, outcome.reason) == (False, False, "no_quorum")


def test_impossible_tallies_are_refused():
    with pytest.raises(ValueError):
        Tally(members=5, approve=4, reject=2)
    with pytest.raises(ValueError):
        Tally(members=5, approve=-1)


def test_votes_needed():
    assert [votes_needed_to_pass(n) for n in (3, 10, 30, 31)] == [2, 7, 20, 21]
    assert votes_needed_to_pass(9, recused=3) == 4


tallies = st.integers(min_value=0, max_value=200).flatmap(
    lambda members: st.tuples(st.just(members), *[st.integers(0, members)] * 4)
).filter(lambda t: sum(t[1:]) <= t[0]).map(
    lambda t: Tally(members=t[0], approve=t[1], reject=t[2], abstain=t[3], recused=t[4])
)


@given(tallies)
def test_passing_means_both_thresholds_and_quorum_hold(tally):
    outcome = decide(tally)
    if outcome.passed:
        assert tally.eligible > 0
        assert Fraction(tally.approve, tally.eligible) >= Fraction(2, 3)
        assert Fraction(tally.reject, tally.eligible) < Fraction(1, 4)
        assert Fraction(tally.cast, tally.eligible) >= Fraction(3, 4)


@given(tallies)
def test_one_more_vote_for_never_turns_a_pass_into_a_fail(tally):
    if tally.abstain == 0 or not decide(tally).passed:
        return
    better = Tally(members=tally.members, approve=tally.approve + 1, reject=tally.reject,
                   abstain=tally.abstain - 1, recused=tally.recused)
    assert decide(better).passed


@given(st.integers(1, 500), st.integers(0, 50))
def test_votes_needed_is_the_smallest_passing_count(members, recused):
    if recused >= members:
        return
    needed = votes_needed_to_pass(members, recused)
    eligible = members - recused
    assert Fraction(needed, eligible) >= Fraction(2, 3)
    assert needed == 0 or Fraction(needed - 1, eligible) < Fraction(2, 3)
