"""Search API: the same engine and query language as the search page."""

import json
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from pydantic import BaseModel

from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.core.errors import DomainError

from .documents import DATE_FILTERS, FACETS, NAME_FILTERS, TAG_FILTERS
from .engine import (
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    IndexStateError,
    SearchError,
    SearchQuery,
    get_engine,
)
from .health import IndexCondition, forget_health, index_health
from .suggest import SuggestionKind, suggest

router = Router(tags=["search"])


class BadSearch(DomainError):
    """A search the engine refused; ``reason`` in the problem is SearchError's code, with its values."""

    code = "bad_search"
    status = 400


class SearchUnavailable(DomainError):
    """This machine's search index is missing or unusable and is being rebuilt; ``retry_after`` in seconds."""

    code = "search_unavailable"
    status = 503


RETRY_AFTER = 60


def _unavailable() -> SearchUnavailable:
    return SearchUnavailable(_("搜索索引正在重建，暂时无法检索，结果可能不完整。请在 %(seconds)s 秒后重试。") % {
        "seconds": RETRY_AFTER}, retry_after=RETRY_AFTER)


DAY = r"^\d{4}-\d{2}-\d{2}$"


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH,
                   description=f"words, pinyin, initials or a (partial) standard number; at most {MAX_QUERY_LENGTH} "
                               "characters (longer: 422)")
    sort: str = Field("relevance", pattern="^(relevance|date|number)$")
    page: int = Field(1, ge=1, le=MAX_OFFSET // 20)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    facets: bool = Field(False, description="also count the values of every facet over all hits (`facets` in the "
                                            "answer; empty unless asked: counting costs as much as the search)")
    tier: list[str] = Field(default_factory=list)
    nature: list[str] = Field(default_factory=list)
    status: list[str] = Field(default_factory=list)
    ccs1: list[str] = Field(default_factory=list, description="CCS class letter, e.g. A")
    ccs: list[str] = Field(default_factory=list, description="CCS code, e.g. A00")
    ics: list[str] = Field(default_factory=list, description="ICS field, 2 digits, e.g. 13")
    industry: list[str] = Field(default_factory=list, description="industry code, e.g. JB")
    province: list[str] = Field(default_factory=list, description="2-digit province code, e.g. 11")
    city: list[str] = Field(default_factory=list, description="4-digit city code of city-level local standards "
                                                               "(DB3301/T ...), e.g. 3301")
    tc: list[str] = Field(default_factory=list, description="technical committee, e.g. SAC/TC 151")
    year: list[str] = Field(default_factory=list)
    degree: list[str] = Field(default_factory=list, description="IDT, MOD or NEQ")
    fulltext: Literal["yes", "no"] | None = Field(None, description="has a full text (有全文) or not")
    adopted: Literal["yes", "no"] | None = Field(None, description="adopts an international standard (采标: IDT or "
                                                                  "MOD) or not")
    published_from: str | None = Field(None, pattern=DAY, json_schema_extra={"format": "date"},
                                       description="published on or after this day (YYYY-MM-DD); a day that does "
                                                   "not exist is a 400 `bad_date`")
    published_to: str | None = Field(None, pattern=DAY, json_schema_extra={"format": "date"},
                                     description="published on or before this day")
    implemented_from: str | None = Field(None, pattern=DAY, json_schema_extra={"format": "date"},
                                         description="implemented on or after this day")
    implemented_to: str | None = Field(None, pattern=DAY, json_schema_extra={"format": "date"},
                                       description="implemented on or before this day; a range whose start is "
                                                   "after its end is a 400 `reversed_range`")
    responsible_unit: str = Field("", max_length=100, description="归口单位: part of its name (2 characters at least; "
                                                                  "spaces and punctuation ignored)")
    competent_department: str = Field("", max_length=100, description="主管部门: part of its name")
    drafting_unit: str = Field("", max_length=100, description="起草单位: part of the name of one of them")
    tag: list[str] = Field(default_factory=list, description="programme tag code (专项标签, /api/v1/systems/tags), "
                                                              "e.g. standardization-plus; several: any of them")


def params_filters(params: SearchParams) -> dict[str, list[str]]:
    """The engine's filters from the parameters (facet values, dates as ISO days, organisation names)."""
    filters: dict[str, list[str]] = {}
    for name in (*FACETS, *DATE_FILTERS, *NAME_FILTERS, *TAG_FILTERS):
        value = getattr(params, name, None)
        if isinstance(value, str):
            value = [value] if value.strip() else []
        if value:
            filters[name] = list(value)
    return filters


# Plain pydantic models, not ninja Schemas: a response holds hundreds of facet values, and ninja's per-object
# validator (built for ORM objects) cost more CPU than the search itself.
class HitOut(BaseModel):
    identifier: str
    title_zh: str
    title_en: str
    status: str
    tier: str
    nature: str
    published_on: str
    implemented_on: str
    highlight_zh: str = Field(description="HTML-escaped title with <mark> around the matches")
    highlight_en: str


class FacetValueOut(BaseModel):
    value: str
    count: int


def nothing_to_search() -> str:
    return _("检索词中没有可以检索的字词：请输入标准号、中文或英文关键词、拼音或拼音首字母；"
             "单独的标点和符号（如 %(examples)s）不参与检索，也不会列出全部标准。") % {"examples": "% * ( ?"}


class SuggestionOut(BaseModel):
    kind: SuggestionKind = Field(description="number: the number in another form (GB ↔ GB/T, without the year); "
                                             "unfiltered: the same text without the filters; pinyin: the reading "
                                             "of the Chinese typed; characters: the characters typed pinyin reads "
                                             "as; title: one of the closest titles")
    query: str = Field(description="the search to run instead (empty for a title)")
    total: int = Field(description="how many standards it finds")
    identifier: str = ""
    title: str = ""
    highlight: str = Field("", description="HTML-escaped title with <mark> around what it shares with the query")


class SearchOut(BaseModel):
    total: int
    page: int
    page_size: int
    took_ms: float
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]]
    note: str | None = Field(None, description="why there are no results when the query had nothing to search for "
                                               "(`%`, `*`, `(((`): such a query finds nothing, never everything")
    suggestions: list[SuggestionOut] = Field(default_factory=list, description="when nothing was found: other "
                                             "searches that find something, and the closest titles")
    index_notice: str | None = Field(None, description="set when the search index is behind the catalogue: "
                                                       "changes of the last minutes may be missing from the results")


@router.get("/", response={200: SearchOut, **ERRORS, 503: Problem}, summary="Search the catalogue")
def search(request: HttpRequest, params: Query[SearchParams]):
    """Ranked results with the exact total, and facet counts with `facets=true`. Filters of one facet are alternatives (OR);
    different facets combine (AND). Only the first 10,000 results can be paged through; later pages are empty.
    A query of punctuation or symbols alone finds nothing (with a `note`); an empty `q` browses everything.
    Chinese is matched with spaces and punctuation ignored on both sides (电池安全 finds 锂离子电池 安全要求).
    When nothing is found, `suggestions` offers the number in another form, the search without its filters, the
    pinyin reading, and the closest titles.
    While this machine's search index is rebuilt the answer is 503 `search_unavailable` with Retry-After, never
    an empty result; when the index is behind the catalogue, `index_notice` says so."""
    filters = params_filters(params)
    # Pages past the first 10,000 results are not served: they come back empty, with the total.
    beyond = (params.page - 1) * params.page_size >= MAX_OFFSET
    health = index_health()
    if not health.usable:
        raise _unavailable()
    try:
        engine = get_engine()
        query = SearchQuery(text=params.q, filters=filters, sort=params.sort, page=1 if beyond else params.page,
                            page_size=params.page_size, facets=params.facets)
        result = engine.search(query)
        suggestions = suggest(engine, query) if not result.total and not result.nothing_to_search else []
    except SearchError as exc:
        raise BadSearch(exc.message, reason=exc.code, **exc.data) from exc
    except IndexStateError as exc:  # gone since index_health() last looked
        forget_health()
        raise _unavailable() from exc
    return _json({
        "total": result.total, "page": params.page, "page_size": params.page_size,
        "took_ms": round(result.took_ms, 3),
        "hits": [] if beyond else [_hit(hit) for hit in result.hits],
        "facets": {name: [{"value": v, "count": c} for v, c in values] for name, values in result.facets.items()},
        "note": nothing_to_search() if result.nothing_to_search else None,
        "suggestions": [suggestion.__dict__ for suggestion in suggestions],
        "index_notice": _("搜索索引正在更新，最近变更的标准可能尚未出现在结果中。")
        if health.condition == IndexCondition.STALE else None,
    })


HIT_FIELDS = tuple(HitOut.model_fields)


def _hit(hit) -> dict:
    return {name: getattr(hit, name) for name in HIT_FIELDS}


def _json(data: dict) -> HttpResponse:
    """The answer as it is built, in the shape SearchOut documents (tests/api/test_search_api.py checks it):
    validating it again through ninja cost more CPU than the search itself."""
    return HttpResponse(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        content_type="application/json; charset=utf-8")


