"""Development API: projects with their history, comments and dispositions, moves, review ballots and votes.

Reads are public (comments only as far as the policy's `development.comments` filter allows); writes need a personal API token
(`Authorization: Bearer bz_…`) or a signed-in session with its CSRF token, and go through the same services and
policy as the pages.
"""

from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules import ballots as ballot_rules
from biaozhun.rules.stages import BY_CODE, OWN_SERVICE_STAGES, allowed_moves

from . import selectors
from .models import Ballot, Project
from .services import move_project
from .services.ballots import cast_vote
from .services.comments import dispose_comment, submit_comment

router = Router(tags=["development"])
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # far past any real list; bounds the integer the database is given


class StageOut(Schema):
    code: str
    name_zh: str
    name_en: str
    iso_stage: str


class ProjectOut(Schema):
    id: int
    plan_number: str | None
    title_zh: str
    title_en: str
    kind: str
    nature: str
    committee: str = Field(description="the responsible committee's code, e.g. SAC/TC 28")
    stage: StageOut
    deadline: date | None = Field(description="the last day for the approval package (报批)")
    period_ends_on: date | None = Field(description="the last day of the open public notice or comment period")
    period_open: bool
    frozen: bool
    url: str


class ProjectPage(Schema):
    count: int
    items: list[ProjectOut]


class ProjectEventOut(Schema):
    at: datetime
    kind: str
    from_stage: str
    to_stage: str
    reason: str
    data: dict


class DocumentOut(Schema):
    kind: str
    label: str
    version: int
    stage: str
    size: int
    sha256: str
    uploaded_at: datetime


class BallotSummaryOut(Schema):
    id: int
    method: str
    opened_at: datetime
    closes_on: date
    closed_at: datetime | None
    passed: bool | None
    outcome: str


class ProjectDetailOut(ProjectOut):
    adopts: str
    degree: str
    ccs: str | None = Field(description="CCS code the published edition will carry, e.g. L70")
    ics: list[str] = Field(description="ICS codes, the first the primary one")
    competent_department: str
    drafting_units: list[str] = Field(description="起草单位, in the order the text names them")
    drafters: list[str] = Field(description="起草人, in the order the text names them")
    references: list[str] = Field(description="normative references of the draft, canonical numbers (dated or not)")
    revises: list[str]
    trade_relevant: bool
    tbt_notification: str
    tbt_notified_on: date | None
    plan_issued_on: date | None
    extension_months: int
    standard: str | None = Field(description="the edition publication created")
    version: int = Field(description="send it back as expected_version when moving the project")
    allowed_moves: list[str]
    comments: int
    events: list[ProjectEventOut]
    documents: list[DocumentOut] = Field(description="the public drafts")
    ballots: list[BallotSummaryOut]


class ProjectCommentOut(Schema):
    id: int
    number: int
    period: str
    clause: str
    text: str
    proposal: str
    author_name: str
    organisation_name: str
    submitted_at: datetime
    disposition: str
    disposition_reason: str


class ProjectCommentIn(Schema):
    text: str = Field(min_length=1, max_length=10000)
    clause: str = Field("", max_length=40)
    proposal: str = Field("", max_length=10000)
    organisation: str = Field("", description="the USCC of an organisation you belong to, if you speak for it")


class DispositionIn(Schema):
    disposition: str = Field(description="accepted, partly or not_accepted")
    reason: str = Field("", max_length=10000)


class MoveIn(Schema):
    to: str
    expected_version: int = Field(ge=1)
    reason: str = Field("", max_length=2000)
    plan_number: str = Field("", max_length=30)
    period_days: int | None = Field(None, ge=1, le=365)


class TallyOut(Schema):
    members: int = Field(description="the roll, fixed when the ballot opened")
    received: int = Field(description="members who have voted (recusals included)")
    not_voted: int
    approve: int | None = Field(description="null until the ballot closes: votes are secret while it runs")
    reject: int | None
    abstain: int | None
    recused: int | None
    votes_needed_to_pass: int | None = Field(description="null until the ballot closes (recusals change it)")


class RollEntryOut(Schema):
    member: str = Field(description="the member's name as the committee records it")
    organisation: str
    stakeholder: str
    choice: str = Field(description="approve, reject, abstain, recuse, or empty when the member did not vote")
    reason: str
    recorded_by_secretariat: bool = Field(description="a vote given at a meeting, recorded by the secretariat")


class BallotOut(BallotSummaryOut):
    project: int
    tally: TallyOut
    own_vote: str | None = Field(description="your own choice, if you are on the roll and have voted")
    roll: list[RollEntryOut] | None = Field(
        description="how each member voted, by name: once the ballot has closed, for the committee's members and "
                    "secretariat, the reviewers and administrators; null for everyone else (the public sees the "
                    "tally and the outcome)")
    approve_share: float | None = Field(description="of the eligible members, once closed")
    reject_share: float | None


class VoteIn(Schema):
    choice: str = Field(description="approve, reject, abstain or recuse")
    reason: str = Field("", max_length=10000)


class VoteOut(Schema):
    ballot: int
    choice: str
    reason: str
    cast_at: datetime | None


def _stage(code: str) -> dict:
    stage = BY_CODE[code]
    return {"code": stage.code, "name_zh": stage.name_zh, "name_en": stage.name_en, "iso_stage": stage.iso_stage}


def _project(project: Project) -> dict:
    return {
        "id": project.pk, "plan_number": project.plan_number, "title_zh": project.title_zh,
        "title_en": project.title_en, "kind": project.kind, "nature": project.nature,
        "committee": project.committee.code, "stage": _stage(project.stage), "deadline": project.deadline,
        "period_ends_on": project.period_ends_on, "period_open": project.period_open, "frozen": project.frozen,
        "url": project.get_absolute_url(),
    }


def _detail(project: Project) -> dict:
    moves = allowed_moves(project.stage, suspended_from=project.suspended_from or None)
    return {
        **_project(project),
        "adopts": project.adopts, "degree": project.degree, "ccs": project.ccs_id, "ics": project.ics_codes,
        "competent_department": project.competent_department, "drafting_units": project.drafting_units,
        "drafters": project.drafters, "references": project.references,
        "revises": [s.identifier for s in selectors.revised_standards(project=project)],
        "trade_relevant": project.trade_relevant, "tbt_notification": project.tbt_notification,
        "tbt_notified_on": project.tbt_notified_on, "plan_issued_on": project.plan_issued_on,
        "extension_months": project.extension_months,
        "standard": project.standard.identifier if project.standard_id else None,
        "version": project.version,
        "allowed_moves": [m for m in moves if m not in OWN_SERVICE_STAGES],
        "comments": selectors.comment_counts(project=project)["total"],
        "events": list(selectors.project_events(project=project).values(
            "at", "kind", "from_stage", "to_stage", "reason", "data")),
        # What the policy shows the public, whoever asks (the field is documented as the public drafts).
        "documents": [{"kind": d.kind, "label": d.label, "version": d.version, "stage": d.stage, "size": d.size,
                       "sha256": d.sha256, "uploaded_at": d.uploaded_at}
                      for d in sorted(selectors.documents_for(viewer=AnonymousUser(), project=project),
                                      key=lambda d: (d.version, d.pk))],
        "ballots": [{"id": b.pk, "method": b.method, "opened_at": b.opened_at, "closes_on": b.closes_on,
                     "closed_at": b.closed_at, "passed": b.passed, "outcome": b.outcome}
                    for b in reversed(selectors.ballots_of(project=project))],
    }


def _ballot(ballot: Ballot, user) -> dict:
    """The ballot as `user` may see it: while it runs only how many have voted (and their own vote)."""
    tally = selectors.live_tally(ballot=ballot)
    closed = ballot.closed_at is not None
    eligible = ballot.members - ballot.recused
    public = policy.can(user, "development.see_votes", ballot)
    own = selectors.own_vote(ballot=ballot, user=user)
    return {
        "id": ballot.pk, "project": ballot.project_id, "method": ballot.method, "opened_at": ballot.opened_at,
        "closes_on": ballot.closes_on, "closed_at": ballot.closed_at, "passed": ballot.passed,
        "outcome": ballot.outcome,
        "tally": {"members": tally.members, "received": tally.cast + tally.recused,
                  "not_voted": tally.members - tally.cast - tally.recused,
                  **({"approve": tally.approve, "reject": tally.reject, "abstain": tally.abstain,
                      "recused": tally.recused,
                      "votes_needed_to_pass": ballot_rules.votes_needed_to_pass(tally.members, tally.recused)}
                     if public else dict.fromkeys(("approve", "reject", "abstain", "recused",
                                                   "votes_needed_to_pass")))},
        "own_vote": own.choice or None if own else None,
        "roll": [{"member": vote.member.name, "organisation": vote.member.organisation,
                  "stakeholder": vote.member.stakeholder, "choice": vote.choice, "reason": vote.reason,
                  "recorded_by_secretariat": bool(vote.recorded_by_id and vote.recorded_by_id != vote.member.user_id)}
                 for vote in selectors.ballot_roll(ballot=ballot)]
        if policy.can(user, "development.see_roll", ballot) else None,
        "approve_share": round(ballot.approve / eligible, 4) if closed and eligible else None,
        "reject_share": round(ballot.reject / eligible, 4) if closed and eligible else None,
    }


@router.get("/", response={200: ProjectPage, **ERRORS}, summary="Projects, newest first")
def project_list(request, stage: str = "", committee: str = "", q: str = "",
                 tag: str = Query("", max_length=40, description="a programme tag's code (/api/v1/systems/tags)"),
                 limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    """Filter by stage code(s) (comma-separated), committee code, a text in the title or plan number and a
    programme tag (专项标签)."""
    stage, committee, q, tag = (value.replace("\x00", "") for value in (stage, committee, q, tag))  # PostgreSQL refuses NUL
    projects = selectors.project_search(stages=stage.split(","), committee=committee, text=q, tag=tag)
    return {"count": projects.count(), "items": [_project(p) for p in projects[offset:offset + limit]]}


@router.get("/{int:project_id}", response={200: ProjectDetailOut, **NOT_FOUND, **ERRORS}, summary="One project")
def project_detail(request, project_id: int):
    return _detail(selectors.project_for_page(pk=project_id))


@router.post("/{int:project_id}/moves", auth=SIGNED_IN, response={200: ProjectDetailOut, **WRITE_ERRORS},
             summary="Move a project to another stage")
def project_move(request, project_id: int, payload: MoveIn):
    project = selectors.project_for_page(pk=project_id)
    project = move_project(actor=request.user, project=project, to=payload.to,
                           expected_version=payload.expected_version, reason=payload.reason,
                           plan_number=payload.plan_number, period_days=payload.period_days)
    return _detail(selectors.project_for_page(pk=project.pk))


@router.get("/{int:project_id}/comments", response={200: list[ProjectCommentOut], **NOT_FOUND, **ERRORS},
            summary="The comments on a project you may read")
def comment_list(request, project_id: int):
    project = selectors.project_for_page(pk=project_id)
    return list(selectors.comments_for(viewer=request.user, project=project))


@router.post("/{int:project_id}/comments", auth=SIGNED_IN, response={201: ProjectCommentOut, **WRITE_ERRORS},
             summary="Comment on a project under your real name")
def comment_submit(request, project_id: int, payload: ProjectCommentIn):
    project = selectors.project_for_page(pk=project_id)
    organisation = None
    if payload.organisation:
        organisation = selectors.organisation_by_uscc(user=request.user, uscc=payload.organisation)
        if organisation is None:
            raise ValidationFailed(_("您不属于该组织。"), [{"field": "organisation",
                                                            "message": _("须为您所属组织的统一社会信用代码")}])
    comment = submit_comment(actor=request.user, project=project, text=payload.text, clause=payload.clause,
                             proposal=payload.proposal, organisation=organisation)
    return 201, comment


@router.post("/comments/{int:comment_id}/disposition", auth=SIGNED_IN,
             response={200: ProjectCommentOut, **WRITE_ERRORS}, summary="Record the disposition of a comment")
def comment_dispose(request, comment_id: int, payload: DispositionIn):
    comment = selectors.comment_for_page(pk=comment_id)
    return dispose_comment(actor=request.user, comment=comment, disposition=payload.disposition,
                           reason=payload.reason)


@router.get("/ballots/{int:ballot_id}", response={200: BallotOut, **NOT_FOUND, **ERRORS},
            summary="A review ballot with its tally")
def ballot_detail(request, ballot_id: int):
    return _ballot(selectors.ballot_for_page(pk=ballot_id), request.user)


@router.post("/ballots/{int:ballot_id}/votes", auth=SIGNED_IN, response={200: VoteOut, **WRITE_ERRORS},
             summary="Vote on a ballot whose roll you are on")
def ballot_vote(request, ballot_id: int, payload: VoteIn):
    ballot = selectors.ballot_for_page(pk=ballot_id)
    vote = cast_vote(actor=request.user, ballot=ballot, choice=payload.choice, reason=payload.reason)
    return {"ballot": ballot.pk, "choice": vote.choice, "reason": vote.reason, "cast_at": vote.cast_at}

