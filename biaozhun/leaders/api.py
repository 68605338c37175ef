"""The 领跑者 API (/api/v1/leaders/): key products with their schemes and the public leader lists, for everyone;
a ranking run (status, inputs digest, tiers, excluded declarations with reasons) for the national
administration. Reads only: the writes are the administration's pages (and the services)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError

from .models import KeyProduct, LeaderList, RankingRun
from .selectors import public as selectors

router = Router(tags=["leaders"])
READ_ERRORS = {401: Problem, 403: Problem, 404: Problem, **ERRORS}
MAX_LIMIT = 1000


class IndicatorOut(Schema):
    name: str
    unit: str
    direction: str = Field(description="higher or lower (is better)")
    key: bool = Field(description="a key indicator decides the combined tier")
    weight: str | None
    threshold_kind: str = Field(description="fixed values or shares of the qualified population")
    thresholds: list[str] = Field(description="best tier's first, decimal texts")
    requirement: str | None = Field(description="the national or industry requirement every tier meets")
    requirement_source: str


class SchemeOut(Schema):
    id: int
    title: str
    rules: str
    created_at: datetime
    indicators: list[IndicatorOut]


class ListSummaryOut(Schema):
    id: int
    year: int
    state: str = Field(description="on_notice (in public notice) or issued (published); draft only for the "
                                   "administration")
    notice_from: date | None
    notice_until: date | None
    published_at: datetime | None
    url: str


class KeyProductOut(Schema):
    id: int
    year: int
    name: str
    domain: str
    keywords: list[str] = Field(description="declarations of a product whose name contains one of these take part")
    standards: list[str] = Field(description="…or executing one of these standards (undated: any edition)")
    match: str = Field(description="any: either condition; all: both")
    schemes: list[SchemeOut]
    lists: list[ListSummaryOut]
    url: str


class EntryOut(Schema):
    declaration_id: int
    identifier: str
    enterprise: str
    state: str = Field(description="listed, or removed (an objection was upheld)")
    decisions: list[str] = Field(description="the published decisions on objections to this entry")


class ListOut(ListSummaryOut):
    key_product: str
    scheme_id: int
    notice_working_days: int | None
    entries: list[EntryOut] = Field(description="no order within the top tier: by enterprise name")


class RunOut(Schema):
    id: int
    scheme_id: int
    at: datetime
    rules: str
    status: str = Field(description="ranked, all_equal (no ranking: every qualified value equal) or none_qualified")
    inputs_digest: str
    declarations: int
    indicator_rows: int
    tier_sizes: list[int]
    top_tier: list[int] = Field(description="declaration ids of tier 1 (no order)")
    unranked: list[int] = Field(description="qualified declaration ids when there is no ranking")
    indicators: dict
    excluded_count: int
    excluded: list[list] = Field(description="[declaration id, indicator, reason, value], a page of them")


class ExcludedPage(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


def _scheme(scheme) -> dict:
    return {"id": scheme.pk, "title": scheme.title, "rules": scheme.rules, "created_at": scheme.created_at,
            "indicators": [{
                "name": i.name, "unit": i.unit, "direction": i.direction, "key": i.key,
                "weight": None if i.weight is None else str(i.weight), "threshold_kind": i.threshold_kind,
                "thresholds": i.thresholds, "requirement": None if i.requirement is None else str(i.requirement.normalize()),
                "requirement_source": i.requirement_source} for i in scheme.indicators.all()]}


def _summary(leader_list: LeaderList) -> dict:
    return {"id": leader_list.pk, "year": leader_list.year, "state": leader_list.state,
            "notice_from": leader_list.notice_from, "notice_until": leader_list.notice_until,
            "published_at": leader_list.published_at, "url": leader_list.get_absolute_url()}


def _product(product: KeyProduct) -> dict:
    return {"id": product.pk, "year": product.year, "name": product.name, "domain": product.domain,
            "keywords": product.keywords, "standards": product.standards, "match": product.match,
            "schemes": [_scheme(s) for s in product.schemes.all()],
            "lists": [_summary(lst) for lst in product.visible_lists], "url": product.get_absolute_url()}


@router.get("/products", response={200: list[KeyProductOut], **ERRORS},
            summary="Key products (重点产品) with their evaluation schemes and public lists")
def leaders_products(request, year: int | None = Query(None, ge=2000, le=2100)):
    products = selectors.key_products(viewer=request.user, year=year).prefetch_related("schemes__indicators")
    return [_product(product) for product in products]


@router.get("/lists/{int:list_id}", response={200: ListOut, **NOT_FOUND, **ERRORS},
            summary="One leader list (in public notice or published) with its entries")
def leaders_list(request, list_id: int):
    found = selectors.leader_list_for_viewer(viewer=request.user, pk=list_id)
    if found is None:
        raise NotFoundError(_("没有这份名单。"))
    return {**_summary(found), "key_product": found.key_product.name, "scheme_id": found.run.scheme_id,
            "notice_working_days": found.notice_working_days,
            "entries": [{"declaration_id": e.declaration_id, "identifier": e.declaration.identifier,
                         "enterprise": e.enterprise.name, "state": e.state,
                         "decisions": [o.decision for o in e.decided]} for e in selectors.entries(leader_list=found)]}


@router.get("/runs/{int:run_id}", auth=SIGNED_IN, response={200: RunOut, **READ_ERRORS},
            summary="A ranking run, for the national administration")
def leaders_run(request, run_id: int, page: Query[ExcludedPage]):
    policy.require(request.user, "leaders.view_runs")
    run = RankingRun.objects.filter(pk=run_id).first()
    if run is None:
        raise NotFoundError(_("没有这次分档。"))
    return {"id": run.pk, "scheme_id": run.scheme_id, "at": run.at, "rules": run.rules, "status": run.status,
            "inputs_digest": run.inputs_digest, "declarations": run.declarations,
            "indicator_rows": run.indicator_rows, "tier_sizes": run.tier_sizes,
            "top_tier": run.tiers[0] if run.tiers else [], "unranked": run.unranked, "indicators": run.indicators,
            "excluded_count": len(run.excluded), "excluded": run.excluded[page.offset:page.offset + page.limit]}
