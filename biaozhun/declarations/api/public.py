"""Declarations API: public reads. The search with the page's filters (one selector answers both; pages by keyset:
pass `after` = the `next_after` of the previous answer), an enterprise, a declaration with its indicators, checks
and history, and one stored version."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.api.schemas import ERRORS, NOT_FOUND
from biaozhun.core.errors import NotFoundError, ValidationFailed

from ..models import Comparator, DeclarationState, IndicatorCategory, StandardSource
from ..selectors.public import (
    declaration_for_public,
    declaration_page,
    enterprise_for_public,
    enterprise_page,
    version_for_public,
    version_view,
)
from ..selectors.search import COUNT_CAP, MAX_KEYWORD, DeclarationQuery, Scope, search_declarations
from .router import router

MAX_LIMIT = 100


class DeclarationFilters(Schema):
    q: str = Field("", max_length=MAX_KEYWORD, description="enterprise name or USCC, product name or model, a "
                   "standard number in any spelling (gbt19001: every edition) or words of its title")
    scope: Scope = Field(Scope.ALL, description="where to look for q")
    region: str = Field("", pattern=r"^(\d{2}|\d{4}|\d{6})?$", description="GB/T 2260 code of a province (32), "
                        "city (3201) or county (320102)")
    flagged: bool = Field(False, description="only declarations the automatic checks flagged")
    after: int | None = Field(None, ge=1, le=2**63 - 1, description="the next_after of the previous page")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


class EnterpriseRef(Schema):
    id: int
    name: str
    uscc: str


class PublicProductOut(Schema):
    id: int
    name: str
    model: str
    code: str


class PublicDeclarationOut(Schema):
    id: int
    identifier: str
    title: str
    source: StandardSource
    tier: str
    state: DeclarationState
    version: int
    flagged: bool
    region_code: str
    declared_at: datetime
    enterprise: EnterpriseRef
    products: list[PublicProductOut]
    url: str


class DeclarationSearchOut(Schema):
    count: int = Field(description=f"how many match, counted up to {COUNT_CAP + 1}")
    count_capped: bool = Field(description=f"true when more than {COUNT_CAP} match")
    next_after: int | None = Field(description="pass as `after` for the next page; null on the last")
    items: list[PublicDeclarationOut]


class DeclarationIndicatorOut(Schema):
    position: int
    name: str
    unit: str
    comparator: Comparator
    lower: Decimal | None
    upper: Decimal | None
    text: str
    test_method: str
    category: IndicatorCategory


class DeclarationFindingOut(Schema):
    code: str
    severity: str
    message: str


class VersionRef(Schema):
    version: int
    at: datetime
    url: str


class DeclarationDetailOut(PublicDeclarationOut):
    updated_at: datetime
    withdrawn_at: datetime | None
    standard_url: str | None = Field(description="the catalogue edition's page, for a catalogue standard")
    text_url: str | None = Field(description="the disclosed text, while the declaration is published")
    indicators: list[DeclarationIndicatorOut] = Field(description="function and performance first, then safety, "
                                                                  "health, environment (category)")
    findings: list[DeclarationFindingOut] = Field(description="the automatic checks' warnings")
    versions: list[VersionRef]


class VersionOut(Schema):
    declaration_id: int
    version: int
    at: datetime
    content: dict[str, Any]


class EnterpriseOut(EnterpriseRef):
    region_code: str
    region: str
    industry_class: str
    address: str
    declaration_count: int
    declarations: list[PublicDeclarationOut] = Field(description="published, newest first (at most 200)")
    withdrawn: list[PublicDeclarationOut] = Field(description="withdrawn declarations: their history stays public")
    products: list[PublicProductOut]


def _declaration(d, products=None) -> dict:
    products = products if products is not None else getattr(d, "product_list", [])
    return {
        "id": d.pk, "identifier": d.identifier, "title": d.title, "source": d.source, "tier": d.tier,
        "state": d.state, "version": d.version, "flagged": d.flagged, "region_code": d.region_code,
        "declared_at": d.declared_at,
        "enterprise": {"id": d.enterprise.pk, "name": d.enterprise.name, "uscc": d.enterprise.uscc},
        "products": [_product(p) for p in products], "url": reverse("declarations:detail", args=[d.pk]),
    }


def _product(p) -> dict:
    return {"id": p.pk, "name": p.name, "model": p.model, "code": p.code}


@router.get("/", response={200: DeclarationSearchOut, **ERRORS}, summary="Search published declarations, newest first")
def public_declaration_search(request, filters: Query[DeclarationFilters]):
    """The public search (/declarations/): only published declarations; a keyword of one character finds nothing
    (422 explains)."""
    query = DeclarationQuery(q=filters.q, scope=filters.scope, region=filters.region, flagged=filters.flagged)
    page = search_declarations(query=query, after=filters.after, limit=filters.limit)
    if page.problem:
        raise ValidationFailed(page.problem, errors=[{"field": "q", "message": page.problem}])
    return {"count": page.count, "count_capped": page.count_capped, "next_after": page.next_after,
            "items": [_declaration(d) for d in page.items]}


def _found(declaration_id: int):
    declaration = declaration_for_public(declaration_id)
    if declaration is None:
        raise NotFoundError(_("没有这份自我声明。"))
    return declaration


@router.get("/{int:declaration_id}", response={200: DeclarationDetailOut, **NOT_FOUND, **ERRORS},
            summary="One declaration with its indicators, checks and history")
def public_declaration(request, declaration_id: int):
    view = declaration_page(_found(declaration_id))
    d = view.declaration
    return {
        **_declaration(d, view.products), "updated_at": d.updated_at, "withdrawn_at": d.withdrawn_at,
        "standard_url": d.standard.get_absolute_url() if d.standard_id else None,
        "text_url": reverse("declarations:text", args=[d.pk]) if view.has_text else None,
        "indicators": [i for _c, _l, group in view.indicator_groups for i in group],
        "findings": [{"code": f.code, "severity": f.severity, "message": f.text} for f in view.findings],
        "versions": [{"version": v.version, "at": v.at, "url": reverse("declarations:version", args=[d.pk, v.version])} for v in view.versions],
    }


@router.get("/{int:declaration_id}/versions/{int:version}", response={200: VersionOut, **NOT_FOUND, **ERRORS},
            summary="One published version of a declaration, as the public saw it")
def public_declaration_version(request, declaration_id: int, version: int):
    stored = version_for_public(_found(declaration_id), version)
    if stored is None:
        raise NotFoundError(_("这份声明没有这一版本。"))
    version_view(stored)  # the same reading as the page (checks the content is a mapping)
    return {"declaration_id": declaration_id, "version": stored.version, "at": stored.at,
            "content": stored.content if isinstance(stored.content, dict) else {}}


@router.get("/enterprises/{int:enterprise_id}", response={200: EnterpriseOut, **NOT_FOUND, **ERRORS},
            summary="An enterprise's public profile, declarations and products")
def public_enterprise(request, enterprise_id: int):
    enterprise = enterprise_for_public(enterprise_id)
    if enterprise is None:
        raise NotFoundError(_("没有这家企业的公开信息。"))
    view = enterprise_page(enterprise)
    return {
        "id": enterprise.pk, "name": enterprise.name, "uscc": enterprise.uscc,
        "region_code": view.profile.region_code, "region": view.region.label,
        "industry_class": view.profile.industry_class, "address": view.profile.address,
        "declaration_count": view.published_count,
        "declarations": [_declaration(d) for d in view.published],
        "withdrawn": [_declaration(d) for d in view.withdrawn],
        "products": [_product(p) for p in view.products],
    }
