"""Walk a project through the workflow for tests, letting the public periods elapse on a backdated clock.

Documents and ballots are written directly (as fixtures), so a test of one part does not depend on the
services of another; tests of those parts use their services.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from biaozhun.committees.models import Member
from biaozhun.core import clock
from biaozhun.development.models import Ballot, DocumentKind, DraftDocument, Project, Vote
from biaozhun.development.services import move_project

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PATH = ["notice", "planned", "drafting", "comment", "disposition", "review", "approval"]


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def add_document(project: Project, kind: str = DocumentKind.DRAFT, content: bytes = PDF) -> DraftDocument:
    version = project.documents.filter(kind=kind).count() + 1
    document = DraftDocument(project=project, kind=kind, version=version, stage=project.stage,
                             filename=f"{kind}.pdf", content_type="application/pdf", size=len(content),
                             sha256=DraftDocument.digest(content), uploaded_at=clock.now())
    document.file.save(f"{kind}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def voting_members(committee, count: int = 4) -> list[Member]:
    """`count` voting members in term, spread over stakeholder categories so the committee stays balanced."""
    categories = ["producer", "user", "research", "testing", "consumer", "government"]
    existing = committee.members.count()
    return [Member.objects.create(committee=committee, name=f"委员{existing + i}", organisation=f"单位{existing + i}",
                                  stakeholder=categories[(existing + i) % len(categories)],
                                  term_start=date(2020, 1, 1), term_end=date(2035, 12, 31))
            for i in range(count)]


def passed_ballot(project: Project) -> Ballot:
    members = list(project.committee.members.filter(voting=True)) or voting_members(project.committee)
    ballot = Ballot.objects.create(project=project, method=Ballot.Method.MEETING, opened_at=clock.now(),
                                   closes_on=clock.today(), closed_at=clock.now(), members=len(members),
                                   approve=len(members), passed=True, outcome="passed")
    Vote.objects.bulk_create([Vote(ballot=ballot, member=m, choice="approve", cast_at=clock.now()) for m in members])
    return ballot


def advance(project: Project, to: str, *, start: date = date(2026, 1, 5), actor=None) -> Project:
    """Move `project` (from proposal) to stage `to`, starting on `start` and letting every period elapse:
    notice 30 days, comment 60 days (each ending on a working day). Adds the draft, the approval package and a passed ballot as needed.
    Returns the project as of the last move; the clock is back to the real time afterwards."""
    day = start
    for step in PATH[: PATH.index(to) + 1]:
        with clock.as_of(at(day)):
            project.refresh_from_db()
            if step == "comment" and not project.documents.filter(kind=DocumentKind.DRAFT).exists():
                add_document(project)
            if step == "approval":
                passed_ballot(project)
                for kind in (DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES, DocumentKind.DISPOSITION_TABLE):
                    add_document(project, kind)
                if project.kind == "adoption":
                    add_document(project, DocumentKind.INTERNATIONAL_TEXT)
            letter = {"mandatory": "Q", "recommended": "T", "guidance": "Z"}[project.nature]
            project = move_project(actor, project, to=step, expected_version=project.version,
                                   plan_number=f"{day.year}{project.pk:04d}-{letter}-469" if step == "planned" else "")
        # The next step comes the day after a public period ends (its end moves past holidays), else a week on.
        day = project.period_ends_on + timedelta(days=1) if step in ("notice", "comment") else day + timedelta(days=7)
    return project
