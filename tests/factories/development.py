"""factory-boy factories for development projects and review ballots.

They write rows directly (no services, no events, no policy): use them to set a scene, e.g. many projects for a
query budget or a published project for the sweep, and call the services for the change under test. A project
walked through the workflow with its history is tests/development/helpers.advance.

``BallotFactory(project=p, roll=[member, ...])`` fixes the roll (one Vote each); ``roll__choice="approve"`` has
every member vote so, and the ``closed`` trait closes the ballot with the counts stored, as close_ballot would.
"""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from biaozhun.catalog.models import Nature
from biaozhun.core import clock
from biaozhun.development.models import Ballot, Project, ProjectKind, Vote, VoteChoice
from biaozhun.rules.ballots import Tally, decide
from biaozhun.rules.stages import Stage

from .committees import CommitteeFactory


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    committee = factory.SubFactory(CommitteeFactory)
    title_zh = factory.Sequence(lambda n: f"测试项目{n}")
    kind = ProjectKind.NEW
    nature = Nature.RECOMMENDED
    stage = Stage.PROPOSAL
    created_at = factory.LazyFunction(clock.now)


class BallotFactory(DjangoModelFactory):
    class Meta:
        model = Ballot
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory, stage=Stage.REVIEW)
    method = Ballot.Method.LETTER
    opened_at = factory.LazyFunction(clock.now)
    closes_on = factory.LazyFunction(lambda: clock.today() + timedelta(days=30))

    class Params:
        closed = factory.Trait(closed_at=factory.LazyFunction(clock.now))

    @factory.post_generation
    def roll(self, create: bool, extracted, **kwargs) -> None:
        """The members on the roll; with ``choice``, each has voted so."""
        if not create or extracted is None:
            return
        members = list(extracted)
        choice = kwargs.get("choice", "")
        Vote.objects.bulk_create([Vote(ballot=self, member=member, choice=choice,
                                       cast_at=clock.now() if choice else None) for member in members])
        self.members = len(members)
        if self.closed_at is not None:
            counts = {value: (len(members) if value == choice else 0) for value in VoteChoice.values}
            tally = Tally(members=len(members), approve=counts[VoteChoice.APPROVE], reject=counts[VoteChoice.REJECT],
                          abstain=counts[VoteChoice.ABSTAIN], recused=counts[VoteChoice.RECUSE])
            outcome = decide(tally)
            self.approve, self.reject, self.abstain, self.recused = (
                tally.approve, tally.reject, tally.abstain, tally.recused)
            self.passed, self.outcome = outcome.passed, outcome.reason
        self.save()
