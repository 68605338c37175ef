"""Filing pages: public. The list of filed standards (as hbba/dbba: filters in a GET form, bookmarkable), a filing's
page, and the statistics per authority and year with their XLSX."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.core import clock

from ..exports import XLSX, statistics_xlsx
from ..filters import FilingFilterForm, StatisticsForm
from ..models import FiledStatus, FilingTier
from ..selectors import filing_for_viewer
from ..selectors.public import PAGE_SIZE, FiledPages, FilingSort
from ..selectors.public_page import filing_page
from ..selectors.statistics import filing_statistics, filing_years


@require_safe
def filing_list(request):
    form = FilingFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    query = form.query()
    page = Paginator(FiledPages(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "filing/public/list.html", {
        "form": form, "query": query, "page": page, "chosen": form.chosen(),
        "sorts": FilingSort.choices, "statuses": dict(FiledStatus.choices),
        "filtered": bool(query.q or form.chosen()),
    })


@require_safe
def filing_detail(request, pk: int):
    filing = filing_for_viewer(viewer=request.user, pk=pk)
    if filing is None:  # absent, or under way and not the viewer's to see: the same answer
        raise Http404(_("没有这份备案。"))
    return render(request, "filing/public/detail.html", {
        "view": filing_page(viewer=request.user, filing=filing), "filing": filing,
        "statuses": dict(FiledStatus.choices),
    })


def _statistics(request):
    span = filing_years() or (clock.today().year,) * 2
    form = StatisticsForm(request.GET or None, span=span)
    first, last = form.years()
    if not form.errors:  # show the years counted, defaults included
        form = StatisticsForm(initial={"year_from": first, "year_to": last}, span=span)
    return form, filing_statistics(year_from=first, year_to=last)


@require_safe
def statistics_page(request):
    form, statistics = _statistics(request)
    tiers = FilingTier.choices
    return render(request, "filing/public/statistics.html", {
        "form": form, "statistics": statistics, "query": request.GET.urlencode(), "tiers": tiers,
        "year_rows": [(year, [(label, statistics.by_tier[tier].get(year, 0)) for tier, label in tiers],
                       statistics.year_total(year)) for year in statistics.years],
        "tier_totals": [(label, statistics.tier_total(tier)) for tier, label in tiers],
        "year_totals": [(year, statistics.year_total(year)) for year in statistics.years],
        "authority_rows": [(row, [(year, row.by_year.get(year, 0)) for year in statistics.years],
                            FilingTier(row.tier).label) for row in statistics.rows],
    })


@require_safe
def statistics_download(request):
    _form, statistics = _statistics(request)
    response = HttpResponse(statistics_xlsx(statistics), content_type=XLSX)
    filename = f"filing-statistics-{statistics.years[0]}-{statistics.years[-1]}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns: list[URLPattern] = [
    path("", filing_list, name="list"),
    path("<int:pk>/", filing_detail, name="detail"),
    path("statistics/", statistics_page, name="statistics"),
    path("statistics/filings.xlsx", statistics_download, name="statistics_xlsx"),
]
