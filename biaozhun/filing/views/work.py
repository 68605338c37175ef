"""The filing work pages (备案工作台): the authority's dashboard of its filings by state, the reviewers' queue,
the provinces' queue of their cities' filings, and the overdue list. One filing's page and its actions are in
work_page.py, the filing form in work_form.py; their URLs are joined here.

Other filing work pages (an authority's standards due for periodic review, its flags...) are linked from the
dashboard through the registry in work_links.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import PermissionDeniedError

from .. import check_text
from ..authorities import authorities_of
from ..models import FilingState, FilingTier
from ..selectors import work as selectors
from . import work_form, work_links, work_page

SECTION_ROWS = 20  # rows of each state on the dashboard; the rest behind "全部"
PAGE_ROWS = 50  # rows of a full list or a queue's page


def _with_reasons(filings: list) -> list:
    reasons = selectors.return_reasons(filings=filings)
    for filing in filings:
        event = reasons.get(filing.pk)
        filing.returned_by = event
        filing.reasons = [(check_text.label(r.get("check", "")), r.get("message", ""))
                          for r in (event.data.get("reasons", ()) if event else ())]
        if event and event.reason and not filing.reasons:
            filing.reasons = [(check_text.label(""), event.reason)]
    return filings


@login_required
@require_safe
def work_dashboard(request):
    """The authority's filings by state (returned first, with their reasons), or, with ?state=, all of one state."""
    user = request.user
    policy.require(user, "filing.work")
    authorities = authorities_of(user)
    today = clock.today()
    counts = selectors.state_counts(authorities=authorities) if authorities else {}
    only = request.GET.get("state", "")
    sections, page = [], None
    if authorities and only in FilingState.values:
        page = Paginator(selectors.filings_in_state(authorities=authorities, state=only), PAGE_ROWS).get_page(
            request.GET.get("page"))
        rows = list(page.object_list)
        if only == FilingState.RETURNED:
            _with_reasons(rows)
        sections = [{"state": only, "label": FilingState(only).label, "count": counts[only], "rows": rows}]
    elif authorities:
        for state, _order in selectors.DASHBOARD_STATES:
            rows = list(selectors.filings_in_state(authorities=authorities, state=state)[:SECTION_ROWS]) \
                if counts[state] else []
            if state == FilingState.RETURNED:
                _with_reasons(rows)
            sections.append({"state": state, "label": FilingState(state).label, "count": counts[state],
                             "rows": rows})
    provinces = selectors.province_codes(viewer=user)
    may_review = policy.can(user, "filing.review")
    return render(request, "filing/work/dashboard.html", {
        "authorities": authorities, "sections": sections, "page": page, "only": only, "today": today,
        "counts": [(FilingState(state).label, state, counts[state]) for state, _o in selectors.DASHBOARD_STATES]
        if counts else [],
        "states": FilingState, "may_review": may_review,
        "province_waiting": selectors.awaiting_province(provinces=provinces).count() if provinces else None,
        "review_waiting": selectors.review_queue().count() if may_review else None,
        "overdue": selectors.overdue(viewer=user, today=today).count(), "any_filing": any(counts.values()),
        "links": work_links.links(user),
    })


@login_required
@require_safe
def review_queue(request):
    """Filings waiting for the national review, the earliest due first, overdue ones marked; by tier and
    authority; with the count of checks that flagged something."""
    policy.require(request.user, "filing.review")
    tier = request.GET.get("tier", "")
    tier = tier if tier in FilingTier.values else ""
    try:
        authority = int(request.GET.get("authority", "") or 0) or None
    except ValueError:
        authority = None
    today = clock.today()
    page = Paginator(selectors.review_queue(tier=tier, authority_id=authority), PAGE_ROWS).get_page(
        request.GET.get("page"))
    for filing in page.object_list:
        filing.flagged = [check_text.label(code) for code in check_text.flagged(filing.checks)]
        filing.overdue_days = (today - filing.review_due).days if filing.review_due and filing.review_due < today \
            else 0
    return render(request, "filing/work/review_queue.html", {
        "page": page, "tier": tier, "authority": authority, "tiers": FilingTier.choices,
        "authorities": selectors.review_queue_authorities(), "today": today,
    })


@login_required
@require_safe
def province_queue(request):
    """Cities' local standards waiting for the approval of the province the person acts for."""
    user = request.user
    policy.require(user, "filing.work")
    provinces = selectors.province_codes(viewer=user)
    if not provinces:
        raise PermissionDeniedError("filing.approve_city", _("设区的市地方标准由所在省级市场监管部门审核；"
                                                             "您不代表省级市场监管部门。"))
    today = clock.today()
    page = Paginator(selectors.awaiting_province(provinces=provinces), PAGE_ROWS).get_page(request.GET.get("page"))
    for filing in page.object_list:
        filing.overdue_days = (today - filing.review_due).days if filing.review_due and filing.review_due < today \
            else 0
    return render(request, "filing/work/province_queue.html", {"page": page, "today": today})


@login_required
@require_safe
def overdue_list(request):
    """Filings the person may see whose review or province approval is past its time limit."""
    policy.require(request.user, "filing.work")
    today = clock.today()
    page = Paginator(selectors.overdue(viewer=request.user, today=today), PAGE_ROWS).get_page(request.GET.get("page"))
    for filing in page.object_list:
        filing.overdue_days = (today - filing.review_due).days
    return render(request, "filing/work/overdue.html", {"page": page, "today": today, "states": FilingState})


urlpatterns: list[URLPattern] = [
    path("work/", work_dashboard, name="work_dashboard"),
    path("work/review/", review_queue, name="work_review_queue"),
    path("work/province/", province_queue, name="work_province_queue"),
    path("work/overdue/", overdue_list, name="work_overdue"),
    *work_form.urlpatterns,
    *work_page.urlpatterns,
]
