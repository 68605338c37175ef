"""Catalogue API: one edition by number, with its relations and amendments."""

import json
from datetime import date, datetime
from typing import Annotated

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema

from biaozhun.accounts import policy
from biaozhun.api.ratelimit import client_address, per_period, rate_limited, take
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND
from biaozhun.reference.selectors import ics_classes, industry_classes

from . import exporting, selectors, text_access
from .models import RelationKind, Status, Tier
from .serialise import records_for
from .validity import MAX_LINES, check_lines

router = Router(tags=["catalog"])


def _iso_datetime(value):
    """Only ISO 8601 text (or a datetime): numbers are not taken as Unix times."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date-time such as 2026-11-01T00:00:00+08:00")
    return datetime.fromisoformat(value)


IsoDateTime = Annotated[
    datetime, BeforeValidator(_iso_datetime), WithJsonSchema({"type": "string", "format": "date-time"}),
]


class RelationOut(Schema):
    identifier: str
    partial: bool = False


class AdoptionOut(Schema):
    identifier: str
    degree: str


class TextOut(Schema):
    language: str = Field(description="zh for the Chinese text, else the language of a translation")
    size: int
    page_count: int | None
    read_url: str | None = Field(description="the page to read it online; null when the text is not public")
    download_url: str | None = Field(description="null unless the text may be downloaded (text_access)")


class AmendmentOut(Schema):
    number: int
    published_on: date | None
    implemented_on: date | None
    summary: str
    text: TextOut | None = Field(None, description="the sheet's own text, read and downloaded like the standard's")


class ClassOut(Schema):
    code: str
    name: str = Field(description="the classification's name for the code; \"\" if the table does not know it")


class ClassificationsOut(Schema):
    ccs: ClassOut | None
    ics: list[ClassOut] = Field(description="English names (ISO publishes ICS in English and French)")
    industry: list[ClassOut] = Field(description="GB/T 4754-2017 国民经济行业分类, Chinese names")


class StandardOut(Schema):
    identifier: str
    title_zh: str
    title_en: str
    scope: str
    ccs: str | None
    ics: list[str]
    issued_by: list[str]
    competent_department: str
    responsible_unit: str
    tc_code: str
    published_on: date | None
    implemented_on: date | None
    abolished_on: date | None
    confirmed_on: date | None
    replaces: list[str | RelationOut]
    adopts: list[AdoptionOut]
    references: list[str]
    converted_to: list[str] = Field(description="转化为: the editions of another tier this industry or local "
                                                "standard was converted (or merged) into")
    amendments: list[AmendmentOut]
    language_versions: list[str]
    drafting_units: list[str] | None = Field(None, description=(
        "起草单位; null where the rules withhold it: mandatory national standards published since 2020-06-01"))
    drafters: list[str] | None = Field(None, description="起草人; null where withheld, as drafting_units")
    plan_number: str = Field(description="计划号 of the project that produced the edition")
    industry_classes: list[str] = Field(description="GB/T 4754-2017 codes with their section letter, e.g. C383")
    remarks: str = Field(description="备注")
    status: str
    status_since: date | None
    text_access: str = Field(description="download (可下载), preview (可在线预览, read online only) or not_public (不公开)")
    text_access_reason: str = Field(description="why: mandatory, recommended, adopted, international, filed, "
                                                "publisher, translation or override (an administrator's decision)")
    text_access_explanation: str = Field(description="the reason in the request's language, as the page shows it")
    classifications: ClassificationsOut
    full_texts: list[TextOut]


class RelatedOut(Schema):
    kind: str = Field(description="replaces, adopts, references or converted_to (转化为; read the other way, "
                                  "direction in, as 由…转化而来)")
    direction: str = Field(description="out: this edition → target; in: source → this edition")
    identifier: str = Field(description="the other edition's number (as cited, for unresolved references)")
    in_catalogue: bool
    partial: bool
    degree: str


@router.get("/standards/{path:identifier}/relations", response={200: list[RelatedOut], **NOT_FOUND, **ERRORS}, summary="Relations of one edition")
def standard_relations(request, identifier: str):
    """Replacements, adoptions, normative references and conversions, both ways; unresolved references are
    included."""
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(_("标准目录中没有编号为“%(identifier)s”的标准；请核对标准号，或先在检索页查找。") % {"identifier": identifier})
    out = [
        {"kind": r.kind, "direction": "out", "identifier": r.target_identifier, "in_catalogue": r.target_id is not None,
         "partial": r.partial, "degree": r.degree}
        for r in standard.relations_out.order_by("kind", "target_identifier")
    ]
    inbound = [
        {"kind": r.kind, "direction": "in", "identifier": r.source.identifier, "in_catalogue": True,
         "partial": r.partial, "degree": r.degree}
        for r in standard.relations_in.select_related("source").order_by("kind", "source__identifier")[:1000]
    ]
    return out + inbound


@router.get("/standards/{path:identifier}", response={200: StandardOut, **NOT_FOUND, **ERRORS}, summary="One edition by its number")
def standard_detail(request, identifier: str):
    """`identifier` is the canonical number, e.g. `GB/T 19001-2016` (URL-encode the space)."""
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(_("标准目录中没有编号为“%(identifier)s”的标准；请核对标准号，或先在检索页查找。") % {"identifier": identifier})
    record = next(records_for([standard], public=True))
    relations = list(standard.relations_out.filter(kind=RelationKind.ADOPTS))
    offer = text_access.offer(standard, relations=relations)
    ccs = standard.ccs
    record.update(
        text_access_explanation=offer.reason,
        classifications={
            "ccs": {"code": ccs.code, "name": ccs.name_zh} if ccs else None,
            "ics": [{"code": code, "name": name} for code, name in ics_classes(record["ics"])],
            "industry": [{"code": code, "name": name} for code, name in industry_classes(record["industry_classes"])],
        },
        full_texts=[_text_out(request, standard, text, text_access.offer(standard, language=text.language,
                                                                          relations=relations))
                    for text in standard.full_texts.order_by("language")],
    )
    sheets = {sheet.number: sheet for sheet in standard.amendments.all()}
    for item in record["amendments"]:
        sheet = sheets.get(item["number"])
        item["text"] = _amendment_text_out(request, standard, sheet, offer) if sheet and sheet.file else None
    return record


def _urls(request, page: str, file: str, offer) -> dict:
    return {"read_url": request.build_absolute_uri(page) if offer.can_read else None,
            "download_url": request.build_absolute_uri(f"{file}?download=1") if offer.can_download else None}


def _text_out(request, standard, text, offer) -> dict:
    args = [standard.identifier, text.language]
    return {"language": text.language, "size": text.size, "page_count": text.page_count,
            **_urls(request, reverse("portal:read_full_text", args=args), reverse("portal:full_text", args=args), offer)}


def _amendment_text_out(request, standard, sheet, offer) -> dict:
    args = [standard.identifier, sheet.number]
    return {"language": "zh", "size": sheet.size or 0, "page_count": sheet.page_count,
            **_urls(request, reverse("portal:read_amendment", args=args), reverse("portal:amendment_text", args=args),
                    offer)}


class ValidityIn(Schema):
    numbers: list[str] = Field(..., max_length=MAX_LINES, description="standard numbers, one per item")


class EditionOut(Schema):
    identifier: str
    title: str
    status: str
    published_on: date | None
    implemented_on: date | None
    abolished_on: date | None


class ValidityRowOut(Schema):
    line: int
    input: str
    canonical: str
    outcome: str = Field(description="valid, upcoming, replaced, abolished, not_found or error")
    error: str = Field(description="what is wrong with the number, in the request's language (Accept-Language)")
    error_code: str = Field(description="a stable code for what is wrong (e.g. year, unknown_industry_code); "
                                        "empty unless the outcome is error")
    found: EditionOut | None
    in_force: EditionOut | None
    chain: list[str] = Field(description="editions that replaced the one found, oldest first")


def _edition(edition) -> dict | None:
    if edition is None:
        return None
    return {"identifier": edition.identifier, "title": edition.title, "status": edition.status,
            "published_on": edition.published_on, "implemented_on": edition.implemented_on,
            "abolished_on": edition.abolished_on}


@router.post("/validity", response={200: list[ValidityRowOut], **ERRORS}, summary="Batch validity check (标准查新)")
def validity(request, payload: ValidityIn):
    """For each number: the edition found, its status, and the edition in force following replacements."""
    return [
        {"line": row.line, "input": row.text, "canonical": row.canonical, "outcome": row.outcome, "error": row.error,
         "error_code": row.error_code, "found": _edition(row.found), "in_force": _edition(row.in_force), "chain": [e.identifier for e in row.chain]}
        for row in check_lines([n.strip() for n in payload.numbers])
    ]


@router.get(
    "/export.jsonl",
    summary="Bulk export (JSON Lines)",
    response={200: None, **ERRORS},
    openapi_extra={"responses": {200: {"description": "One record per line (docs/catalog-jsonl.md)",
                                         "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}}},
)
def bulk_export(request, tier: Tier | None = None, status: Status | None = None,
                updated_since: IsoDateTime | None = None):
    """Every edition (optionally of one tier or status, or changed since a time), streamed in id order. Open data:
    anyone may export, `BIAOZHUN_EXPORT_RATE` times per address (per account when signed in); administrators
    without limit. Over the limit: 429 with Retry-After."""
    policy.require(request.user, "catalog.export_bulk")
    if not policy.can(request.user, "catalog.export_unlimited"):
        who = f"user:{request.user.pk}" if request.user.is_authenticated else f"address:{client_address(request)}"
        retry = take("export", who, settings.BIAOZHUN_EXPORT_RATE)
        if retry is not None:
            return rate_limited(retry, _("目录批量导出限%(limit)s（匿名按地址计，登录后按账户计）；请 %(seconds)d 秒后再试。"
                                         "只需更新本地副本时，用 updated_since 参数只导出此后变更的记录。")
                                % {"limit": per_period(settings.BIAOZHUN_EXPORT_RATE), "seconds": retry})
    since = (updated_since if timezone.is_aware(updated_since) else timezone.make_aware(updated_since)) \
        if updated_since else None
    standards = policy.visible("catalog.standards", request.user)
    if tier:
        standards = standards.filter(tier=tier)
    if status:
        standards = standards.filter(status=status)
    if since:
        standards = standards.filter(updated_at__gte=since)
    lines = (json.dumps(record, ensure_ascii=False) + "\n"
             for record in exporting.iter_records(standards, public=True))
    response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalogue.jsonl"'
    return response
