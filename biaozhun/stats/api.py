"""The statistics API, mounted at /api/v1/stats/: the indicator catalogue and an indicator's figures by a
dimension for a year (the snapshot of a past year-end, the live value for this year). Public indicators answer
anyone; internal ones answer staff and 404 to others (their existence is not secret, their figures are)."""

from __future__ import annotations

from django.http import Http404
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND
from biaozhun.core import clock

from . import selectors

router = Router(tags=["stats"])


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    formula: str
    unit: str
    dimensions: list[str]
    source: str
    public: bool


class FiguresQuery(Schema):
    indicator: str = Field("standards_in_force", max_length=60,
                           description="the indicator's code (see /stats/indicators)")
    dimension: str = Field("total", max_length=12, description="one of the indicator's dimensions")
    year: int | None = Field(None, ge=1950, le=9999, description="the year-end; default this year (live)")


class FigureOut(Schema):
    key: str
    label: str
    value: float | None


class FiguresOut(Schema):
    indicator: str
    dimension: str
    year: int
    live: bool = Field(description="computed now from the records, not read from a year-end snapshot")
    unit: str
    figures: list[FigureOut]


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS}, summary="The statistics indicator catalogue")
def stats_indicators(request):
    policy.require(request.user, "stats.view")
    return list(selectors.visible_indicators(request.user))


@router.get("/figures", response={200: FiguresOut, **NOT_FOUND, **ERRORS}, summary="An indicator's figures by a dimension for a year")
def stats_figures(request, query: Query[FiguresQuery]):
    policy.require(request.user, "stats.view")
    indicator = selectors.indicator_for(request.user, query.indicator)
    if indicator is None or query.dimension not in indicator.dimensions:
        raise Http404(query.indicator)
    year = min(query.year or clock.today().year, clock.today().year)
    found = selectors.figures(indicator, query.dimension, year)
    return {"indicator": indicator.code, "dimension": found.dimension, "year": year, "live": found.live,
            "unit": indicator.unit, "figures": [{"key": r.key, "label": r.label, "value": r.value} for r in found.rows]}
