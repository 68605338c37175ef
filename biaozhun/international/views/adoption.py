"""The adoption pages under /international/adoption/ (public statistics, decision 0035): the rate per field and
overall with its formula and the scope's form, the trend, the fields under the 90 % goal; a field's candidates;
the adoptions behind a newer ISO/IEC edition per field or committee; the XLSX (signed-in people)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.catalog.models import Degree, Tier
from biaozhun.core.files import safe_filename
from biaozhun.rules import adoption as rules

from ..adoption import behind, exports, params, selectors, texts

PER_PAGE = 50
BELOW_SHOWN = 20


def _form_context(query: params.Query) -> dict:
    scope = query.scope
    return {
        "query": query, "scope": scope, "dimensions": list(texts.DIMENSION_LABELS.items()),
        "degrees": [(d.value, d.label, d.value in scope.degrees) for d in Degree],
        "tiers": [(t, dict(Tier.choices)[t], t in scope.adopting_tiers) for t in rules.ADOPTING_TIERS],
        "publishers": [(p, p in scope.publishers) for p in rules.PUBLISHERS],
        "deliverables": [(d, texts.DELIVERABLE_LABELS[d], d in scope.deliverables) for d in rules.DELIVERABLES],
        "levels": list(range(1, params.MAX_LEVEL[query.dimension] + 1)),
        "params": query.urlencode(),
    }


@require_safe
def index(request):
    """The rate overall and per field, with the formula, the scope form, the trend and the fields under the goal."""
    policy.require(request.user, "international.adoption_view")
    query = params.parse(request.GET)
    result = selectors.rate(query)
    overall = result.tally.overall
    fields = [(code, result.names.get(code, ""), rate, texts.percent(rate), rate.meets())
              for code, rate in result.tally.fields.items()]
    trend_max = max((rate.in_scope for _year, rate in result.trend), default=0) or 1
    return render(request, "international/adoption/index.html", {
        **_form_context(query), "result": result, "overall": overall, "overall_percent": texts.percent(overall),
        "formula": texts.formula(query, overall), "numerator": texts.numerator_words(query),
        "denominator": texts.denominator_words(query), "fields": fields,
        "trend": [(year, rate, texts.percent(rate), round(100 * (rate.value or 0))) for year, rate in result.trend],
        "trend_max": trend_max,
        "below": [(code, result.names.get(code, ""), rate, texts.percent(rate))
                  for code, rate in result.below[:BELOW_SHOWN]],
        "below_count": len(result.below), "goal_percent": round(100 * rules.GOAL),
        "may_export": policy.can(request.user, "international.adoption_export"),
        "dimension_label": texts.DIMENSION_LABELS[query.dimension],
    })


@require_safe
def candidates(request):
    """The ISO/IEC editions of a field that no Chinese standard in force adopts (with a counted degree)."""
    policy.require(request.user, "international.adoption_view")
    query = params.parse(request.GET)
    field = (request.GET.get("field") or "").strip()[: params.MAX_WITHIN]
    records = selectors.candidate_records(query, field)
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "international/adoption/candidates.html", {
        **_form_context(query), "field": field or query.within,
        "field_name": selectors.field_names(query.dimension, [field or query.within]).get(field or query.within, ""),
        "page": page, "standards": selectors.standards_of(list(page.object_list)), "total": len(records),
        "dimension_label": texts.DIMENSION_LABELS[query.dimension],
        "page_params": query.urlencode(field=field) if field else query.urlencode(),
    })


@require_safe
def behind_list(request):
    """Adoptions behind a newer ISO/IEC edition: of a field's ISO/IEC editions, or of a Chinese committee."""
    policy.require(request.user, "international.adoption_view")
    query = params.parse(request.GET)
    field = (request.GET.get("field") or "").strip()[: params.MAX_WITHIN]
    committee = (request.GET.get("committee") or "").strip()[: params.MAX_WITHIN]
    target_ids = selectors.field_ids(query, field) if field else None
    relations = behind.behind(target_ids=target_ids, committee=committee, degrees=query.scope.degrees)
    page = Paginator(relations, PER_PAGE).get_page(request.GET.get("page"))
    extra = {k: v for k, v in (("field", field), ("committee", committee)) if v}
    return render(request, "international/adoption/behind.html", {
        **_form_context(query), "field": field, "committee": committee, "page": page,
        "dimension_label": texts.DIMENSION_LABELS[query.dimension],
        "page_params": query.urlencode(**extra),
    })


@login_required
@require_safe
def export(request):
    """The workbook of the query: formula, fields, trend, candidates of the fields under the goal, behind."""
    policy.require(request.user, "international.adoption_export")
    query = params.parse(request.GET)
    result = selectors.rate(query)
    response = HttpResponse(exports.workbook(result), content_type=exports.XLSX)
    name = safe_filename(f"adoption-{query.dimension}-{result.today.isoformat()}.xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
