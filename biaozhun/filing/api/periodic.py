"""Filing API: what follows filing (/api/v1/filings/…). An authority's periodic review list and its conclusions,
abolition announcements (public), supersession flags and their decisions, and conversions.

Writes need a personal API token (`Authorization: Bearer bz_…`) or a signed-in session with its CSRF token, and go
through the same services and policy as the pages. Standards are named by their numbers, in any accepted spelling.
"""

from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.catalog.services import record_conversion
from biaozhun.core import clock
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed

from ..models import FlagState, ReviewOutcome
from ..selectors import periodic as selectors
from ..services.flags import confirm_flag, dismiss_flag
from ..services.periodic import NoticeInput, conclude_reviews
from .router import router

WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
READ_ERRORS = {401: Problem, 403: Problem, **ERRORS}
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class ReviewAuthorityOut(Schema):
    id: int
    name: str
    kind: str
    industry_code: str
    region_code: str


class DueStandardOut(Schema):
    identifier: str
    title_zh: str
    published_on: date | None
    confirmed_on: date | None
    due_on: date = Field(description="复审期限: publication or last confirmation plus the review period")
    state: str = Field(description="upcoming, due (today) or overdue")
    days: int = Field(description="days until the due date (upcoming) or past it (overdue)")
    revision_concluded_on: date | None = Field(description="the open 修订 conclusion, on the revising list")
    replacing_filing: str | None = Field(description="备案号 of the accepted filing that replaces the standard")
    national_flags: list[str] = Field(description="national standards flagged on the same subject")


class DuePage(Schema):
    authority: ReviewAuthorityOut
    review_years: int
    count: int
    items: list[DueStandardOut]


class NoticeIn(Schema):
    notice_number: str = Field(max_length=100, description="公告号, e.g. 2026年第3号")
    notice_date: date
    abolished_on: date = Field(description="the standards are abolished from this day")
    note: str = Field("", max_length=2000)


class ConclusionIn(Schema):
    standards: list[str] = Field(min_length=1, max_length=500, description="numbers, all of one authority")
    outcome: str = Field(description="confirm (继续有效), revise (修订) or abolish (废止)")
    reason: str = Field("", max_length=2000)
    notice: NoticeIn | None = Field(None, description="the abolition announcement; required to abolish")


class ConclusionOut(Schema):
    standard: str
    outcome: str
    concluded_on: date
    due_on: date
    authority: str
    notice: int | None = Field(description="the abolition announcement's id")


class AbolitionAnnouncementOut(Schema):
    id: int
    authority: str
    notice_number: str
    notice_date: date
    abolished_on: date
    standards: int
    url: str


class AnnouncementPage(Schema):
    count: int
    items: list[AbolitionAnnouncementOut]


class AbolishedOut(Schema):
    identifier: str
    title_zh: str
    status: str


class AnnouncementDetailOut(AbolitionAnnouncementOut):
    note: str
    abolished: list[AbolishedOut]


class SupersessionFlagOut(Schema):
    id: int
    standard: str
    standard_title: str
    national: str
    national_title: str
    authority: str
    score: float
    shared: list[str]
    state: str = Field(description="open, confirmed (the authority will revise or abolish) or dismissed")
    reason: str
    created_at: datetime
    decided_at: datetime | None


class SupersessionFlagPage(Schema):
    count: int
    items: list[SupersessionFlagOut]


class FlagConfirmIn(Schema):
    note: str = Field("", max_length=2000)


class FlagDismissIn(Schema):
    reason: str = Field(min_length=1, max_length=2000, description="why the national standard does not cover it")


class ConversionIn(Schema):
    sources: list[str] = Field(min_length=1, max_length=50, description="the converted industry or local standards")
    target: str = Field(description="the national or group standard (or, for local ones, industry standard)")
    note: str = Field("", max_length=2000)


class ConversionOut(Schema):
    sources: list[str]
    target: str


def _standards(numbers: list[str], field: str):
    found, missing = selectors.standards_by_numbers(numbers)
    if missing:
        raise ValidationFailed(_("标准目录中没有所列的部分标准。"), [
            {"field": field, "message": _("标准目录中没有 %(number)s") % {"number": n}} for n in missing])
    return found


def _authority(authority) -> dict:
    return {"id": authority.pk, "name": authority.name, "kind": authority.kind,
            "industry_code": authority.industry_code, "region_code": authority.region_code}


# --- Periodic review ----------------------------------------------------------------------------------------
@router.get("/reviews", auth=SIGNED_IN, response={200: DuePage, **READ_ERRORS},
            summary="An authority's standards due for periodic review (复审)")
def review_list(request, authority: int | None = None, tab: str = "open", within: int = Query(
        selectors.DEFAULT_WITHIN, description="months ahead: 3, 6 or 12"),
        limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    """`tab`: open (no conclusion yet, overdue ones included), overdue, or revising. Without `authority`, the first
    one you act for."""
    organisation = selectors.authority_for_viewer(viewer=request.user, pk=authority)
    if organisation is None:
        raise PermissionDeniedError("filing.view_reviews", _("复审清单供该备案单位和国家标准委使用。"))
    policy.require(request.user, "filing.view_reviews", organisation)
    problems = []
    if tab not in selectors.REVIEW_TABS:
        problems.append({"field": "tab", "message": _("可选：%(values)s") % {"values": ", ".join(selectors.REVIEW_TABS)}})
    if within not in selectors.WITHIN_CHOICES:
        problems.append({"field": "within", "message": _("可选：%(values)s") % {
            "values": ", ".join(str(m) for m in selectors.WITHIN_CHOICES)}})
    if problems:
        raise ValidationFailed(_("参数有误。"), problems)
    today = clock.today()
    standards = selectors.due_for_review(authority=organisation, today=today, within_months=within, tab=tab)
    rows = selectors.review_rows(list(standards[offset:offset + limit]), today=today)
    return {"authority": _authority(organisation), "review_years": selectors.review_years(),
            "count": standards.count(), "items": [{
                "identifier": r.standard.identifier, "title_zh": r.standard.title_zh,
                "published_on": r.standard.published_on, "confirmed_on": r.standard.confirmed_on,
                "due_on": r.due_on, "state": r.state, "days": r.days,
                "revision_concluded_on": r.revision.concluded_on if r.revision else None,
                "replacing_filing": r.replacing.filing_number if r.replacing else None,
                "national_flags": [f.national.identifier for f in r.flags]} for r in rows]}


@router.post("/reviews/conclusions", auth=SIGNED_IN, response={201: list[ConclusionOut], **WRITE_ERRORS},
             summary="Conclude the periodic review of standards (an abolition with its announcement)")
def review_conclude(request, payload: ConclusionIn):
    standards = _standards(payload.standards, "standards")
    notice = NoticeInput(**payload.notice.model_dump()) if payload.notice else None
    if payload.outcome not in ReviewOutcome.values:
        raise ValidationFailed(_("复审结论未能记录，请按提示修改。"), [
            {"field": "outcome", "message": _("应为 confirm、revise 或 abolish")}])
    reviews = conclude_reviews(actor=request.user, standards=standards, outcome=payload.outcome,
                               reason=payload.reason, notice=notice)
    return 201, [{"standard": r.standard.identifier, "outcome": r.outcome, "concluded_on": r.concluded_on,
                  "due_on": r.due_on, "authority": r.authority.name, "notice": r.notice_id} for r in reviews]


# --- Abolition announcements (public) ---------------------------------------------------------------------------
def _announcement(notice, count: int) -> dict:
    return {"id": notice.pk, "authority": notice.authority.name, "notice_number": notice.notice_number,
            "notice_date": notice.notice_date, "abolished_on": notice.abolished_on, "standards": count,
            "url": notice.get_absolute_url()}


@router.get("/announcements", response={200: AnnouncementPage, **ERRORS},
            summary="Abolition announcements of industry and local standards, newest first")
def announcement_list(request, authority: int | None = None, limit: int = Query(20, ge=1, le=MAX_LIMIT),
                      offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    notices = selectors.announcements(authority_pk=authority)
    page = list(notices[offset:offset + limit])
    counts = selectors.announcement_counts(page)
    return {"count": notices.count(), "items": [_announcement(n, counts.get(n.pk, 0)) for n in page]}


@router.get("/announcements/{int:notice_id}", response={200: AnnouncementDetailOut, **NOT_FOUND, **ERRORS},
            summary="One abolition announcement with the standards it abolishes")
def announcement_detail(request, notice_id: int):
    notice = selectors.announcement(pk=notice_id)
    if notice is None:
        raise Http404(_("没有这份废止公告。"))
    reviews = selectors.announced_standards(notice)
    return {**_announcement(notice, len(reviews)), "note": notice.note, "abolished": [
        {"identifier": r.standard.identifier, "title_zh": r.standard.title_zh, "status": r.standard.status}
        for r in reviews]}


# --- Supersession flags -----------------------------------------------------------------------------------------
def _flag(flag) -> dict:
    return {"id": flag.pk, "standard": flag.standard.identifier, "standard_title": flag.standard.title_zh,
            "national": flag.national.identifier, "national_title": flag.national.title_zh,
            "authority": flag.authority.name, "score": flag.score, "shared": flag.shared, "state": flag.state,
            "reason": flag.reason, "created_at": flag.created_at, "decided_at": flag.decided_at}


@router.get("/flags", auth=SIGNED_IN, response={200: SupersessionFlagPage, **READ_ERRORS},
            summary="National standards flagged on the subject of your authority's standards")
def flag_list(request, state: str = FlagState.OPEN, limit: int = Query(50, ge=1, le=MAX_LIMIT),
              offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    if state not in FlagState.values:
        raise ValidationFailed(_("参数有误。"), [{"field": "state", "message": _("可选：%(values)s") % {
            "values": ", ".join(FlagState.values)}}])
    flags = selectors.flags_for(viewer=request.user, state=state)
    return {"count": flags.count(), "items": [_flag(f) for f in flags[offset:offset + limit]]}


def _visible_flag(request, flag_id: int):
    flag = selectors.flag_for_viewer(viewer=request.user, pk=flag_id)
    if flag is None:
        raise Http404(_("没有这条提示，或您无权查看。"))
    return flag


@router.post("/flags/{int:flag_id}/confirm", auth=SIGNED_IN, response={200: SupersessionFlagOut, **WRITE_ERRORS},
             summary="Confirm a flag: the authority will revise or abolish its standard")
def flag_confirm(request, flag_id: int, payload: FlagConfirmIn):
    return _flag(confirm_flag(actor=request.user, flag=_visible_flag(request, flag_id), note=payload.note))


@router.post("/flags/{int:flag_id}/dismiss", auth=SIGNED_IN, response={200: SupersessionFlagOut, **WRITE_ERRORS},
             summary="Dismiss a flag, saying why the national standard does not cover the standard")
def flag_dismiss(request, flag_id: int, payload: FlagDismissIn):
    return _flag(dismiss_flag(actor=request.user, flag=_visible_flag(request, flag_id), reason=payload.reason))


# --- Conversions ------------------------------------------------------------------------------------------------
@router.post("/conversions", auth=SIGNED_IN, response={201: ConversionOut, **WRITE_ERRORS},
             summary="Record that industry or local standards were converted (merged) into another standard")
def conversion_record(request, payload: ConversionIn):
    sources = _standards(payload.sources, "sources")
    [target] = _standards([payload.target], "target")
    record_conversion(actor=request.user, sources=sources, target=target, note=payload.note)
    return 201, {"sources": [s.identifier for s in sources], "target": target.identifier}
