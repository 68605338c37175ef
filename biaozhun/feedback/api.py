"""Feedback API: submit (signed in or not), follow one's own item (signed in, or with a code sent to the address
given), the handlers' queue and acts, interpretations and statistics; through the same services and policy as the
pages.

Submitting is multipart (as filing's): a part `feedback` holding the fields as JSON, and up to three parts
`attachments` holding files (none is fine). Acts need a personal API token (`Authorization: Bearer bz_…`) or a
signed-in session with its CSRF token, and send back the item's `version` they acted on. Nobody but the person who
wrote gets their contact details or name: handlers see `writer`, a pseudonym. Refusals are problem+json: 401 not
signed in, 403 not allowed (the policy's sentence), 404 no such item (or not one you may see), 409 not in a state for
this act, 413 files too large, 422 invalid fields (each problem naming its field), 429 too many requests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Schema, UploadedFile

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.api.ratelimit import take
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core import clock
from biaozhun.core.errors import NotFoundError
from biaozhun.core.ratelimit import client_address, wait_text
from biaozhun.core.upload_limits import upload_limit
from biaozhun.rules.feedback import normalise_tracking_number

from .models import Feedback
from .pseudonyms import shown
from .selectors import items as selectors
from .selectors import statistics
from .selectors.public import interpretation_list
from .services import (
    Contact,
    acknowledge_feedback,
    answer_feedback,
    close_feedback,
    merge_feedback,
    publish_interpretation,
    reassign_feedback,
    reject_feedback,
    request_access_code,
    route_feedback,
    submit_feedback,
    verify_access_code,
)
from .services.tracking import RateLimited

router = Router(tags=["feedback"])
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
PUBLIC_WRITE_ERRORS = {404: Problem, 413: Problem, **ERRORS}
MAX_LIMIT = 100


# --- Schemas ---------------------------------------------------------------------------------------------------
class ContactIn(Schema):
    name: str = Field(max_length=100)
    email: str = Field(max_length=254, description="the answer and the tracking codes are sent here; never shown")
    phone: str = Field("", max_length=20)
    organisation: str = Field("", max_length=200)


class SubmitIn(Schema):
    standard: str = Field(description="the edition's number, e.g. GB/T 19001-2016")
    category: str = Field(description="content, conflict, implementation, outdated or other")
    text: str = Field(max_length=5000)
    clause: str = Field("", max_length=50)
    contact: ContactIn | None = Field(None, description="required without an account (a visitor); ignored when signed in")


class FeedbackEventOut(Schema):
    at: datetime
    kind: str
    label: str
    organisation: str | None
    reason: str | None = Field(description="only for those who work on the item; the person who wrote sees the "
                                           "reasons of a rejection or a merge on the item itself")


class AttachmentOut(Schema):
    id: int
    filename: str
    size: int
    url: str


class FeedbackOut(Schema):
    tracking_number: str
    standard: str
    standard_title: str
    category: str
    clause: str
    text: str
    state: str
    state_label: str
    writer: str = Field(description="the pseudonym others see (反馈人 #…); the person who wrote sees it too")
    received_at: datetime
    acknowledge_due: date | None
    answer_due: date
    assigned_to: str | None
    escalated_to: str | None
    escalation_level: int
    answer: str
    answered_at: datetime | None
    answered_by: str | None
    answer_working_days: int | None
    answered_late: bool
    duplicate_of: str | None
    resolution_reason: str
    version: int = Field(description="send it back as expected_version with an act")
    history: list[FeedbackEventOut]
    attachments: list[AttachmentOut]
    url: str


class FeedbackListItemOut(Schema):
    tracking_number: str
    standard: str
    category: str
    state: str
    writer: str
    received_at: datetime
    acknowledge_due: date | None
    answer_due: date
    overdue: bool
    assigned_to: str | None
    escalated_to: str | None
    url: str


class FeedbackListOut(Schema):
    count: int
    items: list[FeedbackListItemOut]


class QueueOut(FeedbackListOut):
    organisation: str | None
    counts: dict[str, int]


class TrackCodeIn(Schema):
    tracking_number: str
    email: str = Field(max_length=254)


class TrackVerifyIn(Schema):
    tracking_number: str
    code: str = Field(max_length=12)


class AcceptedOut(Schema):
    detail: str


class VersionIn(Schema):
    expected_version: int | None = Field(None, ge=1)


class AnswerIn(VersionIn):
    answer: str = Field(max_length=10_000)


class FeedbackReasonIn(VersionIn):
    reason: str = Field("", max_length=2000)


class MergeIn(FeedbackReasonIn):
    into: str = Field(description="the tracking number of the item this one duplicates")


class ReassignIn(FeedbackReasonIn):
    organisation: int = Field(description="the id of the organisation to handle it")


class InterpretationIn(Schema):
    kind: str = Field(description="interpretation or faq")
    question: str = Field(max_length=500, description="written for the public; never name the person who wrote")
    answer: str = Field("", max_length=10_000, description="empty: the item's answer as it is")
    clause: str = Field("", max_length=50)


class InterpretationOut(Schema):
    id: int
    standard: str
    kind: str
    clause: str
    question: str
    answer: str
    published_by: str
    published_at: datetime


class StatisticsRowOut(Schema):
    code: str
    name: str
    total: int
    answered: int
    average_answer_working_days: float | None
    answered_late: int
    open_overdue: int
    overdue_share: float


class StatisticsOut(Schema):
    by: str
    year: int | None
    totals: StatisticsRowOut = Field(description="the sums of all rows (not only this page's); figures are at most "
                                                 "5 minutes old")
    count: int
    rows: list[StatisticsRowOut]


class StatisticsQuery(Schema):
    by: str = Field("committee", pattern="^(committee|department)$")
    year: int | None = Field(None, ge=2000, le=2100)
    sort: str = Field("volume", pattern="^(volume|overdue|days)$")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000)


class QueueQuery(Schema):
    organisation: int | None = None
    tab: str = Field("open", pattern="^(open|overdue|escalated|answered|ended)$")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


# --- Helpers ---------------------------------------------------------------------------------------------------
def _name(organisation: Organisation | None) -> str | None:
    return organisation.name if organisation is not None else None


def _out(item: Feedback, *, works: bool) -> dict[str, Any]:
    events = selectors.history(item) if works else selectors.author_history(item)
    return {
        "tracking_number": item.tracking_number, "standard": item.standard.identifier,
        "standard_title": item.standard.title, "category": item.category, "clause": item.clause, "text": item.text,
        "state": item.state, "state_label": item.get_state_display(), "writer": shown(item.pseudonym),
        "received_at": item.received_at, "acknowledge_due": item.acknowledge_due, "answer_due": item.answer_due,
        "assigned_to": _name(item.assigned_to), "escalated_to": _name(item.escalated_to) if works else None,
        "escalation_level": item.escalation_level if works else 0, "answer": item.answer,
        "answered_at": item.answered_at, "answered_by": _name(item.answered_by),
        "answer_working_days": item.answer_working_days, "answered_late": item.answered_late,
        "duplicate_of": item.duplicate_of.tracking_number if item.duplicate_of_id else None,
        "resolution_reason": item.resolution_reason, "version": item.version,
        "history": [{"at": e.at, "kind": e.kind, "label": e.get_kind_display(), "organisation": _name(e.organisation),
                     "reason": e.reason if works else None} for e in events],
        "attachments": [{"id": a.pk, "filename": a.filename, "size": a.size,
                         "url": f"/feedback/{item.tracking_number}/attachments/{a.pk}"} for a in item.attachments.all()],
        "url": item.get_absolute_url(),
    }


def _list_item(item: Feedback, today: date) -> dict[str, Any]:
    late = item.is_open and (item.answer_due < today or (
        item.state in ("received", "routed") and item.acknowledge_due is not None and item.acknowledge_due < today))
    return {"tracking_number": item.tracking_number, "standard": item.standard.identifier, "category": item.category,
            "state": item.state, "writer": shown(item.pseudonym), "received_at": item.received_at,
            "acknowledge_due": item.acknowledge_due, "answer_due": item.answer_due, "overdue": late,
            "assigned_to": _name(item.assigned_to), "escalated_to": _name(item.escalated_to),
            "url": item.get_absolute_url()}


def _item(request, number: str) -> Feedback:
    """The item if the caller may see it; 404 otherwise, whether it exists or not."""
    item = selectors.item_for_viewer(viewer=request.user, number=normalise_tracking_number(number) or "")
    if item is None:
        raise NotFoundError(_("没有这份反馈，或您无权查看。反馈人可凭查询编号和邮箱验证码查看（/api/v1/feedback/track/code）。"))
    return item


def _works(user, item: Feedback) -> bool:
    return policy.can(user, "feedback.handle", item) or policy.can(user, "feedback.reassign", item)


def _limit(scope: str, request, rate_setting: str) -> None:
    retry = take(scope, client_address(request), getattr(settings, rate_setting))
    if retry is not None:
        raise RateLimited(_("请求过于频繁，请在 %(wait)s后再试。") % {"wait": wait_text(retry)}, retry_after=retry)


# --- Public: submit, follow, interpretations, statistics --------------------------------------------------------
@router.post("/", response={201: FeedbackOut, **PUBLIC_WRITE_ERRORS}, summary="Give implementation feedback")
@upload_limit("BIAOZHUN_MAX_FEEDBACK_UPLOAD_BYTES")
def feedback_submit(request, feedback: SubmitIn, attachments: File[list[UploadedFile]] = None):
    """As the signed-in caller, or as a visitor with `contact`. The answer comes back with the tracking number; the
    acknowledgement is emailed."""
    if not request.user.is_authenticated:
        _limit("feedback", request, "BIAOZHUN_RATE_FEEDBACK")
    standard = catalog_selectors.standard_by_identifier(viewer=request.user, identifier=feedback.standard.strip())
    if standard is None:
        raise NotFoundError(_("目录中没有标准 %(number)s；请写出完整的标准号，如 GB/T 19001-2016。") % {
            "number": feedback.standard})
    contact = Contact(**feedback.contact.model_dump()) if feedback.contact and not request.user.is_authenticated \
        else None
    item = submit_feedback(actor=request.user, standard=standard, category=feedback.category, text=feedback.text,
                           clause=feedback.clause, contact=contact, attachments=list(attachments or []),
                           language=translation.get_language() or "zh-hans")
    return 201, _out(item, works=False)


@router.post("/track/code", response={202: AcceptedOut, **ERRORS}, summary="Ask for a code to follow an item")
def feedback_track_code(request, payload: TrackCodeIn):
    """Sends a one-time code to the address given with the item, if `email` is that address; the answer is the same
    either way."""
    request_access_code(actor=request.user, tracking_number=payload.tracking_number, email=payload.email,
                        client=client_address(request))
    return 202, {"detail": _("如果查询编号和邮箱与反馈相符，验证码已发送到该邮箱。")}


@router.post("/track/verify", response={200: FeedbackOut, **ERRORS}, summary="Read one's item with its code")
def feedback_track_verify(request, payload: TrackVerifyIn):
    item = verify_access_code(actor=request.user, tracking_number=payload.tracking_number, code=payload.code,
                              client=client_address(request))
    return _out(item, works=False)


@router.get("/interpretations", response={200: list[InterpretationOut], **ERRORS},
            summary="Published interpretations and FAQ entries")
def feedback_interpretations(request, standard: str = "", limit: int = Query(50, ge=1, le=MAX_LIMIT)):
    rows = interpretation_list(standard_identifier=standard.strip())[:limit]
    return [{"id": i.pk, "standard": i.standard.identifier, "kind": i.kind, "clause": i.clause,
             "question": i.question, "answer": i.answer, "published_by": i.published_by.name,
             "published_at": i.published_at} for i in rows]


@router.get("/statistics", response={200: StatisticsOut, **ERRORS},
            summary="Volume, time to answer and overdue share per committee or department")
def feedback_statistics(request, query: Query[StatisticsQuery]):
    today = clock.today()
    rows = (statistics.by_department if query.by == "department" else statistics.by_committee)(
        today=today, year=query.year, sort=query.sort)
    shown_rows = statistics.name_rows(rows[query.offset:query.offset + query.limit], committees=query.by == "committee")
    return {"by": query.by, "year": query.year, "totals": statistics.as_dict(statistics.summed(rows)),
            "count": len(rows), "rows": [statistics.as_dict(row) for row in shown_rows]}


# --- Signed in: one's own, the queue ----------------------------------------------------------------------------
@router.get("/mine", auth=SIGNED_IN, response={200: FeedbackListOut, **WRITE_ERRORS}, summary="My feedback")
def feedback_mine(request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=1_000_000)):
    items = selectors.mine(user=request.user).select_related("standard", "assigned_to", "escalated_to")
    today = clock.today()
    return {"count": items.count(), "items": [_list_item(i, today) for i in items[offset:offset + limit]]}


@router.get("/queue", auth=SIGNED_IN, response={200: QueueOut, **WRITE_ERRORS},
            summary="The queue of an organisation one acts for (overdue first)")
def feedback_queue(request, query: Query[QueueQuery]):
    policy.require(request.user, "feedback.work")
    today = clock.today()
    result = selectors.queue(viewer=request.user, organisation_id=query.organisation, tab=query.tab, today=today)
    return {"organisation": _name(result.organisation), "counts": result.counts,
            "count": result.counts.get(result.tab, 0) if result.tab != "escalated" else result.counts["escalated"],
            "items": [_list_item(i, today) for i in result.items.select_related(
                "standard", "assigned_to", "escalated_to")[query.offset:query.offset + query.limit]]}


@router.get("/{number}", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS}, summary="One item")
def feedback_detail(request, number: str):
    item = _item(request, number)
    return _out(item, works=_works(request.user, item))


# --- Acts -------------------------------------------------------------------------------------------------------
def _acted(request, item: Feedback) -> dict[str, Any]:
    item = selectors.by_number(item.tracking_number)
    return _out(item, works=_works(request.user, item))


@router.post("/{number}/acknowledge", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Acknowledge (the handler)")
def feedback_acknowledge(request, number: str, payload: VersionIn):
    item = _item(request, number)
    return _acted(request, acknowledge_feedback(actor=request.user, item=item, expected_version=payload.expected_version))


@router.post("/{number}/answer", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Answer (the handler); emailed to the person who wrote")
def feedback_answer(request, number: str, payload: AnswerIn):
    item = _item(request, number)
    return _acted(request, answer_feedback(actor=request.user, item=item, answer=payload.answer,
                                           expected_version=payload.expected_version))


@router.post("/{number}/close", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Close an answered item (the handler, or the person who wrote)")
def feedback_close(request, number: str, payload: FeedbackReasonIn):
    item = _item(request, number)
    return _acted(request, close_feedback(actor=request.user, item=item, reason=payload.reason))


@router.post("/{number}/merge", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Merge a duplicate into another item on the same standard (the handler)")
def feedback_merge(request, number: str, payload: MergeIn):
    item = _item(request, number)
    into = selectors.by_number(normalise_tracking_number(payload.into) or "")
    return _acted(request, merge_feedback(actor=request.user, item=item, into=into, reason=payload.reason,
                                          expected_version=payload.expected_version))


@router.post("/{number}/reject", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Reject with a reason (the handler)")
def feedback_reject(request, number: str, payload: FeedbackReasonIn):
    item = _item(request, number)
    return _acted(request, reject_feedback(actor=request.user, item=item, reason=payload.reason,
                                           expected_version=payload.expected_version))


@router.post("/{number}/reassign", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Reassign with a reason (the handler, those who oversee it)")
def feedback_reassign(request, number: str, payload: ReassignIn):
    item = _item(request, number)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    reassign_feedback(actor=request.user, item=item, organisation=organisation, reason=payload.reason,
                      expected_version=payload.expected_version)
    updated = selectors.by_number(item.tracking_number)
    if not policy.can(request.user, "feedback.view", updated):  # passed on: the caller no longer sees it
        return {**_out(item, works=False), "state": updated.state, "assigned_to": _name(updated.assigned_to),
                "version": updated.version, "history": []}
    return _out(updated, works=_works(request.user, updated))


@router.post("/{number}/route", auth=SIGNED_IN, response={200: FeedbackOut, **WRITE_ERRORS},
             summary="Route by hand an item nobody was found for (the national administration)")
def feedback_route(request, number: str, payload: ReassignIn):
    item = _item(request, number)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    return _acted(request, route_feedback(actor=request.user, item=item, organisation=organisation,
                                          reason=payload.reason))


@router.post("/{number}/interpretations", auth=SIGNED_IN, response={201: InterpretationOut, **WRITE_ERRORS},
             summary="Publish the answer as an interpretation on the standard's page (the handler)")
def feedback_publish_interpretation(request, number: str, payload: InterpretationIn):
    item = _item(request, number)
    i = publish_interpretation(actor=request.user, item=item, kind=payload.kind, question=payload.question,
                               answer=payload.answer, clause=payload.clause)
    return 201, {"id": i.pk, "standard": i.standard.identifier, "kind": i.kind, "clause": i.clause,
                 "question": i.question, "answer": i.answer, "published_by": i.published_by.name,
                 "published_at": i.published_at}
