"""Statistics of feedback (public: volumes, time to answer, overdue share per committee and per department; no
personal data) and the regulators' and consumer associations' exports (their subscriptions, each downloadable for
any period)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.audit.models import AuditKind
from biaozhun.audit.records import record
from biaozhun.core import clock

from .. import exports
from ..handlers import organisations_of
from ..models import ExportSubscription
from ..selectors import statistics

PAGE_ROWS = 50


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


@require_safe
def statistics_page(request):
    today = clock.today()
    year = _year(request.GET.get("year"))
    by = "department" if request.GET.get("by") == "department" else "committee"
    sort = request.GET.get("sort") if request.GET.get("sort") in statistics.SORTS else "volume"
    rows = (statistics.by_department if by == "department" else statistics.by_committee)(
        today=today, year=year, sort=sort)
    page = Paginator(rows, PAGE_ROWS).get_page(request.GET.get("page"))
    statistics.name_rows(page.object_list, committees=by == "committee")
    return render(request, "feedback/statistics.html", {
        "page": page, "by": by, "sort": sort, "year": year, "totals": statistics.summed(rows),
        "years": list(range(today.year, today.year - 6, -1)), "today": today,
    })


def _date(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return default


@login_required
@require_safe
def export_list(request):
    """The subscriptions of the organisations the person acts for (every one for administrators)."""
    policy.require(request.user, "feedback.export")
    if request.user.is_administrator:
        subscriptions = ExportSubscription.objects.all()
    else:
        subscriptions = ExportSubscription.objects.filter(organisation__in=[o.pk for o in organisations_of(request.user)])
    today = clock.today()
    rows = [(s, *exports.period_before(s, today)) for s in subscriptions.select_related("organisation").order_by("pk")]
    return render(request, "feedback/exports.html", {"rows": rows, "today": today})


@login_required
@require_safe
def export_download(request, subscription_id: int):
    subscription = get_object_or_404(ExportSubscription.objects.select_related("organisation"), pk=subscription_id)
    policy.require(request.user, "feedback.export", subscription)
    default_start, default_end = exports.period_before(subscription, clock.today())
    start = _date(request.GET.get("start"), default_start)
    end = min(_date(request.GET.get("end"), default_end), start + timedelta(days=366))
    content = exports.workbook(subscription, start, end)
    record(AuditKind.DATA_EXPORTED, actor=request.user, target=subscription, request=request,
           data={"export": "feedback", "start": start.isoformat(), "end": end.isoformat()})
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(subscription, start, end)}"'
    response["Cache-Control"] = "private, no-store"
    return response
