"""The committees API (/api/v1/committees/): applications to establish, restructure or merge a committee (read as
the pages allow: public once in notice; drafts by their applicant and the administration), their comments, and a
committee's terms. Applicants write drafts and submit; the administration opens the notice, decides and renews
terms (personal API token or session)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core import clock
from biaozhun.core.errors import NotFoundError, ValidationFailed

from . import selectors as committee_selectors
from . import terms
from .applications import selectors
from .applications import services as applications
from .applications.models import Application, ApplicationPurpose, ApplicationStatus
from .models import Committee, MemberRole, Stakeholder, Term
from .permissions import applicant_organisations
from .services import Seat

router = Router(tags=["committees"])
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class SeatIn(Schema):
    name: str = Field(max_length=100)
    organisation: str = Field(max_length=200)
    stakeholder: Stakeholder
    role: MemberRole = MemberRole.MEMBER
    title: str = Field("", max_length=50, description="职称")
    voting: bool = True


class SeatOut(SeatIn):
    pass


class ApplicationIn(Schema):
    purpose: ApplicationPurpose = ApplicationPurpose.ESTABLISH
    applicant_id: int | None = Field(None, description="the organisation applying (default: your first that may)")
    kind: str = Field("", max_length=4, description="TC, SC, SWG or CG (总体组)")
    code: str = Field("", max_length=40, description="SAC/TC 601, SAC/TC 28/SC 43, SAC/SWG 30, SAC/CG 3")
    name_zh: str = Field("", max_length=200)
    name_en: str = Field("", max_length=300)
    scope: str = Field("", max_length=5000)
    justification: str = Field("", max_length=10000)
    international_counterpart: str = Field("", max_length=200, description="ISO/TC 176, IEC/SC 62A, ISO/IEC JTC 1/SC 7")
    secretariat_id: int | None = None
    guiding_unit_id: int | None = Field(None, description="业务指导单位: an organisation id")
    contact_name: str = Field("", max_length=100)
    contact_phone: str = Field("", max_length=40)
    contact_email: str = Field("", max_length=254)
    committee: str = Field("", max_length=40, description="restructure, merge: the committee's code")
    merge_into: str = Field("", max_length=40, description="merge: the code of the committee taking the work")
    seats: list[SeatIn] = Field(default_factory=list, max_length=200)


class ApplicationOut(Schema):
    id: int
    purpose: ApplicationPurpose
    state: ApplicationStatus
    applicant: str
    kind: str
    code: str
    name_zh: str
    name_en: str
    scope: str
    justification: str
    international_counterpart: str
    secretariat: str | None
    guiding_unit: str | None
    committee: str | None = Field(description="the committee concerned, or founded on approval")
    merge_into: str | None
    notice_opened_on: date | None
    notice_closes_on: date | None
    decision: str
    decision_reason: str
    seats: list[SeatOut]
    url: str


class CommitteeDecisionIn(Schema):
    outcome: str = Field(pattern="^(approve|reject)$")
    decision: str = Field("", max_length=100, description="文号")
    reason: str = Field("", max_length=5000)


class WithdrawIn(Schema):
    reason: str = Field("", max_length=2000)


class CommitteeCommentIn(Schema):
    text: str = Field(max_length=5000)
    organisation_name: str = Field("", max_length=200)


class CommitteeCommentOut(Schema):
    number: int
    commenter: str = Field(description="the public pseudonym (意见人 n), the same for one person on one application")
    text: str
    author_name: str | None = Field(description="for the applicant and the administration; else null")
    organisation_name: str | None
    submitted_at: datetime


class TermOut(Schema):
    committee: str
    number: int
    start: date
    end: date


class RenewIn(Schema):
    committee: str = Field(max_length=40)
    start: date
    end: date | None = None
    carry: list[int] = Field(default_factory=list, max_length=300, description="member ids carried forward")
    new_seats: list[SeatIn] = Field(default_factory=list, max_length=200)
    reason: str = Field("", max_length=500)


def _out(application: Application) -> dict:
    return {
        "id": application.pk, "purpose": application.purpose, "state": application.state,
        "applicant": application.applicant.name, "kind": application.kind, "code": application.code,
        "name_zh": application.name_zh, "name_en": application.name_en, "scope": application.scope,
        "justification": application.justification, "international_counterpart": application.international_counterpart,
        "secretariat": getattr(application.secretariat, "name", None),
        "guiding_unit": getattr(application.guiding_unit, "name", None),
        "committee": getattr(application.committee, "code", None),
        "merge_into": getattr(application.merge_into, "code", None),
        "notice_opened_on": application.notice_opened_on, "notice_closes_on": application.notice_closes_on,
        "decision": application.decision, "decision_reason": application.decision_reason,
        "seats": [{"name": s.name, "organisation": s.organisation, "stakeholder": s.stakeholder, "role": s.role,
                   "title": s.title, "voting": s.voting} for s in application.seats.all()],
        "url": application.get_absolute_url(),
    }


def _found(request, application_id: int) -> Application:
    application = selectors.application_for(viewer=request.user, pk=application_id)
    if application is None:
        raise NotFoundError(_("没有这份申请，或它尚未公示。"))
    return application


def _committee(code: str, field: str) -> Committee | None:
    if not code:
        return None
    committee = committee_selectors.committee_by_code(code)
    if committee is None:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), [{"field": field, "message": _(
            "没有编号为“%(code)s”的技术委员会。") % {"code": code}, "code": "unknown"}])
    return committee


def _organisation(pk: int | None, field: str) -> Organisation | None:
    if pk is None:
        return None
    found = Organisation.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), [{"field": field, "message": _(
            "没有编号为 %(pk)s 的单位。") % {"pk": pk}, "code": "unknown"}])
    return found


def _input(payload: ApplicationIn) -> applications.ApplicationInput:
    return applications.ApplicationInput(
        purpose=payload.purpose, kind=payload.kind, code=payload.code, name_zh=payload.name_zh,
        name_en=payload.name_en, scope=payload.scope, justification=payload.justification,
        international_counterpart=payload.international_counterpart,
        secretariat=_organisation(payload.secretariat_id, "secretariat_id"),
        guiding_unit=_organisation(payload.guiding_unit_id, "guiding_unit_id"),
        contact_name=payload.contact_name, contact_phone=payload.contact_phone, contact_email=payload.contact_email,
        committee=_committee(payload.committee, "committee"), merge_into=_committee(payload.merge_into, "merge_into"),
        seats=tuple(applications.SeatInput(**seat.dict()) for seat in payload.seats))


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS},
            summary="Applications you may read: those gone to public notice, your organisations', all for the "
                    "administration; newest first")
def committee_application_list(request, state: ApplicationStatus | None = None,
                               purpose: ApplicationPurpose | None = None,
                               limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    rows = selectors.search_visible(request.user, state=state or "", purpose=purpose or "")
    return [_out(a) for a in rows.select_related("secretariat", "guiding_unit").prefetch_related("seats")
            [offset:offset + limit]]


@router.get("/applications/{int:application_id}", response={200: ApplicationOut, **NOT_FOUND, **ERRORS},
            summary="One application with its proposed seats")
def committee_application_detail(request, application_id: int):
    return _out(_found(request, application_id))


@router.post("/applications", auth=SIGNED_IN, response={201: ApplicationOut, **WRITE_ERRORS},
             summary="Start a draft: establish (for your organisation), restructure or merge (for a committee)")
def committee_application_create(request, payload: ApplicationIn):
    data = _input(payload)
    if data.purpose != ApplicationPurpose.ESTABLISH and data.committee is None:
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), [{"field": "committee", "message": _(
            "请填写要调整或合并的技术委员会编号。"), "code": "required"}])
    if data.purpose == ApplicationPurpose.ESTABLISH:
        choices = applicant_organisations(request.user)
    else:
        choices = applications.change_applicants(request.user, data.committee) if data.committee else []
    applicant = next((o for o in choices if o.pk == payload.applicant_id), None) if payload.applicant_id \
        else (choices[0] if choices else None)
    if applicant is None:
        policy.require(request.user, "committees.apply" if data.purpose == ApplicationPurpose.ESTABLISH
                       else "committees.propose_change", data.committee)
        raise ValidationFailed(_("申请未能保存，请按提示修改。"), [{"field": "applicant_id", "message": _(
            "您不能以这个单位的名义申请。"), "code": "applicant"}])
    application = applications.save_draft(actor=request.user, applicant=applicant, data=data)
    return 201, _out(application)


@router.put("/applications/{int:application_id}", auth=SIGNED_IN, response={200: ApplicationOut, **WRITE_ERRORS},
            summary="Change a draft (all its fields and its whole list of seats)")
def committee_application_update(request, application_id: int, payload: ApplicationIn):
    application = _found(request, application_id)
    saved = applications.save_draft(actor=request.user, applicant=application.applicant, data=_input(payload),
                                    application=application)
    return _out(saved)


@router.post("/applications/{int:application_id}/submit", auth=SIGNED_IN,
             response={200: ApplicationOut, **WRITE_ERRORS},
             summary="Submit a draft; 422 names every field to correct (e.g. a roll that breaks the balance rule)")
def committee_application_submit(request, application_id: int):
    return _out(applications.submit_application(actor=request.user, application=_found(request, application_id)))


@router.post("/applications/{int:application_id}/withdraw", auth=SIGNED_IN,
             response={200: ApplicationOut, **WRITE_ERRORS}, summary="Withdraw a draft or a submitted application")
def committee_application_withdraw(request, application_id: int, payload: WithdrawIn):
    return _out(applications.withdraw_application(actor=request.user, application=_found(request, application_id),
                                                  reason=payload.reason))


@router.post("/applications/{int:application_id}/notice", auth=SIGNED_IN,
             response={200: ApplicationOut, **WRITE_ERRORS}, summary="Put a submitted application to public notice")
def committee_application_notice(request, application_id: int):
    return _out(applications.open_notice(actor=request.user, application=_found(request, application_id)))


@router.post("/applications/{int:application_id}/decision", auth=SIGNED_IN,
             response={200: ApplicationOut, **WRITE_ERRORS},
             summary="Approve (after the notice) or reject (with a reason) an application")
def committee_application_decide(request, application_id: int, payload: CommitteeDecisionIn):
    application = _found(request, application_id)
    if payload.outcome == "approve":
        applications.approve_application(actor=request.user, application=application, decision=payload.decision,
                                         reason=payload.reason)
    else:
        applications.reject_application(actor=request.user, application=application, reason=payload.reason,
                                        decision=payload.decision)
    return _out(_found(request, application_id))


def _comment(comment, *, identify: bool) -> dict:
    return {"number": comment.number, "commenter": comment.pseudonym, "text": comment.text,
            "author_name": comment.author_name if identify else None,
            "organisation_name": comment.organisation_name if identify else None, "submitted_at": comment.submitted_at}


@router.get("/applications/{int:application_id}/comments",
            response={200: list[CommitteeCommentOut], **NOT_FOUND, **ERRORS},
            summary="The notice's comments, in order; who made them only for the applicant and the administration")
def committee_application_comments(request, application_id: int, limit: int = Query(100, ge=1, le=MAX_LIMIT),
                                   offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    application = _found(request, application_id)
    identify = policy.can(request.user, "committees.identify_commenters", application)
    return [_comment(c, identify=identify) for c in selectors.comments_for(application)[offset:offset + limit]]


@router.post("/applications/{int:application_id}/comments", auth=SIGNED_IN,
             response={201: CommitteeCommentOut, **WRITE_ERRORS}, summary="Comment during the public notice")
def committee_application_comment(request, application_id: int, payload: CommitteeCommentIn):
    comment = applications.comment_on_application(actor=request.user, application=_found(request, application_id),
                                                  **payload.dict())
    return 201, _comment(comment, identify=True)  # the commenter's own


@router.get("/terms", response={200: list[TermOut], **NOT_FOUND, **ERRORS},
            summary="A committee's terms (届次), the latest first; without a committee, the current terms of every "
                    "committee that still exists, ending soonest first")
def committee_terms(request, committee: str = Query("", max_length=40, description="its code, e.g. SAC/TC 28"),
                    limit: int = Query(100, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    if committee:
        found = committee_selectors.committee_by_code(committee)
        if found is None:
            raise NotFoundError(_("没有这个技术委员会。"))
        rows = found.terms.select_related("committee").order_by("-number")
    else:
        today = clock.today()
        rows = (Term.objects.filter(start__lte=today, end__gte=today, committee__status__in=("active", "suspended"))
                .select_related("committee").order_by("end", "committee__code"))
    return [{"committee": t.committee.code, "number": t.number, "start": t.start, "end": t.end}
            for t in rows[offset:offset + limit]]


@router.post("/terms/renew", auth=SIGNED_IN, response={201: TermOut, **WRITE_ERRORS},
             summary="换届: start the next term, carrying the listed seats forward and seating new ones")
def committee_term_renew(request, payload: RenewIn):
    committee = committee_selectors.committee_by_code(payload.committee)
    if committee is None:
        raise NotFoundError(_("没有这个技术委员会。"))
    policy.require(request.user, "committees.terms", committee)
    end = payload.end or terms.default_end(payload.start)
    carry = list(committee.members.filter(pk__in=payload.carry))
    new_seats = [Seat(**seat.dict(), term_start=payload.start, term_end=end) for seat in payload.new_seats]
    term = terms.renew_term(actor=request.user, committee=committee, start=payload.start, end=payload.end,
                            carry=carry, new_seats=new_seats, reason=payload.reason)
    return 201, {"committee": committee.code, "number": term.number, "start": term.start, "end": term.end}
