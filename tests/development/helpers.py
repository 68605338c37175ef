"""Walk a project through the workflow for tests, letting the public periods elapse on a backdated clock.

The moves are made by the people who make them: the committee's secretariat, and a reviewer of the national
administration for the plan (tests/development/conftest.py's `walk` fixture passes the role fixtures). Documents
and ballots are set as a scene with factories and direct rows, so a test of one part does not depend on the
services of another; tests of those parts use their services.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from biaozhun.catalog.models import Nature
from biaozhun.committees.models import Member
from biaozhun.core import clock
from biaozhun.development.models import Ballot, DocumentKind, DraftDocument, Project, ProjectKind, VoteChoice
from biaozhun.development.services import move_project
from biaozhun.rules.stages import PERIOD_STAGES, Stage
from tests.factories.committees import MemberFactory
from tests.factories.development import BallotFactory
from tests.factories.files import PDF

PATH = [Stage.NOTICE, Stage.PLANNED, Stage.DRAFTING, Stage.COMMENT, Stage.DISPOSITION, Stage.REVIEW, Stage.APPROVAL]
PLAN_LETTERS = {Nature.MANDATORY: "Q", Nature.RECOMMENDED: "T", Nature.GUIDANCE: "Z"}


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def add_document(project: Project, kind: str = DocumentKind.DRAFT, content: bytes = PDF,
                 stage: str | None = None) -> DraftDocument:
    """A new version of a document, as uploaded in the project's stage (or `stage`: a scene set directly)."""
    version = project.documents.filter(kind=kind).count() + 1
    document = DraftDocument(project=project, kind=kind, version=version, stage=stage or project.stage,
                             filename=f"{kind}.pdf", content_type="application/pdf", size=len(content),
                             sha256=DraftDocument.digest(content), uploaded_at=clock.now())
    document.file.save(f"{kind}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def voting_members(committee, count: int = 4) -> list[Member]:
    """`count` voting members in term, spread over stakeholder categories so the committee stays balanced."""
    return MemberFactory.create_batch(count, committee=committee)


def passed_ballot(project: Project) -> Ballot:
    """A meeting ballot closed today, every voting member for."""
    members = list(project.committee.members.filter(voting=True)) or voting_members(project.committee)
    return BallotFactory(project=project, method=Ballot.Method.MEETING, closes_on=clock.today(), closed=True,
                         roll=members, roll__choice=VoteChoice.APPROVE)


def advance(project: Project, to: str, *, secretariat, reviewer, start: date = date(2026, 1, 5)) -> Project:
    """Move `project` (from proposal) to stage `to`, starting on `start` and letting every period elapse:
    notice 30 days, comment 60 days (each ending on a working day). Adds the drafts (for comment, for review, for
    approval), the approval package and a passed ballot as needed. `secretariat` makes the committee's moves, `reviewer` issues the plan. Returns the project as
    of the last move; the clock is back to the real time afterwards."""
    day = start
    for step in PATH[: PATH.index(to) + 1]:
        with clock.as_of(at(day)):
            project.refresh_from_db()
            if step == Stage.COMMENT and not project.documents.filter(kind=DocumentKind.DRAFT).exists():
                add_document(project)
            if step == Stage.REVIEW:
                add_document(project)  # uploaded after the comments: the draft for review (送审稿)
            if step == Stage.APPROVAL:
                add_document(project)  # uploaded during review: the draft for approval (报批稿)
                passed_ballot(project)
                for kind in (DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES, DocumentKind.DISPOSITION_TABLE):
                    add_document(project, kind)
                if project.kind == ProjectKind.ADOPTION:
                    add_document(project, DocumentKind.INTERNATIONAL_TEXT)
            planning = step == Stage.PLANNED
            project = move_project(
                actor=reviewer if planning else secretariat, project=project, to=step,
                expected_version=project.version,
                plan_number=f"{day.year}{project.pk:04d}-{PLAN_LETTERS[project.nature]}-469" if planning else "")
        # The next step comes the day after a public period ends (its end moves past holidays), else a week on.
        day = project.period_ends_on + timedelta(days=1) if step in PERIOD_STAGES else day + timedelta(days=7)
    return project
