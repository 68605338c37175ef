"""The statistics pages under /stats/: the national overview of an indicator by a dimension, the drill-down to one
field, region or committee (its trend and every indicator's figure for it), the downloads, the yearly report and
the implementation of mandatory standards. The state is in the URL (?indicator=&dimension=&year=&focus=&key=), so
a view can be shared; the chart's data goes to static/stats/charts.mjs through json_script (no inline script)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.files import safe_filename

from . import exports, implementation, labels, selectors

DEFAULT_INDICATOR = "standards_in_force"
DRILL_DIMENSIONS = ("ccs", "ics", "region", "committee")
FIRST_YEAR = 1950


def _year(request) -> int:
    today = clock.today().year
    try:
        year = int(request.GET.get("year", today))
    except ValueError:
        return today
    return min(max(year, FIRST_YEAR), today)


def _state(request):
    """The indicator, dimension, year and focus a URL asks for; unknown values fall back to the defaults."""
    viewer = request.user
    indicator = selectors.indicator_for(viewer, request.GET.get("indicator", DEFAULT_INDICATOR))
    if indicator is None:
        indicator = selectors.indicator_for(viewer, DEFAULT_INDICATOR) or selectors.visible_indicators(viewer).first()
    if indicator is None:
        raise Http404("no indicators")
    dimensions = list(indicator.dimensions)
    dimension = request.GET.get("dimension", "")
    if dimension not in dimensions:
        dimension = next((d for d in dimensions if d != "total"), dimensions[0])
    focus = request.GET.get("focus", "")
    key = (request.GET.get("key") or "")[:60]
    if focus not in DRILL_DIMENSIONS:
        focus, key = "", ""
    return indicator, dimension, _year(request), focus, key


def _link(**params) -> str:
    """A query string of the state; an empty key is kept when there is a focus (the unclassified field)."""
    keep = {"key"} if params.get("focus") else set()
    return "?" + urlencode({k: v for k, v in params.items() if k in keep or v not in ("", None)})


@require_safe
def index(request):
    policy.require(request.user, "stats.view")
    indicator, dimension, year, focus, key = _state(request)
    visible = list(selectors.visible_indicators(request.user))
    base = {"indicator": indicator.code, "year": year}
    context = {
        "indicator": indicator, "indicators": visible, "year": year, "years": _years(),
        "dimension": dimension, "dimension_label": labels.dimension_label(dimension),
        "dimensions": [(d, labels.dimension_label(d), _link(**base, dimension=d)) for d in indicator.dimensions],
        "focus": focus, "key": key, "params": _link(**base, dimension=dimension, focus=focus, key=key),
        "may_see_internal": policy.can(request.user, "stats.view_internal"),
    }
    if focus:
        if focus not in indicator.dimensions:
            raise Http404(focus)
        name = labels.names(focus, [key]).get(key) or key or _("未分类")
        points = selectors.trend(indicator, focus, key, until=year)
        rows = selectors.field_figures(request.user, focus, key, year)
        chart = {"kind": "line", "title": f"{indicator.name} · {name}", "unit": indicator.unit,
                 "labels": [str(y) for y, _v in points], "values": [v for _y, v in points], "links": []}
        context.update({
            "focus_label": labels.dimension_label(focus), "focus_name": name, "chart": chart, "trend": points,
            "field_rows": [(i, v, _link(indicator=i.code, year=year, dimension=focus, focus=focus, key=key))
                           for i, v in rows],
            "back": _link(**base, dimension=focus),
        })
        return render(request, "stats/field.html", context)
    found = selectors.figures(indicator, dimension, year)
    drill = dimension in DRILL_DIMENSIONS
    links = [_link(**base, dimension=dimension, focus=dimension, key=row.key) if drill else "" for row in found.rows]
    context.update({
        "found": found, "rows": list(zip(found.rows, links, strict=True)), "drill": drill,
        "chart": {"kind": "bar", "title": f"{indicator.name} · {labels.dimension_label(dimension)}",
                  "unit": indicator.unit, "labels": [row.label for row in found.rows],
                  "values": [row.value for row in found.rows], "links": links},
    })
    return render(request, "stats/index.html", context)


def _years() -> list[int]:
    today = clock.today().year
    return sorted({*selectors.snapshot_years(), today}, reverse=True)


@require_safe
def export(request):
    """The figures on the page as XLSX (?format=xlsx) or CSV (?format=csv)."""
    policy.require(request.user, "stats.view")
    indicator, dimension, year, _focus, _key = _state(request)
    found = selectors.figures(indicator, dimension, year)
    stem = safe_filename(f"{indicator.code}-{dimension}-{year}")
    if request.GET.get("format") == "csv":
        response = HttpResponse(exports.figures_csv(found), content_type=exports.CSV)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    response = HttpResponse(exports.figures_xlsx(found), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@require_safe
def report(request):
    """The yearly data report (PDF) of the year asked."""
    policy.require(request.user, "stats.view")
    year = _year(request)
    response = HttpResponse(exports.yearly_report(request.user, year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="biaozhun-stats-{year}.pdf"'
    return response


def _strength(request) -> str:
    strength = request.GET.get("strength", "")
    return strength if strength in ("strong", "medium", "weak") else ""


@require_safe
def implementation_view(request):
    """Each mandatory national standard in force with its signals of use and its strength; the method beside."""
    policy.require(request.user, "stats.view_internal")
    from biaozhun.rules import implementation as rules

    found = implementation.rows()
    strength = _strength(request)
    shown = [row for row in found if not strength or row.strength == strength]
    names = implementation.strength_names()
    return render(request, "stats/implementation.html", {
        "rows": [(row, names[row.strength]) for row in shown[:500]], "total": len(shown),
        "strength_name": names.get(strength, ""), "counts": [(s, names[s], n) for s, n in
                                                               implementation.counts(found).items()],
        "strength": strength, "names": names, "thresholds": [(signal_names()[name], low, high) for name, (low, high) in rules.THRESHOLDS.items()], "strong_from": rules.STRONG_FROM,
        "medium_from": rules.MEDIUM_FROM, "use_days": implementation.USE_DAYS,
        "chart": {"kind": "pie", "title": _("强制性国家标准实施强度"), "unit": _("项"),
                  "labels": [names[s] for s in names], "values": list(implementation.counts(found).values()),
                  "links": [_link(strength=s) for s in names]},
    })


def signal_names() -> dict[str, str]:
    return {"use": _("浏览、阅读和下载"), "citations": _("被其他现行标准引用"), "declarations": _("企业自我声明"),
            "inspections": _("双随机抽查中涉及的企业")}


@require_safe
def implementation_export(request):
    policy.require(request.user, "stats.view_internal")
    strength = _strength(request)
    found = [row for row in implementation.rows() if not strength or row.strength == strength]
    stem = f"mandatory-implementation{'-' + strength if strength else ''}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(exports.implementation_csv(found), content_type=exports.CSV)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    response = HttpResponse(exports.implementation_xlsx(found), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response

