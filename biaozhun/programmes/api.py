"""Programmes API: the calls and the pilots (public), applications (one's own organisations', and those of the
calls one runs), applying (without files: attachments are sent through the page) and the review decision;
through the same services and policy as the pages.

Refusals are problem+json: 401 not signed in, 403 not allowed, 404 no such record (or not one you may see), 409
not in a state for this act (call_not_open, already_applied, invalid_transition), 422 invalid fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError

from . import selectors
from .models import Pilot
from .services import (
    ApplicationInput,
    apply_for_pilot,
    approve_application,
    reject_application,
    start_review,
    withdraw_application,
)

router = Router(tags=["programmes"])
RESPONSES = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
PUBLIC_RESPONSES = {404: Problem, **ERRORS}


class ProgrammeOut(Schema):
    id: int
    type: str
    type_name: str
    authority: str
    title: str
    year: int
    opens_on: date
    closes_on: date
    eligibility: str
    duration_months: int
    state: str = Field(description="draft, open, closed or decided")
    url: str


class PilotOut(Schema):
    id: int
    name: str
    organisation: str
    uscc: str
    type: str
    programme_id: int
    region_code: str
    field: str
    started_on: date
    planned_end_on: date
    state: str = Field(description="running, extended, accepted or revoked")
    outcome: str = Field(description="the latest concluded evaluation's outcome, \"\" before any")
    total: Decimal | None
    url: str


class PilotApplicationOut(Schema):
    id: int
    programme_id: int
    organisation_id: int
    organisation: str
    project_name: str
    region_code: str
    field: str
    objectives: str
    planned_standards: str
    state: str = Field(description="submitted, under_review, approved, rejected or withdrawn")
    reason: str
    submitted_at: datetime
    pilot_id: int | None
    url: str


class PilotQuery(Schema):
    type: str = Field("", max_length=40)
    province: str = Field("", pattern=r"^(|\d{2})$")
    region: str = Field("", pattern=r"^(|\d{2,6})$")
    year: int | None = Field(None, ge=2000, le=2100)
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=100_000)


class ProgrammeQuery(Schema):
    type: str = Field("", max_length=40, description="a programme type's code, e.g. services")


class ApplyIn(Schema):
    organisation_id: int
    project_name: str = Field(max_length=200)
    region_code: str = Field(max_length=6, description="GB/T 2260 code down to the county, 6 digits")
    field: str = Field(max_length=100)
    objectives: str = Field(max_length=5000)
    planned_standards: str = Field("", max_length=5000)


class DecisionIn(Schema):
    action: str = Field(pattern="^(start_review|approve|reject|withdraw)$")
    reason: str = Field("", max_length=2000)
    started_on: date | None = None


def _programme_out(p) -> dict:
    return {"id": p.pk, "type": p.programme_type.code, "type_name": p.programme_type.name_zh,
            "authority": p.authority.name, "title": p.title, "year": p.year, "opens_on": p.opens_on,
            "closes_on": p.closes_on, "eligibility": p.eligibility, "duration_months": p.duration_months,
            "state": p.state, "url": p.get_absolute_url()}


def _pilot_out(p: Pilot) -> dict:
    outcome = selectors.latest_outcome(p)
    return {"id": p.pk, "name": p.name, "organisation": p.organisation.name, "uscc": p.organisation.uscc,
            "type": p.programme.programme_type.code, "programme_id": p.programme_id, "region_code": p.region_code,
            "field": p.field, "started_on": p.started_on, "planned_end_on": p.planned_end_on, "state": p.state,
            "outcome": outcome.outcome if outcome else "", "total": outcome.total if outcome else None,
            "url": p.get_absolute_url()}


def _application_out(a) -> dict:
    pilot = Pilot.objects.filter(application=a).values_list("pk", flat=True).first()
    return {"id": a.pk, "programme_id": a.programme_id, "organisation_id": a.organisation_id,
            "organisation": a.organisation.name, "project_name": a.project_name, "region_code": a.region_code,
            "field": a.field, "objectives": a.objectives, "planned_standards": a.planned_standards,
            "state": a.state, "reason": a.reason, "submitted_at": a.submitted_at, "pilot_id": pilot,
            "url": a.get_absolute_url()}


@router.get("/", response={200: list[ProgrammeOut], **PUBLIC_RESPONSES}, summary="The calls (drafts only to their "
            "authority)")
def programme_list(request, query: Query[ProgrammeQuery]):
    return [_programme_out(p) for p in selectors.programmes_for(viewer=request.user, type_code=query.type)[:500]]


@router.get("/pilots", response={200: list[PilotOut], **PUBLIC_RESPONSES},
            summary="Approved pilots by type, province, region (a code prefix) and year")
def pilot_list(request, query: Query[PilotQuery]):
    found = selectors.pilots(type_code=query.type, province=query.province, region=query.region, year=query.year)
    return [_pilot_out(p) for p in found[query.offset:query.offset + query.limit]]


@router.get("/pilots/{int:pilot_id}", response={200: PilotOut, **PUBLIC_RESPONSES}, summary="One pilot")
def pilot_detail(request, pilot_id: int):
    pilot = selectors.pilots().filter(pk=pilot_id).first()
    if pilot is None:
        raise NotFoundError(_("没有这个试点示范项目。"))
    return _pilot_out(pilot)


@router.get("/applications", auth=SIGNED_IN, response={200: list[PilotApplicationOut], **RESPONSES},
            summary="Applications one may see: one's organisations', and those of the calls one runs")
def programme_application_list(request):
    return [_application_out(a) for a in selectors.applications_for(viewer=request.user).order_by("-id")[:500]]


def _application(request, pilot_application_id: int):
    application = selectors.application_for(viewer=request.user, pk=pilot_application_id)
    if application is None:
        raise NotFoundError(_("没有这份申报，或您无权查看。"))
    return application


@router.get("/applications/{int:pilot_application_id}", auth=SIGNED_IN,
            response={200: PilotApplicationOut, **RESPONSES}, summary="One application")
def programme_application_detail(request, pilot_application_id: int):
    return _application_out(_application(request, pilot_application_id))


@router.post("/applications/{int:pilot_application_id}/decision", auth=SIGNED_IN,
             response={200: PilotApplicationOut, **RESPONSES},
             summary="Start the review, approve, reject (the authority) or withdraw (the applicant)")
def programme_application_decide(request, pilot_application_id: int, payload: DecisionIn):
    application = _application(request, pilot_application_id)
    actor = request.user
    if payload.action == "start_review":
        application = start_review(actor=actor, application=application)
    elif payload.action == "approve":
        application = approve_application(actor=actor, application=application,
                                          started_on=payload.started_on).application
    elif payload.action == "reject":
        application = reject_application(actor=actor, application=application, reason=payload.reason)
    else:
        application = withdraw_application(actor=actor, application=application, reason=payload.reason)
    return _application_out(application)


@router.get("/{int:programme_id}", response={200: ProgrammeOut, **PUBLIC_RESPONSES}, summary="One call")
def programme_detail(request, programme_id: int):
    programme = selectors.programme_for(viewer=request.user, pk=programme_id)
    if programme is None:
        raise NotFoundError(_("没有这个批次。"))
    return _programme_out(programme)


@router.post("/{int:programme_id}/applications", auth=SIGNED_IN, response={201: PilotApplicationOut, **RESPONSES},
             summary="Apply for one's organisation while the call is open")
def programme_apply(request, programme_id: int, payload: ApplyIn):
    programme = selectors.programme_for(viewer=request.user, pk=programme_id)
    if programme is None:
        raise NotFoundError(_("没有这个批次。"))
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise NotFoundError(_("没有这个组织。"))
    policy.require(request.user, "programmes.apply", organisation)
    data = ApplicationInput(**payload.model_dump(exclude={"organisation_id"}))
    application = apply_for_pilot(actor=request.user, programme=programme, organisation=organisation, data=data)
    return 201, _application_out(application)
