"""The adoption rate API, mounted at /api/v1/international/adoption/: the rate per field and overall with its
formula and trend, a field's candidates, and the adoptions behind a newer ISO/IEC edition. Public statistics
(decision 0035): no token needed. The query parameters are the pages' (international/adoption/params.py); a value
it does not know is dropped and named in `problems`."""

from __future__ import annotations

from datetime import date

from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS

from ..adoption import behind, params, selectors, texts

router = Router(tags=["international"])
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000


class RateQuery(Schema):
    dimension: str = Field("ics", description="ics, ccs, industry or tc: the ISO/IEC edition's classification")
    level: int = Field(1, ge=1, le=3, description="ICS 1 = 03, 2 = 03.120, 3 = 03.120.10; TC 1 = ISO/TC 176, 2 = with SC")
    within: str = Field("", max_length=60, description="only fields within this code or prefix")
    degree: list[str] = Field([], description="degrees counted: IDT, MOD, NEQ (default IDT and MOD)")
    tier: list[str] = Field([], description="tiers of the adopting Chinese standards (default national)")
    publisher: list[str] = Field([], description="ISO, IEC, ISO/IEC (default all)")
    deliverable: list[str] = Field([], description="IS, TS, TR, PAS, GUIDE, IWA (default all)")
    all: bool = Field(False, description="count withdrawn and replaced ISO/IEC editions too (default in force only)")
    before: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$",
                        description="only ISO/IEC editions published on or before this day (YYYY-MM-DD)")


class CandidateQuery(RateQuery):
    field: str = Field("", max_length=60, description="a field's code or prefix; '-' for editions without one")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BehindQuery(CandidateQuery):
    committee: str = Field("", max_length=60, description="the Chinese committee of the adopting standards")


class RateOut(Schema):
    field: str = Field(description="the field's code; '-' for editions without one in this dimension")
    name: str
    adopted: int
    in_scope: int
    rate: float | None
    candidates: int
    meets_goal: bool | None


class YearOut(Schema):
    year: int
    adopted: int
    in_scope: int
    rate: float | None


class RatesOut(Schema):
    as_of: date
    goal: float
    numerator: str = Field(description="what the numerator counts, in words")
    denominator: str = Field(description="what the denominator counts, in words")
    formula: str
    overall: RateOut
    fields: list[RateOut]
    trend: list[YearOut] = Field(description="the rate at the end of each of the last ten years")
    below_goal: list[str] = Field(description="fields under the goal, most candidates first")
    problems: list[str]


class AdoptionStandardOut(Schema):
    identifier: str
    title: str
    published_on: date | None
    tc_code: str
    url: str


class CandidatesOut(Schema):
    count: int
    items: list[AdoptionStandardOut]


class BehindOut(Schema):
    standard: str
    standard_url: str
    degree: str
    adopts: str
    newer: str
    newer_published_on: date | None


class BehindPage(Schema):
    count: int
    items: list[BehindOut]


def _rate(code: str, name: str, rate) -> dict:
    return {"field": code, "name": name, "adopted": rate.adopted, "in_scope": rate.in_scope, "rate": rate.value,
            "candidates": rate.candidates, "meets_goal": rate.meets()}


@router.get("/rates", response={200: RatesOut, **ERRORS}, summary="Adoption rate of ISO/IEC standards per field")
def adoption_rates(request, query: Query[RateQuery]):
    policy.require(request.user, "international.adoption_view")
    asked = params.parse(request.GET)
    result = selectors.rate(asked)
    overall = result.tally.overall
    return {
        "as_of": result.today, "goal": 0.9, "numerator": texts.numerator_words(asked),
        "denominator": texts.denominator_words(asked), "formula": texts.formula(asked, overall),
        "overall": _rate(asked.within, result.names.get(asked.within, ""), overall),
        "fields": [_rate(code, result.names.get(code, ""), rate) for code, rate in result.tally.fields.items()],
        "trend": [{"year": year, "adopted": r.adopted, "in_scope": r.in_scope, "rate": r.value}
                  for year, r in result.trend],
        "below_goal": [code for code, _rate_ in result.below], "problems": list(asked.problems),
    }


@router.get("/candidates", response={200: CandidatesOut, **ERRORS},
            summary="ISO/IEC editions in scope that no Chinese standard in force adopts")
def adoption_candidates(request, query: Query[CandidateQuery]):
    policy.require(request.user, "international.adoption_view")
    records = selectors.candidate_records(params.parse(request.GET), query.field)
    items = selectors.standards_of(records[query.offset:query.offset + query.limit])
    return {"count": len(records), "items": [
        {"identifier": s.identifier, "title": s.title_en or s.title_zh, "published_on": s.published_on,
         "tc_code": s.tc_code, "url": s.get_absolute_url()} for s in items]}


@router.get("/behind", response={200: BehindPage, **ERRORS},
            summary="Adoptions behind a newer ISO/IEC edition, of a field or a Chinese committee")
def adoption_behind(request, query: Query[BehindQuery]):
    policy.require(request.user, "international.adoption_view")
    asked = params.parse(request.GET)
    target_ids = selectors.field_ids(asked, query.field) if query.field else None
    relations = behind.behind(target_ids=target_ids, committee=query.committee, degrees=asked.scope.degrees)
    return {"count": relations.count(), "items": [
        {"standard": r.source.identifier, "standard_url": r.source.get_absolute_url(), "degree": r.degree,
         "adopts": r.target.identifier, "newer": r.newer_identifier, "newer_published_on": r.newer_published_on}
        for r in relations[query.offset:query.offset + query.limit]]}
