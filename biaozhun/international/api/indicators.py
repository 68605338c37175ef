"""Indicator comparison API: the comparisons a viewer may see (published ones for everyone, drafts for those who
write them), one comparison with its rows and verdicts, and the rule itself: two values as written compared.

Reads need no account; a draft answers 404 to those who may not see it. Errors are problem+json."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.core.errors import NotFoundError
from biaozhun.rules.indicators import compare

from ..models import Comparison
from ..selectors import indicators as selectors

router = Router(tags=["international"])
MAX_LIMIT = 100
VERDICTS = "same, stricter (the Chinese requirement), looser, different or not_comparable"


class RowOut(Schema):
    position: int
    name: str
    unit: str
    chinese_value: str
    foreign_value: str
    chinese_method: str
    foreign_method: str
    verdict: str = Field(description=VERDICTS)
    why: str = Field(description="for not_comparable: chinese_text, foreign_text or units")
    remark: str


class ComparisonOut(Schema):
    id: int
    standard: str
    standard_title: str
    foreign_number: str
    foreign_title: str
    foreign_in_catalogue: bool
    title: str
    public: bool = Field(description="published: everyone reads it (a draft is seen by its writers only)")
    updated_at: datetime
    url: str


class ComparisonDetailOut(ComparisonOut):
    note: str
    rows: list[RowOut]


class ComparisonPage(Schema):
    count: int
    items: list[ComparisonOut]


class ListQueryIn(Schema):
    q: str = Field("", max_length=60)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class CompareIn(Schema):
    chinese: str = Field(max_length=200, description="the Chinese value as written, e.g. ≤ 0.5, 不小于 3, 10～20")
    foreign: str = Field(max_length=200)
    unit: str = Field("", max_length=40, description="the row's unit (a value may name its own)")


class CompareOut(Schema):
    verdict: str = Field(description=VERDICTS)
    why: str


def _out(comparison: Comparison) -> dict[str, Any]:
    return {"id": comparison.pk, "standard": comparison.standard.identifier,
            "standard_title": comparison.standard.title_zh, "foreign_number": comparison.foreign_number,
            "foreign_title": comparison.foreign_title, "foreign_in_catalogue": comparison.foreign_standard_id is not None,
            "title": comparison.title, "public": comparison.public, "updated_at": comparison.updated_at,
            "url": comparison.get_absolute_url()}


@router.get("/", response={200: ComparisonPage, **ERRORS}, summary="Indicator comparisons you may see")
def comparison_list(request, query: Query[ListQueryIn]):
    found = selectors.comparisons(viewer=request.user, q=query.q)
    return {"count": found.count(), "items": [_out(c) for c in found[query.offset:query.offset + query.limit]]}


@router.get("/compare", response={200: CompareOut, **ERRORS},
            summary="Compare two requirements as standards write them (the rule the comparisons use)")
def comparison_rule(request, query: Query[CompareIn]):
    outcome = compare(query.chinese, query.foreign, query.unit)
    return {"verdict": outcome.verdict.value, "why": outcome.why.value if outcome.why else ""}


@router.get("/{int:comparison_id}", response={200: ComparisonDetailOut, 404: Problem, **ERRORS},
            summary="One comparison with its rows and verdicts")
def comparison_detail(request, comparison_id: int):
    comparison = selectors.comparison_for_viewer(viewer=request.user, pk=comparison_id)
    if comparison is None:
        raise NotFoundError(_("没有这份技术指标对比，或它尚未公开。"))
    rows = [{field: getattr(row, field) for field in RowOut.model_fields} for row in selectors.rows_of(comparison)]
    return {**_out(comparison), "note": comparison.note, "rows": rows}
