"""Reads of development data that pages, the API and the services share: keyword-only functions returning querysets
(or rows), so views and the API are access → service or selector → respond (ARCHITECTURE: services write,
selectors read).

What a person may see comes from the policy: a project's comments through ``policy.visible("development.comments")``,
its documents through ``policy.visible("development.documents")``, the committees of a dashboard through the
committee rule. Lists that pages show in full are one query each, whatever their length (the dashboard and the
reviewer queue have query-budget tests).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.shortcuts import get_object_or_404

from biaozhun.accounts import policy
from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.catalog.models import Standard, Status
from biaozhun.committees.models import Committee
from biaozhun.identifiers import Identifier
from biaozhun.rules import reviews as review_rules
from biaozhun.rules.ballots import Tally
from biaozhun.rules.stages import ACTIVE_STAGES, ORDER, PUBLIC_LISTS, Stage

from . import limits
from .models import (
    Ballot,
    Comment,
    DraftDocument,
    ExtensionRequest,
    PeriodicReview,
    Project,
    ProjectEvent,
    Vote,
    VoteChoice,
)

# The rule that scopes a committee's work (its dashboard, its periodic reviews): its secretariat, administrators.
COMMITTEE_RULE = "development.review_standard"
# Each list of the reviewer queue shows its oldest rows; the count says how many there are in all.
QUEUE_ROWS = 50


# --- Projects ------------------------------------------------------------------------------------------
def projects() -> QuerySet[Project]:
    """Every project with what its rows show (the committee, the published edition)."""
    return Project.objects.select_related("committee", "standard")


def project_for_page(*, pk: int) -> Project:
    """The project a page or an API call is about (public: every project may be read); 404 if there is none."""
    return get_object_or_404(projects(), pk=pk)


def project_of_edition(*, standard: Standard) -> Project | None:
    """The project that produced a catalogue edition: the one whose publication created it, else the one with the
    plan number (计划号) the catalogue records for it (an edition imported from elsewhere). Projects are public."""
    project = Project.objects.filter(standard=standard).order_by("-id").first()
    if project is None and standard.plan_number:
        project = Project.objects.filter(plan_number=standard.plan_number).first()
    return project


def public_list(*, key: str, tag: str = "") -> QuerySet[Project]:
    """A public project list (rules.stages.PUBLIC_LISTS: 立项公示, 正在起草 ...), the nearest deadline first; with a
    programme tag's code (专项标签, systems app), its projects only."""
    found = Project.objects.filter(stage__in=PUBLIC_LISTS[key])
    if tag:
        found = found.filter(programme_tag_links__tag__code=tag)
    return found.select_related("committee").order_by("deadline", "-created_at")


def project_search(*, stages: Iterable[str] = (), committee: str = "", text: str = "",
                   tag: str = "") -> QuerySet[Project]:
    """Projects, newest first, filtered by stage codes, a committee code, a text in the title or plan number and a
    programme tag's code."""
    found = projects().order_by("-created_at", "-id")
    if tag:
        found = found.filter(programme_tag_links__tag__code=tag)
    stages = [code.strip() for code in stages if code.strip()]
    if stages:
        found = found.filter(stage__in=stages)
    if committee:
        found = found.filter(committee__code=committee)
    if text:
        found = found.filter(Q(title_zh__icontains=text) | Q(title_en__icontains=text) | Q(plan_number__icontains=text))
    return found


def programme_tags() -> list[tuple[str, str]]:
    """(code, name) of the programme tags in use (the systems app's table), for the list's filter."""
    return list(apps.get_model("systems", "ProgrammeTag").objects.filter(active=True)
                .order_by("position", "code").values_list("code", "name_zh"))


def revised_standards(*, project: Project) -> QuerySet[Standard]:
    return project.revises.only("identifier", "undated", "year", "title_zh", "title_en").order_by("id")


def project_events(*, project: Project) -> QuerySet[ProjectEvent]:
    """The project's history, oldest first."""
    return project.events.order_by("at", "id")


def project_documents_by_id(*, project: Project) -> dict[int, DraftDocument]:
    """Every document of the project by id, for naming the documents its events mention."""
    return project.documents.in_bulk()


def catalogue_edition(*, ident: Identifier) -> Standard | None:
    """The catalogue edition a number names; an undated number names its newest edition."""
    if ident.year is None:
        return Standard.objects.filter(undated=ident.canonical).order_by("-year", "-id").first()
    return (Standard.objects.filter(identifier=ident.canonical).first()
            or Standard.objects.filter(edition=ident.canonical).first())


# --- Documents -----------------------------------------------------------------------------------------
def documents_for(*, viewer: Any, project: Project) -> QuerySet[DraftDocument]:
    """The project's documents the viewer may read (drafts for everyone), newest first."""
    return (policy.visible("development.documents", viewer, project).select_related("uploaded_by")
            .order_by("-uploaded_at", "-pk"))


def document_for_download(*, viewer: Any, project_id: int, pk: int) -> DraftDocument:
    """One document of a project, if the viewer may read it; 404 otherwise (hidden files are not revealed)."""
    project = project_for_page(pk=project_id)
    document = policy.visible("development.documents", viewer, project).filter(pk=pk).first()
    if document is None:
        raise Http404
    document.project = project
    return document


def document_is_public(document: DraftDocument) -> bool:
    """Whether a visitor who is not signed in may read the document (the policy's document visibility)."""
    return policy.visible("development.documents", AnonymousUser(), document.project).filter(pk=document.pk).exists()


# --- Comments ------------------------------------------------------------------------------------------
def comments_for(*, viewer: Any, project: Project) -> QuerySet[Comment]:
    """The project's comments the viewer may read (all for those who process them, their own otherwise), by number."""
    return policy.visible("development.comments", viewer, project).select_related("document").order_by("number")


def own_comments(*, viewer: Any, project: Project) -> list[Comment]:
    if not viewer.is_authenticated:
        return []
    return list(comments_for(viewer=viewer, project=project).filter(author=viewer))


def comment_counts(*, project: Project) -> dict[str, int]:
    """How many comments the project has received, and how many still await a disposition."""
    return project.comments.aggregate(total=Count("pk"), open=Count("pk", filter=Q(disposition="")))


def comment_for_page(*, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("project__committee"), pk=pk)


def organisations_of(*, user: Any) -> QuerySet[Organisation]:
    """The organisations a person belongs to (and may comment for), by name."""
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def organisation_by_uscc(*, user: Any, uscc: str) -> Organisation | None:
    """One of the person's organisations, by its unified social credit code."""
    return organisations_of(user=user).filter(uscc=uscc.strip().upper()).first()


# --- Ballots -------------------------------------------------------------------------------------------
def ballots_of(*, project: Project) -> list[Ballot]:
    """The project's review ballots, newest first."""
    return list(project.ballots.order_by("-opened_at", "-pk"))


def ballot_for_page(*, pk: int) -> Ballot:
    return get_object_or_404(Ballot.objects.select_related("project__committee", "document"), pk=pk)


def ballot_roll(*, ballot: Ballot) -> QuerySet[Vote]:
    """The ballot's roll (fixed when it opened), a seat per member with the vote if cast."""
    return ballot.votes.select_related("member")


def own_vote(*, ballot: Ballot, user) -> Vote | None:
    """The seat of `user` on the ballot's roll, with their vote if cast."""
    if not getattr(user, "pk", None):
        return None
    return ballot.votes.filter(member__user=user).select_related("member").first()


def live_tally(*, ballot: Ballot) -> Tally:
    """The counts of the votes cast so far, over the roll fixed when the ballot opened."""
    counts = dict.fromkeys(VoteChoice.values, 0)
    for choice in ballot.votes.exclude(choice="").values_list("choice", flat=True):
        counts[choice] += 1
    return Tally(members=ballot.members, approve=counts[VoteChoice.APPROVE], reject=counts[VoteChoice.REJECT],
                 abstain=counts[VoteChoice.ABSTAIN], recused=counts[VoteChoice.RECUSE])


def tally_of(*, ballot: Ballot) -> Tally:
    """The live tally of an open ballot; the stored result of a closed one."""
    if ballot.is_open:
        return live_tally(ballot=ballot)
    return Tally(members=ballot.members, approve=ballot.approve, reject=ballot.reject, abstain=ballot.abstain,
                 recused=ballot.recused)


# --- Extensions ----------------------------------------------------------------------------------------
def extension_requests_of(*, project: Project) -> list[ExtensionRequest]:
    return list(project.extension_requests.select_related("requested_by", "decided_by").order_by("requested_at"))


def extension_request_for_page(*, pk: int) -> ExtensionRequest:
    return get_object_or_404(ExtensionRequest.objects.select_related("project__committee"), pk=pk)


# --- Committees ----------------------------------------------------------------------------------------
def committee_by_code(*, code: str) -> Committee | None:
    code = normalise_tc_code(code.replace("\x00", ""))  # PostgreSQL refuses NUL in text
    return Committee.objects.filter(code=code).first() if code else None


def active_committee(*, code: str) -> Committee:
    return Committee.objects.at_work().get(code=code)


def active_committee_choices() -> list[tuple[str, str]]:
    """(code, name) of every active committee, by code: the committees a project may be proposed to."""
    return list(Committee.objects.at_work().order_by("code").values_list("code", "name_zh"))


def committee_codes() -> list[tuple[str, str]]:
    """(code, name) of every committee, by code."""
    return list(Committee.objects.order_by("code").values_list("code", "name_zh"))


def committees_at_work(*, viewer: Any) -> list[Committee]:
    """The active committees whose work (dashboard) the viewer may see, by code."""
    return [c for c in Committee.objects.existing().only("code", "name_zh").order_by("code")
            if policy.can(viewer, COMMITTEE_RULE, c)]


def own_committees(*, viewer: Any) -> list[Committee]:
    """The committees whose secretariat the viewer works in (and whose work they do), by code."""
    codes = {m.organisation.tc_code for m in viewer.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)}
    return [c for c in Committee.objects.filter(code__in=codes).order_by("code")
            if policy.can(viewer, COMMITTEE_RULE, c)]


def ballots_awaiting(*, voter: Any) -> list[Vote]:
    """The voter's seats on the ballots still open (待我表决), closing soonest first, with their vote if cast."""
    if not getattr(voter, "pk", None):
        return []
    return list(Vote.objects.filter(member__user=voter, ballot__closed_at__isnull=True)
                .select_related("ballot__project__committee", "member").order_by("ballot__closes_on", "ballot_id"))


# --- The secretariat's dashboard -------------------------------------------------------------------------
# Projects in workflow order (rules.stages.ORDER), in the database.
STAGE_RANK = Case(*[When(stage=code, then=Value(rank)) for code, rank in ORDER.items()], output_field=IntegerField())


def board_projects(*, committee: Committee) -> list[Project]:
    """The committee's projects under way (ACTIVE_STAGES) in workflow order, each with its open comments counted."""
    return list(
        Project.objects.filter(committee=committee, stage__in=ACTIVE_STAGES)
        .annotate(rank=STAGE_RANK, open_comments=Count("comments", filter=Q(comments__disposition=""), distinct=True))
        .order_by("rank", "deadline", "pk")
    )


def board_ballots(*, committee: Committee) -> list[Ballot]:
    """The committee's open ballots, closing soonest first, with the size of the roll and the votes cast."""
    return list(Ballot.objects.filter(project__committee=committee, closed_at__isnull=True).select_related("project")
                .annotate(roll=Count("votes"), cast=Count("votes", filter=~Q(votes__choice="")))
                .order_by("closes_on", "pk"))


def board_extensions(*, committee: Committee) -> list[ExtensionRequest]:
    return list(ExtensionRequest.objects.filter(project__committee=committee, state=ExtensionRequest.State.PENDING)
                .select_related("project").order_by("requested_at"))


# --- The reviewer queue --------------------------------------------------------------------------------
def queue_head(rows: QuerySet) -> dict[str, Any]:
    """The oldest `QUEUE_ROWS` of a work list and how many there are in all: a queue is worked from its head."""
    head = list(rows[:QUEUE_ROWS])
    return {"rows": head, "count": len(head) if len(head) < QUEUE_ROWS else rows.count()}


def awaiting_plan(*, today: date) -> QuerySet[Project]:
    """Projects whose public notice is over, waiting for the national administration to issue the plan."""
    return (Project.objects.filter(stage=Stage.NOTICE).filter(Q(period_closed=True) | Q(period_ends_on__lt=today))
            .select_related("committee").order_by("period_ends_on", "pk"))


def awaiting_approval() -> QuerySet[Project]:
    """Projects in 报批, oldest first, with their comments counted (the approval package needs them processed)."""
    return (Project.objects.filter(stage=Stage.APPROVAL).select_related("committee")
            .annotate(comment_count=Count("comments", distinct=True),
                      open_comments=Count("comments", filter=Q(comments__disposition=""), distinct=True))
            .order_by("created_at", "pk"))


def pending_extensions() -> QuerySet[ExtensionRequest]:
    return (ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)
            .select_related("project__committee").order_by("requested_at"))


def frozen_projects() -> QuerySet[Project]:
    return Project.objects.filter(frozen=True).select_related("committee").order_by("deadline", "pk")


def document_kinds(*, projects: Iterable[Project]) -> dict[int, list[tuple[str, str]]]:
    """(kind, stage uploaded in) of each project's documents, in one query (for services.guards.package_kinds)."""
    kinds: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for project_id, kind, stage in DraftDocument.objects.filter(project__in=list(projects)).values_list(
            "project_id", "kind", "stage"):
        kinds[project_id].append((kind, stage))
    return kinds


# --- Periodic review -----------------------------------------------------------------------------------
class AddMonths(Func):
    """`date + months` with rules.cycles.add_months's month-end rule (31 Jan + 1 month = 28/29 Feb)."""

    output_field = DateField()

    def __init__(self, expression, months: int) -> None:
        if months < 0:
            raise ValueError("months must not be negative")
        super().__init__(expression)
        self.months = int(months)

    def as_postgresql(self, compiler, connection, **extra):  # PostgreSQL keeps to the month's end itself
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + make_interval(months => {self.months}))::date", params

    def as_sqlite(self, compiler, connection, **extra):
        # The same day `months` later, or the last day of that month when it is shorter.
        sql, params = compiler.compile(self.source_expressions[0])
        same_day = (f"date({sql}, 'start of month', '+{self.months} months', "
                    f"'+' || CAST(julianday({sql}) - julianday({sql}, 'start of month') AS INTEGER) || ' days')")
        month_end = f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day')"
        return f"MIN({same_day}, {month_end})", (*params, *params, *params, *params)


def review_limits() -> tuple[int, int]:
    """(years between reviews, months of grace before a due review is overdue)."""
    values = limits.current()
    return values["review_years"], values["review_grace_months"]


def _in_force(committee: Committee, years: int) -> QuerySet[Standard]:
    # The status is compared through an expression so that no index serves it: without table statistics
    # SQLite would otherwise walk the status index (most of the catalogue is in force) instead of the
    # selective tc_code one, 4.5 s instead of 30 ms for a large committee in the national-scale database.
    base = Coalesce("confirmed_on", "published_on")
    return (Standard.objects.alias(status_value=Lower("status"))
            .filter(tc_code=committee.code, status_value=Status.CURRENT)
            .annotate(review_base=base, review_due_on=AddMonths(base, 12 * years))
            .order_by(F("review_base").asc(), "pk"))


def due_for_review(*, committee: Committee, today: date) -> QuerySet[Standard]:
    """The committee's in-force standards due for review today, overdue ones included; oldest first."""
    years, _grace = review_limits()
    return _in_force(committee, years).filter(review_base__lte=review_rules.due_cutoff(today, years=years))


def overdue_for_review(*, committee: Committee, today: date) -> QuerySet[Standard]:
    """The committee's in-force standards whose review is overdue today; oldest first."""
    years, grace = review_limits()
    return _in_force(committee, years).filter(
        review_base__lte=review_rules.overdue_cutoff(today, years=years, grace_months=grace))


# The periodic review lists by key: due (overdue included) and overdue.
REVIEW_LISTS = {"due": due_for_review, "overdue": overdue_for_review}


def review_counts(*, committee: Committee, today: date) -> dict[str, int]:
    """How many standards each periodic review list of the committee holds today."""
    return {key: query(committee=committee, today=today).count() for key, query in REVIEW_LISTS.items()}


def review_list(*, key: str, committee: Committee, today: date) -> QuerySet[Standard]:
    """One periodic review list, with what its rows show."""
    return REVIEW_LISTS[key](committee=committee, today=today).only(
        "identifier", "title_zh", "title_en", "published_on", "confirmed_on", "nature")


def overdue_among(*, committee: Committee, today: date, standards: Iterable[Standard]) -> set[int]:
    """Which of these standards are overdue for review today (ids)."""
    return set(overdue_for_review(committee=committee, today=today).filter(pk__in=[s.pk for s in standards])
               .values_list("pk", flat=True))


def committee_of(*, standard: Standard) -> Committee | None:
    """The committee responsible for a standard (by its tc_code), if it is one of ours."""
    return Committee.objects.filter(code=normalise_tc_code(standard.tc_code)).first() if standard.tc_code else None


def latest_conclusion(*, standard: Standard, since: date) -> PeriodicReview | None:
    return standard.periodic_reviews.filter(concluded_on__gte=since).order_by("-concluded_on", "-id").first()


def latest_conclusions(*, standards: Iterable[Standard]) -> dict[int, PeriodicReview]:
    """The latest review conclusion of each standard that has one, in one query."""
    latest: dict[int, PeriodicReview] = {}
    for review in (PeriodicReview.objects.filter(standard__in=[s.pk for s in standards]).select_related("project")
                   .order_by("standard_id", "-concluded_on", "-id")):
        latest.setdefault(review.standard_id, review)
    return latest


def standard_for_review(*, pk: int) -> Standard:
    return get_object_or_404(Standard, pk=pk)
