"""China's participation in ISO/IEC, under /api/v1/international/participation/: the register of ISO/IEC
committees with China's membership and mirror committees, the posts China holds, the work items led from China
(public reads); the ballots China votes on (signed in: the administration's every one, a secretariat's own), the
vote a mirror committee's secretariat records, the stage moves and ballots the administration records. Through the
same services and policy as the pages; refusals are problem+json (401, 403, 404, 409 after the deadline or for a
stage that may not follow, 422 naming each field)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.errors import NotFoundError, ValidationFailed
from biaozhun.rules.participation import days_left

from ..models import InternationalBallot, InternationalCommittee, WorkItem
from ..selectors import participation as selectors
from ..services.participation import move_stage, open_ballot, record_vote

router = Router(tags=["international"])
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 200


# --- Schemas -------------------------------------------------------------------------------------------------
class MirrorOut(Schema):
    committee: str
    name: str
    since: date | None


class CommitteeOut(Schema):
    id: int
    code: str
    organisation: str = Field(description="ISO, IEC or ISO/IEC (JTC 1)")
    title: str
    title_zh: str
    secretariat_country: str
    china_membership: str = Field(description="P, O or \"\" (not a member)")
    parent: str | None
    mirrors: list[MirrorOut]
    url: str


class PostOut(Schema):
    id: int
    committee: str
    body: str = Field(description="the working group (\"WG 23\"), or \"\" for the committee itself")
    kind: str = Field(description="secretariat, twinned_secretariat, chair, vice_chair, convenor, co_convenor, "
                                  "committee_manager")
    holder: str
    organisation: str
    start: date
    end: date | None
    state: str = Field(description="upcoming, current, expiring (ends within the window) or ended")
    days_left: int | None


class HarmonizedStageOut(Schema):
    stage: str
    on: date | None
    note: str = ""


class WorkItemOut(Schema):
    id: int
    reference: str
    title: str
    title_zh: str
    committee: str = Field(description="the ISO/IEC committee")
    mirror_committee: str | None
    leader: str
    leader_organisation: str
    proposed_on: date
    stage: str = Field(description="ISO harmonized stage code, 00.00 … 95.99")
    stage_name: str
    stage_on: date
    history: list[HarmonizedStageOut] | None = Field(None, description="the stage moves (one work item only)")
    url: str


class StageIn(Schema):
    stage: str = Field(pattern=r"^\d\d\.\d\d$")
    on: date | None = None
    note: str = Field("", max_length=2000)


class InternationalBallotOut(Schema):
    id: int
    reference: str
    kind: str = Field(description="np, cd, dis, fdis or sr")
    title: str
    committee: str = Field(description="the ISO/IEC committee")
    mirror_committee: str = Field(description="the Chinese committee that prepares China's position")
    opens_on: date
    closes_on: date
    days_left: int
    vote: str = Field(description="approve, approve_with_comments, disapprove, abstain, or \"\" (not yet)")
    comments: str
    recorded_by: str | None
    recorded_at: datetime | None
    missed: bool = Field(description="the deadline passed without a vote")
    url: str


class BallotIn(Schema):
    committee: str = Field(description="the ISO/IEC committee's code, e.g. ISO/TC 176/SC 2")
    mirror_committee: str = Field(description="the mirror committee's code, e.g. SAC/TC 151")
    reference: str = Field(max_length=80)
    kind: str = Field(pattern="^(np|cd|dis|fdis|sr)$")
    opens_on: date
    closes_on: date | None = Field(None, description="default: the kind's usual length after opening")
    title: str = Field("", max_length=500)


class NationalVoteIn(Schema):
    vote: str = Field(pattern="^(approve|approve_with_comments|disapprove|abstain)$")
    comments: str = Field("", max_length=20000)


class ParticipationPage(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000)


# --- Helpers -------------------------------------------------------------------------------------------------
def _committee_out(c: InternationalCommittee) -> dict[str, Any]:
    return {"id": c.pk, "code": c.code, "organisation": c.organisation, "title": c.title, "title_zh": c.title_zh,
            "secretariat_country": c.secretariat_country, "china_membership": c.china_membership,
            "parent": c.parent.code if c.parent_id else None,
            "mirrors": [{"committee": link.committee.code, "name": link.committee.name_zh, "since": link.since}
                        for link in c.mirror_links.all()], "url": c.get_absolute_url()}


def _work_item_out(item: WorkItem, *, history: bool = False) -> dict[str, Any]:
    out = {"id": item.pk, "reference": item.reference, "title": item.title, "title_zh": item.title_zh,
           "committee": item.international.code, "mirror_committee": item.committee.code if item.committee else None,
           "leader": item.leader, "leader_organisation": item.leader_organisation, "proposed_on": item.proposed_on,
           "stage": item.stage, "stage_name": str(item.get_stage_display()), "stage_on": item.stage_on,
           "url": item.get_absolute_url()}
    if history:
        out["history"] = [{"stage": e.data.get("to", e.data.get("stage")), "on": e.data.get("on", e.data.get("stage_on")),
                           "note": e.data.get("note", "")} for e in selectors.stage_history(item)]
    return out


def _ballot_out(ballot: InternationalBallot) -> dict[str, Any]:
    recorder = ballot.recorded_by
    return {"id": ballot.pk, "reference": ballot.reference, "kind": ballot.kind, "title": ballot.title,
            "committee": ballot.international.code, "mirror_committee": ballot.committee.code,
            "opens_on": ballot.opens_on, "closes_on": ballot.closes_on,
            "days_left": days_left(ballot.closes_on, clock.today()), "vote": ballot.vote, "comments": ballot.comments,
            "recorded_by": (recorder.real_name or recorder.username) if recorder else None,
            "recorded_at": ballot.recorded_at, "missed": ballot.missed_on is not None, "url": ballot.get_absolute_url()}


def _ballot(request, ballot_id: int) -> InternationalBallot:
    ballot = selectors.ballot_for_viewer(viewer=request.user, pk=ballot_id)
    if ballot is None:
        raise NotFoundError(_("没有这项国际投票，或您无权查看。"))
    return ballot


# --- Public reads --------------------------------------------------------------------------------------------
@router.get("/committees", response={200: list[CommitteeOut], **ERRORS},
            summary="The register of ISO/IEC committees with China's membership and the mirror committees")
def participation_committee_list(request, page: Query[ParticipationPage], q: str = Query("", max_length=60),
                                 organisation: str = Query("", pattern="^(|ISO|IEC|ISO/IEC)$"),
                                 membership: str = Query("", pattern="^(|P|O|-)$")):
    rows = selectors.register(selectors.RegisterQuery(q=q, organisation=organisation, membership=membership))
    return [_committee_out(c) for c in rows.select_related("parent")[page.offset:page.offset + page.limit]]


@router.get("/committees/{int:international_id}", response={200: CommitteeOut, **NOT_FOUND, **ERRORS},
            summary="One ISO/IEC committee of the register")
def participation_committee_detail(request, international_id: int):
    found = selectors.committee(international_id)
    if found is None:
        raise NotFoundError(_("登记簿中没有这个国际标准化技术机构。"))
    return _committee_out(found)


@router.get("/posts", response={200: list[PostOut], **ERRORS},
            summary="The posts China holds on ISO/IEC bodies (current, expiring soon, or all)")
def participation_post_list(request, show: str = Query("current", pattern="^(current|expiring|all)$")):
    return [{"id": row.post.pk, "committee": row.post.international.code, "body": row.post.body,
             "kind": row.post.kind, "holder": row.post.holder, "organisation": row.post.organisation,
             "start": row.post.start, "end": row.post.end, "state": str(row.state), "days_left": row.days_left}
            for row in selectors.post_rows(show=show)]


@router.get("/work-items", response={200: list[WorkItemOut], **ERRORS},
            summary="New work items led from China, newest first")
def participation_work_item_list(request, page: Query[ParticipationPage], q: str = Query("", max_length=60),
                                 stage: str = Query("", pattern=r"^(|\d\d)$")):
    rows = selectors.work_items(q=q, stage=stage)
    return [_work_item_out(item) for item in rows[page.offset:page.offset + page.limit]]


@router.get("/work-items/{int:work_item_id}", response={200: WorkItemOut, **NOT_FOUND, **ERRORS},
            summary="One work item with its stage history")
def participation_work_item_detail(request, work_item_id: int):
    item = selectors.work_item(work_item_id)
    if item is None:
        raise NotFoundError(_("没有这项国际标准提案。"))
    return _work_item_out(item, history=True)


# --- Signed in -----------------------------------------------------------------------------------------------
@router.post("/work-items/{int:work_item_id}/stage", auth=SIGNED_IN, response={200: WorkItemOut, **WRITE_ERRORS},
             summary="Record the stage a work item has reached (the national administration)")
def participation_work_item_stage(request, work_item_id: int, payload: StageIn):
    item = selectors.work_item(work_item_id)
    if item is None:
        raise NotFoundError(_("没有这项国际标准提案。"))
    move_stage(actor=request.user, item=item, stage=payload.stage, on=payload.on, note=payload.note)
    return _work_item_out(selectors.work_item(work_item_id), history=True)


@router.get("/ballots", auth=SIGNED_IN, response={200: list[InternationalBallotOut], **WRITE_ERRORS},
            summary="The ballots you may see: open (closing soonest first), voted, missed or all")
def participation_ballot_list(request, page: Query[ParticipationPage],
                              show: str = Query("open", pattern="^(open|voted|missed|all)$")):
    policy.require(request.user, "participation.own")
    rows = selectors.ballots(viewer=request.user, show=show)
    return [_ballot_out(b) for b in rows[page.offset:page.offset + page.limit]]


@router.post("/ballots", auth=SIGNED_IN, response={201: InternationalBallotOut, **WRITE_ERRORS},
             summary="Register an ISO/IEC ballot and the mirror committee that prepares China's position")
def participation_ballot_open(request, payload: BallotIn):
    policy.require(request.user, "participation.manage")
    international = selectors.committee_by_code(payload.committee)
    committee = Committee.objects.filter(code=payload.mirror_committee).first()
    problems = []
    if international is None:
        problems.append({"field": "committee", "message": _("登记簿中没有 %(code)s。") % {"code": payload.committee}})
    if committee is None:
        problems.append({"field": "mirror_committee", "message": _("没有技术委员会 %(code)s。") % {
            "code": payload.mirror_committee}})
    if problems:
        raise ValidationFailed(_("国际投票未能登记，请按提示修改。"), problems)
    ballot = open_ballot(actor=request.user, international=international, committee=committee,
                         reference=payload.reference, kind=payload.kind, opens_on=payload.opens_on,
                         closes_on=payload.closes_on, title=payload.title)
    return 201, _ballot_out(_ballot(request, ballot.pk))


@router.get("/ballots/{int:international_ballot_id}", auth=SIGNED_IN, response={200: InternationalBallotOut, **WRITE_ERRORS},
            summary="One ballot with China's vote and comments")
def participation_ballot_detail(request, international_ballot_id: int):
    return _ballot_out(_ballot(request, international_ballot_id))


@router.post("/ballots/{int:international_ballot_id}/vote", auth=SIGNED_IN, response={200: InternationalBallotOut, **WRITE_ERRORS},
             summary="Record China's vote and comments (the mirror committee's secretariat, until the deadline)")
def participation_ballot_vote(request, international_ballot_id: int, payload: NationalVoteIn):
    ballot = record_vote(actor=request.user, ballot=_ballot(request, international_ballot_id), vote=payload.vote,
                         comments=payload.comments)
    return _ballot_out(_ballot(request, ballot.pk))
