"""Filing API: the authorities' and reviewers' writes, through the same services and policy as the pages.

Writes need a personal API token (`Authorization: Bearer bz_…`) or a signed-in session with its CSRF token. A
submission is multipart: a part `filing` holding the fields as JSON, and a part `text` holding the PDF. Refusals
are problem+json: 401 not signed in, 403 not allowed (the policy's sentence), 404 no such filing (or not one you
may see), 409 not in a state for this action, 413 text too large, 422 invalid fields (each problem naming its
field, as the form's)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Schema, UploadedFile

from biaozhun.accounts import policy
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from biaozhun.core.upload_limits import upload_limit

from .. import check_text
from ..authorities import authorities_of
from ..models import Filing
from ..selectors import work as selectors
from ..services import (
    FilingInput,
    accept_filing,
    approve_city_filing,
    resubmit_filing,
    return_city_filing,
    return_filing,
    submit_filing,
    withdraw_filing,
)
from .router import router

WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, **ERRORS}
TEXT_LIMIT = "BIAOZHUN_MAX_FULLTEXT_BYTES"
RECORD_FIELDS = ("identifier", "title_zh", "title_en", "scope", "ccs", "ics", "published_on", "implemented_on",
                 "replaces", "drafting_units", "drafters", "industry_classes", "remarks")


class FilingFieldsIn(Schema):
    """The fields of a filing (the catalogue interchange format's names, docs/catalog-jsonl.md, and the approval
    notice)."""

    authority: int | None = Field(None, description="the id of the authority filing; needed only by someone who "
                                                    "acts for several")
    identifier: str = Field(description="the standard number, e.g. DB32/T 4567-2026")
    title_zh: str = ""
    title_en: str = ""
    scope: str = ""
    ccs: str = Field("", description="CCS code, e.g. T47")
    ics: list[str] = Field([], description="ICS codes, the first the primary one")
    published_on: date | None = None
    implemented_on: date | None = None
    replaces: list[str] = Field([], description="the editions this one replaces")
    drafting_units: list[str] = Field([], description="起草单位, in the order the text names them")
    drafters: list[str] = Field([], description="起草人, in the order the text names them")
    industry_classes: list[str] = Field([], description="国民经济行业分类 (GB/T 4754-2017), e.g. C383")
    remarks: str = ""
    approved_by: str = Field("", description="批准发布部门")
    notice_number: str = Field("", description="批准发布公告号")
    notice_date: date | None = Field(None, description="the approval notice's date")


class ResubmitIn(FilingFieldsIn):
    expected_version: int = Field(ge=1, description="the filing's version you revised (FilingOut.version)")


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class FilingReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class CheckReasonIn(Schema):
    check: str = Field("", description="the check code the reason answers (FilingOut.checks[].code); empty for a "
                                       "general reason")
    message: str = Field(max_length=2000)


class ReturnIn(Schema):
    reasons: list[CheckReasonIn]
    note: str = Field("", max_length=2000)


class FilingCheckOut(Schema):
    code: str
    label: str = Field(description="the check's name in the request's language")
    outcome: str = Field(description="ok, note or flag")
    message: str = Field(description="what the check found, in the request's language")


class CheckDetailOut(FilingCheckOut):
    params: dict[str, Any]
    evidence: list[dict[str, Any]] = Field(description="coordination candidates (`title_zh` and the `shared` words "
                                                       "to mark in it; plain text, escape it to show it as HTML), "
                                                       "wording matches, related catalogue editions")


class FilingOut(Schema):
    id: int
    identifier: str
    tier: str
    authority: str
    authority_id: int
    title_zh: str
    state: str
    published_on: date | None
    implemented_on: date | None
    approved_by: str
    notice_number: str
    notice_date: date | None
    replaces: str
    submitted_at: datetime
    filing_deadline: date | None
    days_late: int
    review_due: date | None
    filing_number: str
    filed_on: date | None
    version: int = Field(description="send it back as expected_version when resubmitting")
    checks: list[FilingCheckOut]
    url: str = Field(description="the filing's work page")


class ChecksOut(Schema):
    id: int
    identifier: str
    checked_at: datetime | None
    checks: list[CheckDetailOut]


def _out(filing: Filing) -> dict[str, Any]:
    return {
        "id": filing.pk, "identifier": filing.identifier, "tier": filing.tier, "authority": filing.authority.name,
        "authority_id": filing.authority_id, "title_zh": filing.title_zh, "state": filing.state,
        "published_on": filing.published_on, "implemented_on": filing.implemented_on,
        "approved_by": filing.approved_by, "notice_number": filing.notice_number, "notice_date": filing.notice_date,
        "replaces": filing.replaces, "submitted_at": filing.submitted_at, "filing_deadline": filing.filing_deadline,
        "days_late": filing.days_late, "review_due": filing.review_due, "filing_number": filing.filing_number,
        "filed_on": filing.filed_on, "version": filing.version,
        "checks": [{"code": c.get("code", ""), "label": check_text.label(c.get("code", "")),
                    "outcome": c.get("outcome", ""), "message": check_text.sentence(c)} for c in filing.checks],
        "url": reverse("filing:work_detail", args=[filing.pk]),
    }


def _filing(request, filing_id: int) -> Filing:
    """The filing, if the caller may see it (404 otherwise, whether it exists or not)."""
    filing = selectors.filing_for_work(viewer=request.user, pk=filing_id)
    if filing is None:
        raise NotFoundError(_("没有这份备案，或您无权查看。"))
    return filing


def _input(fields: FilingFieldsIn, text: UploadedFile | None) -> FilingInput:
    data = fields.model_dump()
    record = {name: data[name] for name in RECORD_FIELDS}
    for name in ("published_on", "implemented_on"):
        record[name] = record[name].isoformat() if record[name] else None
    return FilingInput(record=record, approved_by=data["approved_by"], notice_number=data["notice_number"],
                       notice_date=data["notice_date"], text=text.read() if text is not None else None)


def _authority(request, wanted: int | None):
    authorities = authorities_of(request.user)
    if not authorities:
        raise PermissionDeniedError("filing.submit", _("只有行业主管部门和市场监管部门的工作人员可以提交备案。"))
    if wanted is None and len(authorities) == 1:
        return authorities[0]
    chosen = next((a for a in authorities if a.pk == wanted), None)
    if chosen is None:
        choices = "; ".join(f"{a.pk} {a.name}" for a in authorities)
        raise ValidationFailed(_("请指明备案单位。"), [{"field": "authority", "message": _(
            "须为您所代表的备案单位之一：%(choices)s") % {"choices": choices}}])
    return chosen


@router.post("/", auth=SIGNED_IN, response={201: FilingOut, **WRITE_ERRORS}, summary="File a standard")
@upload_limit(TEXT_LIMIT, signed_in_only=True)
def filing_submit(request, filing: FilingFieldsIn, text: File[UploadedFile | None] = None):
    """Multipart: `filing` (the fields as JSON) and `text` (the PDF). The checks run at once and never block; their
    results come back in `checks`."""
    authority = _authority(request, filing.authority)
    created = submit_filing(actor=request.user, authority=authority, data=_input(filing, text))
    return 201, _out(created)


@router.post("/{int:filing_id}/resubmit", auth=SIGNED_IN, response={200: FilingOut, **WRITE_ERRORS},
             summary="Revise and resubmit a returned filing")
@upload_limit(TEXT_LIMIT, signed_in_only=True)
def filing_resubmit(request, filing_id: int, filing: ResubmitIn, text: File[UploadedFile | None] = None):
    """Multipart as a submission; without `text` the text already submitted is kept. `expected_version` is the
    version you revised: a filing changed meanwhile is refused (422, field `version`)."""
    current = _filing(request, filing_id)
    revised = resubmit_filing(actor=request.user, filing=current, data=_input(filing, text),
                              expected_version=filing.expected_version)
    return _out(revised)


@router.post("/{int:filing_id}/withdraw", auth=SIGNED_IN, response={200: FilingOut, **WRITE_ERRORS},
             summary="Withdraw a filing before it is accepted")
def filing_withdraw(request, filing_id: int, payload: FilingReasonIn):
    return _out(withdraw_filing(actor=request.user, filing=_filing(request, filing_id), reason=payload.reason))


@router.post("/{int:filing_id}/approve-city", auth=SIGNED_IN, response={200: FilingOut, **WRITE_ERRORS},
             summary="Approve a city's filing (its province)")
def filing_approve_city(request, filing_id: int, payload: NoteIn):
    return _out(approve_city_filing(actor=request.user, filing=_filing(request, filing_id), note=payload.note))


@router.post("/{int:filing_id}/return-city", auth=SIGNED_IN, response={200: FilingOut, **WRITE_ERRORS},
             summary="Return a city's filing to it (its province)")
def filing_return_city(request, filing_id: int, payload: FilingReasonIn):
    return _out(return_city_filing(actor=request.user, filing=_filing(request, filing_id), reason=payload.reason))


@router.post("/{int:filing_id}/accept", auth=SIGNED_IN, response={200: FilingOut, **WRITE_ERRORS},
             summary="Accept a filing: a 备案号 is assigned and the standard enters the catalogue")
def filing_accept(request, filing_id: int, payload: NoteIn):
    return _out(accept_filing(actor=request.user, filing=_filing(request, filing_id), note=payload.note))


@router.post("/{int:filing_id}/return", auth=SIGNED_IN, response={200: FilingOut, **WRITE_ERRORS},
             summary="Return a filing with reasons per check")
def filing_return(request, filing_id: int, payload: ReturnIn):
    reasons = [reason.model_dump() for reason in payload.reasons]
    return _out(return_filing(actor=request.user, filing=_filing(request, filing_id), reasons=reasons,
                              note=payload.note))


@router.get("/{int:filing_id}/checks", auth=SIGNED_IN, response={200: ChecksOut, **WRITE_ERRORS},
            summary="The checks of a filing, with their evidence (for those who work on it)")
def filing_checks(request, filing_id: int):
    filing = _filing(request, filing_id)
    policy.require(request.user, "filing.work_on", filing)
    return {"id": filing.pk, "identifier": filing.identifier, "checked_at": filing.checked_at,
            "checks": [{"code": c.get("code", ""), "label": check_text.label(c.get("code", "")),
                        "outcome": c.get("outcome", ""), "message": check_text.sentence(c),
                        "params": c.get("params") or {}, "evidence": [check_text.stored_evidence(e) for e in c.get("evidence") or ()
                                     if isinstance(e, dict)]}
                       for c in filing.checks]}
