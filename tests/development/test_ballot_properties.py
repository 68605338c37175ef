"""Properties of closing a ballot: the stored result is what rules/ballots.py decides for the same counts, and
the votes-needed figure shown on the ballot page is exactly the threshold."""

import functools
from itertools import count

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from biaozhun.accounts.models import MembershipRole
from biaozhun.development.services.ballots import close_ballot, open_ballot, record_vote
from biaozhun.rules.ballots import Tally, decide, votes_needed_to_pass
from biaozhun.rules.stages import Stage
from tests.development.helpers import add_document
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.committees import CommitteeFactory, MemberFactory
from tests.factories.development import ProjectFactory

pytestmark = pytest.mark.django_db

CHOICES = ["approve", "reject", "abstain", "recuse", ""]  # "" = did not vote
_numbers = count(900)


def _meeting_ballot(size: int):
    """A project in review (set as a scene) whose committee has `size` voting members, and the ballot its
    secretary opened."""
    committee = CommitteeFactory(code=f"SAC/TC {next(_numbers)}")
    secretary = UserFactory(member_of=OrganisationFactory(tc_secretariat=True, tc_code=committee.code),
                            member_of__role=MembershipRole.SECRETARY)
    MemberFactory.create_batch(size, committee=committee)
    project = ProjectFactory(committee=committee, stage=Stage.REVIEW)
    add_document(project, stage=Stage.DISPOSITION)  # the draft for review the ballot votes on
    ballot = open_ballot(actor=secretary, project=project, method="meeting")
    return ballot, list(committee.members.order_by("pk")), secretary


def _close_with(choices: list[str]):
    """Open a meeting ballot for len(choices) members, record their votes, close it; the stored ballot."""
    ballot, members, secretary = _meeting_ballot(len(choices))
    for member, choice in zip(members, choices, strict=True):
        if choice:
            record_vote(actor=secretary, ballot=ballot, member=member, choice=choice, reason="理由")
    return close_ballot(actor=secretary, ballot=ballot)


def _rolled_back(test):
    """Each example in a savepoint that is rolled back, so examples do not see each other's rows."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        with transaction.atomic():
            test(*args, **kwargs)
            transaction.set_rollback(True)
    return run


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(CHOICES), min_size=1, max_size=9))
@_rolled_back
def test_the_stored_result_is_what_the_rules_decide(choices):
    ballot = _close_with(choices)
    ballot.refresh_from_db()
    tally = Tally(members=len(choices), approve=choices.count("approve"), reject=choices.count("reject"),
                  abstain=choices.count("abstain"), recused=choices.count("recuse"))
    outcome = decide(tally)
    assert (ballot.members, ballot.approve, ballot.reject, ballot.abstain, ballot.recused) == (
        tally.members, tally.approve, tally.reject, tally.abstain, tally.recused)
    assert (ballot.passed, ballot.outcome) == (outcome.passed, outcome.reason)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=12).flatmap(
    lambda members: st.tuples(st.just(members), st.integers(min_value=0, max_value=members - 1))))
@_rolled_back
def test_votes_needed_to_pass_is_exactly_enough(roll):
    """With full turnout and nobody against, the votes needed pass and one fewer does not."""
    members, recused = roll
    needed = votes_needed_to_pass(members, recused)
    eligible = members - recused

    def choices(approve: int) -> list[str]:
        return ["approve"] * approve + ["abstain"] * (eligible - approve) + ["recuse"] * recused

    assert _close_with(choices(needed)).passed is True
    assert _close_with(choices(needed - 1)).passed is False
