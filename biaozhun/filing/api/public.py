"""Filing API: public reads. The list of filed standards with the page's filters (one selector answers both),
and one filing: accepted ones for everyone, one under way for those who work on it (else 404, as if absent)."""

from datetime import date
from enum import IntEnum

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.api.schemas import ERRORS, NOT_FOUND
from biaozhun.core.errors import NotFoundError

from ..models import FiledStatus, Filing, FilingState, FilingTier
from ..selectors import filing_for_viewer
from ..selectors.public import MAX_KEYWORD, RECENT_MONTHS, FiledPages, FilingQuery, FilingSort
from .router import router

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # far past any real list; bounds the integer the database is given


class RecentMonths(IntEnum):
    """Filed within the last N months: the page's choices."""

    ONE = 1
    THREE = 3
    SIX = 6
    TWELVE = 12
    TWENTY_FOUR = 24


assert tuple(RecentMonths) == RECENT_MONTHS, "the API offers the page's choices"


class FilingFilters(Schema):
    q: str = Field("", max_length=MAX_KEYWORD, description="a 备案号 (01234-2026), a standard number in any "
                   "spelling (db32t 4001-2026; undated: every edition), or words of the number or title")
    status: FiledStatus | None = Field(None, description="current 现行, replaced 有更新版, abolished 废止, "
                                                         "upcoming 即将实施 (the catalogue edition's status)")
    tier: FilingTier | None = None
    authority: int | None = Field(None, ge=1, le=2**31 - 1, description="the filing authority's organisation id")
    industry: str = Field("", pattern=r"^([A-Za-z]{1,6})?$", description="industry code of industry standards, "
                                                                         "e.g. JB")
    province: str = Field("", pattern=r"^(\d{2})?$", description="2-digit province code: the province's local "
                                                                 "standards and its cities', e.g. 32")
    city: str = Field("", pattern=r"^(\d{4})?$", description="4-digit city code of city-level local standards, "
                                                             "e.g. 3201")
    months: RecentMonths | None = Field(None, description="filed within the last N months")
    sort: FilingSort = Field(FilingSort.FILED, description="newest first by date filed, published or implemented")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)




class FilingAuthorityOut(Schema):
    id: int
    name: str
    name_en: str


class PublicFilingOut(Schema):
    id: int
    filing_number: str = Field(description="备案号, e.g. 01234-2026; empty until accepted")
    identifier: str
    title_zh: str
    title_en: str
    tier: FilingTier
    authority: FilingAuthorityOut
    filed_on: date | None
    published_on: date | None
    implemented_on: date | None
    status: FiledStatus | None = Field(description="the catalogue edition's status; null until accepted")
    url: str = Field(description="the filing's page")
    standard_url: str | None = Field(description="the edition's page in the catalogue, once accepted")


class FilingListOut(Schema):
    count: int
    items: list[PublicFilingOut]


class FilingDetailOut(PublicFilingOut):
    state: str = Field(description="accepted; for those who work on it also awaiting_province, submitted, "
                                   "returned, withdrawn")
    industry_code: str
    region_code: str
    approved_by: str = Field(description="批准发布部门")
    notice_number: str = Field(description="批准发布公告号")
    notice_date: date | None
    filing_deadline: date | None = Field(description="the last day to file after publication")
    days_late: int = Field(description="days after the deadline it was first submitted; 0 when on time")
    replaces: str = Field(description="the edition it replaces, empty if none")
    scope: str


def _filing(filing: Filing) -> dict:
    standard = filing.standard if filing.standard_id else None
    accepted = standard is not None and filing.state == FilingState.ACCEPTED
    return {
        "id": filing.pk, "filing_number": filing.filing_number, "identifier": filing.identifier,
        "title_zh": filing.title_zh,
        "title_en": standard.title_en if standard else str(filing.record.get("title_en") or ""),
        "tier": filing.tier,
        "authority": {"id": filing.authority.pk, "name": filing.authority.name,
                      "name_en": filing.authority.name_en},
        "filed_on": filing.filed_on, "published_on": filing.published_on, "implemented_on": filing.implemented_on,
        "status": standard.status if accepted else None,
        "url": filing.get_absolute_url(), "standard_url": standard.get_absolute_url() if accepted else None,
    }


@router.get("/", response={200: FilingListOut, **ERRORS}, summary="Filed standards, newest filed first")
def filing_list(request, filters: Query[FilingFilters]):
    """Accepted filings of industry and local standards, with the filters of the public list (/filing/). A value
    of the right shape that names nothing (an unknown authority or code) finds nothing."""
    query = FilingQuery(
        q=filters.q.replace("\x00", ""), status=filters.status or "", tier=filters.tier or "",
        authority=filters.authority, industry=filters.industry.upper(), province=filters.province,
        city=filters.city, months=filters.months.value if filters.months else None, sort=filters.sort)
    filings = FiledPages(query)
    page = filings[filters.offset:filters.offset + filters.limit]
    return {"count": filings.count(), "items": [_filing(filing) for filing in page]}


@router.get("/{int:filing_id}", response={200: FilingDetailOut, **NOT_FOUND, **ERRORS}, summary="One filing")
def filing_detail(request, filing_id: int):
    filing = filing_for_viewer(viewer=request.user, pk=filing_id)
    if filing is None:  # absent, or under way and not the caller's to see: the same answer
        raise NotFoundError(_("没有这份备案。"))
    return {
        **_filing(filing), "state": filing.state, "industry_code": filing.industry_code,
        "region_code": filing.region_code, "approved_by": filing.approved_by,
        "notice_number": filing.notice_number, "notice_date": filing.notice_date,
        "filing_deadline": filing.filing_deadline, "days_late": filing.days_late, "replaces": filing.replaces,
        "scope": str(filing.record.get("scope") or ""),
    }
