"""Declarations API for enterprises: products, declare, revise, withdraw, through the same services and policy as
the work pages.

Writes need a personal API token (`Authorization: Bearer bz_…`) or a signed-in session with its CSRF token. A
declaration is multipart: a part `declaration` holding the fields as JSON and, for an enterprise standard, a part
`text` holding its PDF. Refusals are problem+json: 401 not signed in, 403 not allowed (the policy's sentence),
404 no such enterprise or declaration (or not one you may see), 409 withdrawn, 413 text too large, 422 invalid
fields (each problem naming its field: `identifier`, `products`, `indicators[2].upper`...)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Schema, UploadedFile

from biaozhun.accounts import policy
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError
from biaozhun.core.upload_limits import upload_limit

from .. import work_selectors as selectors
from ..checks.messages import label, sentence
from ..models import Comparator, Declaration, IndicatorCategory, StandardSource
from ..services import (
    DeclarationInput,
    ProductInput,
    add_product,
    declare_standard,
    edit_product,
    revise_declaration,
    withdraw_declaration,
)
from .router import router

WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, **ERRORS}
TEXT_LIMIT = "BIAOZHUN_MAX_FULLTEXT_BYTES"


class ProductIn(Schema):
    name: str = Field(max_length=200)
    model: str = Field("", max_length=200)
    code: str = Field("", max_length=50)


class DeclarationProductOut(Schema):
    id: int
    name: str
    model: str
    code: str


class DeclarationIndicatorIn(Schema):
    name: str
    unit: str = ""
    comparator: Comparator = Comparator.AT_MOST
    lower: Decimal | None = None
    upper: Decimal | None = None
    text: str = ""
    test_method: str = ""
    category: IndicatorCategory = IndicatorCategory.PERFORMANCE


class DeclarationIn(Schema):
    source: StandardSource = Field(description="catalogue: a national, industry, local or group standard; "
                                               "enterprise: the enterprise's own Q/ standard")
    identifier: str = Field(description="the dated number, e.g. GB 19147-2016 or Q/ABC 001-2025")
    title: str = Field("", description="the enterprise standard's title (catalogue standards: from the catalogue)")
    products: list[int] = Field(description="ids of the enterprise's products the standard covers")
    indicators: list[DeclarationIndicatorIn] = Field([], description="the enterprise standard's indicator table")
    reference_standards: list[str] = Field([], description="recommended standards the enterprise standard names")


class ReviseIn(DeclarationIn):
    expected_version: int = Field(ge=1, description="the declaration's version you revised (DeclarationOut.version)")
    reason: str = Field("", max_length=2000)


class DeclarationReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class DeclarationCheckOut(Schema):
    code: str
    severity: str
    label: str = Field(description="the check's name in the request's language")
    message: str = Field(description="what was found and what to do, in the request's language")
    params: dict[str, Any]


class DeclarationOut(Schema):
    id: int
    enterprise_id: int
    source: str
    tier: str
    identifier: str
    title: str
    state: str
    version: int = Field(description="send it back as expected_version when revising")
    region_code: str
    products: list[DeclarationProductOut]
    flagged: bool
    checks: list[DeclarationCheckOut]
    updated_at: datetime
    url: str = Field(description="the declaration's work page")


def declaration_out(declaration: Declaration, products: list | None = None) -> dict[str, Any]:
    if products is None:
        products = selectors.products_by_declaration([declaration])[declaration.pk]
    return {
        "id": declaration.pk, "enterprise_id": declaration.enterprise_id, "source": declaration.source,
        "tier": declaration.tier, "identifier": declaration.identifier, "title": declaration.title,
        "state": declaration.state, "version": declaration.version, "region_code": declaration.region_code,
        "products": [{"id": p.pk, "name": p.name, "model": p.model, "code": p.code} for p in products],
        "flagged": declaration.flagged,
        "checks": [{"code": c.get("code", ""), "severity": c.get("severity", ""), "label": label(c.get("code", "")),
                    "message": sentence(c), "params": c.get("params") or {}} for c in declaration.checks],
        "updated_at": declaration.updated_at, "url": reverse("declarations:work_detail", args=[declaration.pk]),
    }


def _enterprise(request, enterprise_id: int):
    enterprise = selectors.enterprise_for_work(viewer=request.user, enterprise_id=enterprise_id)
    if enterprise is None:
        raise NotFoundError(_("没有这家企业，或您无权查看。"))
    return enterprise


def _declaration(request, declaration_id: int) -> Declaration:
    declaration = selectors.declaration_for_work(viewer=request.user, pk=declaration_id)
    if declaration is None:
        raise NotFoundError(_("没有这份声明，或您无权查看。"))
    return declaration


def _input(fields: DeclarationIn, text: UploadedFile | None) -> DeclarationInput:
    rows = [{**row.model_dump(), "lower": row.lower, "upper": row.upper} for row in fields.indicators]
    return DeclarationInput(source=fields.source, identifier=fields.identifier, title=fields.title,
                            products=fields.products, indicators=rows,
                            reference_standards=fields.reference_standards,
                            text=text.read() if text is not None else None)


@router.get("/work/enterprises/{int:enterprise_id}/products", auth=SIGNED_IN,
            response={200: list[DeclarationProductOut], **WRITE_ERRORS}, summary="An enterprise's products")
def work_product_list(request, enterprise_id: int):
    enterprise = _enterprise(request, enterprise_id)
    return list(selectors.products_of(enterprise=enterprise).values("id", "name", "model", "code")[:5000])


@router.post("/work/enterprises/{int:enterprise_id}/products", auth=SIGNED_IN,
             response={201: DeclarationProductOut, **WRITE_ERRORS}, summary="Add a product")
def work_product_add(request, enterprise_id: int, payload: ProductIn):
    product = add_product(actor=request.user, enterprise=_enterprise(request, enterprise_id),
                          data=ProductInput(**payload.model_dump()))
    return 201, product


@router.post("/work/products/{int:product_id}", auth=SIGNED_IN, response={200: DeclarationProductOut, **WRITE_ERRORS},
             summary="Change a product's name, model or code")
def work_product_edit(request, product_id: int, payload: ProductIn):
    from ..models import Product

    product = Product.objects.select_related("enterprise").filter(pk=product_id).first()
    if product is None or not policy.can(request.user, "declarations.view_enterprise", product.enterprise):
        raise NotFoundError(_("没有这个产品，或您无权查看。"))
    return edit_product(actor=request.user, product=product, data=ProductInput(**payload.model_dump()))


@router.post("/work/enterprises/{int:enterprise_id}/declarations", auth=SIGNED_IN,
             response={201: DeclarationOut, **WRITE_ERRORS}, summary="Declare a standard for products")
@upload_limit(TEXT_LIMIT, signed_in_only=True)
def work_declare(request, enterprise_id: int, declaration: DeclarationIn, text: File[UploadedFile | None] = None):
    """Multipart: `declaration` (the fields as JSON) and `text` (an enterprise standard's PDF). The checks run at
    once: errors refuse it (422, each naming its field), warnings and notes come back in `checks`."""
    created = declare_standard(actor=request.user, enterprise=_enterprise(request, enterprise_id),
                               data=_input(declaration, text))
    return 201, declaration_out(created)


@router.get("/work/declarations/{int:declaration_id}", auth=SIGNED_IN,
            response={200: DeclarationOut, **WRITE_ERRORS}, summary="A declaration with its checks (work view)")
def work_declaration_detail(request, declaration_id: int):
    return declaration_out(_declaration(request, declaration_id))


@router.post("/work/declarations/{int:declaration_id}/revise", auth=SIGNED_IN,
             response={200: DeclarationOut, **WRITE_ERRORS}, summary="Revise a declaration (a new version)")
@upload_limit(TEXT_LIMIT, signed_in_only=True)
def work_revise(request, declaration_id: int, declaration: ReviseIn, text: File[UploadedFile | None] = None):
    """Multipart as a declaration; without `text` the text already disclosed is kept. A declaration changed since
    `expected_version` is refused (422, field `version`)."""
    current = _declaration(request, declaration_id)
    revised = revise_declaration(actor=request.user, declaration=current, data=_input(declaration, text),
                                 expected_version=declaration.expected_version, reason=declaration.reason)
    return declaration_out(revised)


@router.post("/work/declarations/{int:declaration_id}/withdraw", auth=SIGNED_IN,
             response={200: DeclarationOut, **WRITE_ERRORS}, summary="Withdraw a declaration (kept with its history)")
def work_withdraw(request, declaration_id: int, payload: DeclarationReasonIn):
    return declaration_out(withdraw_declaration(actor=request.user, declaration=_declaration(request, declaration_id),
                                                reason=payload.reason))
