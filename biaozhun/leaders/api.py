"""The 领跑者 API (/api/v1/leaders/): key products with their schemes and the public leader lists, for everyone;
for the national administration, setting up and editing key products and schemes, ranking by a scheme and reading
a run (status, inputs digest, the scheme as ranked, tiers, excluded declarations with reasons). Writes go through
the same services as the pages (a personal API token or a signed-in session); lists, notice and objections are
on the pages."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError

from .models import KeyProduct, LeaderList, RankingRun, Scheme
from .schemes import IndicatorInput, stored_row
from .selectors import public as selectors
from .services import (
    KeyProductInput,
    create_key_product,
    create_scheme,
    run_ranking,
    update_key_product,
    update_scheme,
)

router = Router(tags=["leaders"])
READ_ERRORS = {401: Problem, 403: Problem, 404: Problem, **ERRORS}
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 1000
Number = str | int | float


class LeadersIndicatorOut(Schema):
    name: str
    unit: str
    direction: str = Field(description="higher or lower (is better)")
    key: bool = Field(description="a key indicator decides the combined tier (the worst of its tiers)")
    threshold_kind: str = Field(description="fixed values or shares of the qualified population")
    thresholds: list[str] = Field(description="best tier's first, decimal texts")
    requirement: str | None = Field(description="the national or industry requirement every tier meets")
    requirement_source: str
    aliases: list[str] = Field(description="other names enterprises declare this indicator by")


class LeadersSchemeOut(Schema):
    id: int
    key_product_id: int
    title: str
    note: str
    rules: str
    version: int = Field(description="+1 on every edit; send it back as expected_version to edit")
    created_at: datetime
    updated_at: datetime
    indicators: list[LeadersIndicatorOut]


class LeadersIndicatorIn(Schema):
    name: str = Field(max_length=200)
    unit: str = Field("", max_length=40)
    direction: str = Field(description="higher or lower (is better)", max_length=10)
    key: bool = True
    threshold_kind: str = Field(description="fixed or share", max_length=10)
    thresholds: list[Number] = Field(max_length=10, description="best tier's first: 1–3 values or shares")
    requirement: Number | None = Field(None, description="the national or industry requirement (required)")
    requirement_source: str = Field("", max_length=200)
    aliases: list[str] = Field([], max_length=50)


class LeadersSchemeIn(Schema):
    title: str = Field(max_length=200)
    note: str = Field("", max_length=5000)
    indicators: list[LeadersIndicatorIn] = Field(max_length=50)


class SchemeEditIn(LeadersSchemeIn):
    expected_version: int = Field(ge=1, le=1_000_000, description="the version you read")


class KeyProductIn(Schema):
    year: int = Field(ge=2000, le=2100)
    name: str = Field(max_length=200)
    domain: str = Field("", max_length=200)
    keywords: list[str] = Field([], max_length=50, description="product-name keywords")
    standards: list[str] = Field([], max_length=50, description="executed standards (any edition)")
    product_codes: list[str] = Field([], max_length=50, description="product code prefixes (a range or category)")
    match: str = Field("any", description="any: one condition; all: every condition given", max_length=3)
    note: str = Field("", max_length=5000)


class KeyProductEditIn(KeyProductIn):
    expected_version: int = Field(ge=1, le=1_000_000, description="the version you read")


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
    note: str
    keywords: list[str] = Field(description="declarations of a product whose name contains one of these take part")
    standards: list[str] = Field(description="…or executing one of these standards (undated: any edition)")
    product_codes: list[str] = Field(description="…or of a product whose code starts with one of these")
    match: str = Field(description="any: one of the conditions given; all: every one")
    version: int = Field(description="+1 on every edit; send it back as expected_version to edit")
    schemes: list[LeadersSchemeOut]
    lists: list[ListSummaryOut]
    url: str


class EntryOut(Schema):
    declaration_id: int
    identifier: str
    enterprise: str
    state: str = Field(description="listed, or removed (an objection was upheld)")
    decisions: list[str] = Field(description="the published decisions on objections to this entry")


class LeadersListOut(ListSummaryOut):
    key_product: str
    scheme_id: int
    notice_working_days: int | None
    entries: list[EntryOut] = Field(description="no order within the top tier: by enterprise name")


class LeadersRunOut(Schema):
    id: int
    scheme_id: int
    scheme_version: int = Field(description="the scheme's version this run ranked by")
    snapshot: dict = Field(description="the scheme and key product as ranked by (edits after do not change it)")
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


def _scheme(scheme: Scheme) -> dict:
    return {"id": scheme.pk, "key_product_id": scheme.key_product_id, "title": scheme.title, "note": scheme.note,
            "rules": scheme.rules, "version": scheme.version, "created_at": scheme.created_at,
            "updated_at": scheme.updated_at, "indicators": [stored_row(i) for i in scheme.indicators.all()]}


def _summary(leader_list: LeaderList) -> dict:
    return {"id": leader_list.pk, "year": leader_list.year, "state": leader_list.state,
            "notice_from": leader_list.notice_from, "notice_until": leader_list.notice_until,
            "published_at": leader_list.published_at, "url": leader_list.get_absolute_url()}


def _product(product: KeyProduct) -> dict:
    return {"id": product.pk, "year": product.year, "name": product.name, "domain": product.domain,
            "note": product.note, "keywords": product.keywords, "standards": product.standards,
            "product_codes": product.product_codes, "match": product.match, "version": product.version,
            "schemes": [_scheme(s) for s in product.schemes.all()],
            "lists": [_summary(lst) for lst in product.visible_lists], "url": product.get_absolute_url()}


@router.get("/products", response={200: list[KeyProductOut], **ERRORS},
            summary="Key products (重点产品) with their evaluation schemes and public lists")
def leaders_products(request, year: int | None = Query(None, ge=2000, le=2100)):
    products = selectors.key_products(viewer=request.user, year=year).prefetch_related("schemes__indicators")
    return [_product(product) for product in products]


@router.get("/lists/{int:list_id}", response={200: LeadersListOut, **NOT_FOUND, **ERRORS},
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


@router.get("/runs/{int:run_id}", auth=SIGNED_IN, response={200: LeadersRunOut, **READ_ERRORS},
            summary="A ranking run, for the national administration")
def leaders_run(request, run_id: int, page: Query[ExcludedPage]):
    policy.require(request.user, "leaders.view_runs")
    run = RankingRun.objects.filter(pk=run_id).first()
    if run is None:
        raise NotFoundError(_("没有这次分档。"))
    return _run(run, page)


def _run(run: RankingRun, page: ExcludedPage) -> dict:
    return {"id": run.pk, "scheme_id": run.scheme_id, "scheme_version": run.scheme_version,
            "snapshot": run.snapshot, "at": run.at, "rules": run.rules, "status": run.status,
            "inputs_digest": run.inputs_digest, "declarations": run.declarations,
            "indicator_rows": run.indicator_rows, "tier_sizes": run.tier_sizes,
            "top_tier": run.tiers[0] if run.tiers else [], "unranked": run.unranked, "indicators": run.indicators,
            "excluded_count": len(run.excluded), "excluded": run.excluded[page.offset:page.offset + page.limit]}


def _product_or_404(request, key_product_id: int) -> KeyProduct:
    found = (selectors.key_products(viewer=request.user).prefetch_related("schemes__indicators")
             .filter(pk=key_product_id).first())
    if found is None:
        raise NotFoundError(_("没有这个重点产品。"))
    return found


def _scheme_or_404(scheme_id: int) -> Scheme:
    found = selectors.scheme(pk=scheme_id)
    if found is None:
        raise NotFoundError(_("没有这个评估方案。"))
    return found


def _indicators(payload: LeadersSchemeIn) -> list[IndicatorInput]:
    return [IndicatorInput(**{**row.model_dump(), "thresholds": [str(t) for t in row.thresholds],
                              "requirement": None if row.requirement is None else str(row.requirement)})
            for row in payload.indicators]


def _product_input(payload: KeyProductIn) -> KeyProductInput:
    return KeyProductInput(**payload.model_dump(exclude={"expected_version"}))


@router.get("/products/{int:key_product_id}", response={200: KeyProductOut, **NOT_FOUND, **ERRORS},
            summary="One key product with its schemes and public lists")
def leaders_product(request, key_product_id: int):
    return _product(_product_or_404(request, key_product_id))


@router.post("/products", auth=SIGNED_IN, response={201: KeyProductOut, **WRITE_ERRORS},
             summary="Set up a key product of a year (the national administration)")
def leaders_product_create(request, payload: KeyProductIn):
    product = create_key_product(request.user, **payload.model_dump())
    return 201, _product(_product_or_404(request, product.pk))


@router.post("/products/{int:key_product_id}", auth=SIGNED_IN, response={200: KeyProductOut, **WRITE_ERRORS},
             summary="Edit a key product (its owner or an administrator); refused (409) if changed since "
                     "expected_version")
def leaders_product_edit(request, key_product_id: int, payload: KeyProductEditIn):
    update_key_product(request.user, product=_product_or_404(request, key_product_id), data=_product_input(payload),
                       expected_version=payload.expected_version)
    return _product(_product_or_404(request, key_product_id))


@router.post("/products/{int:key_product_id}/schemes", auth=SIGNED_IN, response={201: LeadersSchemeOut, **WRITE_ERRORS},
             summary="Set up an evaluation scheme of a key product (the national administration)")
def leaders_scheme_create(request, key_product_id: int, payload: LeadersSchemeIn):
    scheme = create_scheme(request.user, key_product=_product_or_404(request, key_product_id), title=payload.title,
                           note=payload.note, indicators=_indicators(payload))
    return 201, _scheme(_scheme_or_404(scheme.pk))


@router.get("/schemes/{int:scheme_id}", response={200: LeadersSchemeOut, **NOT_FOUND, **ERRORS},
            summary="One evaluation scheme as it is now (a run keeps the version it ranked by)")
def leaders_scheme(request, scheme_id: int):
    return _scheme(_scheme_or_404(scheme_id))


@router.post("/schemes/{int:scheme_id}", auth=SIGNED_IN, response={200: LeadersSchemeOut, **WRITE_ERRORS},
             summary="Edit a scheme: title, note and the indicators as a whole (its owner or an administrator); "
                     "runs made before keep what they ranked by")
def leaders_scheme_edit(request, scheme_id: int, payload: SchemeEditIn):
    update_scheme(request.user, scheme=_scheme_or_404(scheme_id), title=payload.title, note=payload.note,
                  indicators=_indicators(payload), expected_version=payload.expected_version)
    return _scheme(_scheme_or_404(scheme_id))


@router.post("/schemes/{int:scheme_id}/runs", auth=SIGNED_IN, response={201: LeadersRunOut, **WRITE_ERRORS},
             summary="Rank the declarations by a scheme now (the national administration)")
def leaders_rank(request, scheme_id: int):
    run = run_ranking(request.user, scheme=_scheme_or_404(scheme_id))
    return 201, _run(run, ExcludedPage())
