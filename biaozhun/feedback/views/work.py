"""The work pages: a handler's queue (overdue first), the national administration's overview, and the feedback on
one standard (for its periodic review)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core import clock

from ..models import FeedbackState
from ..pseudonyms import shown
from ..selectors import items as selectors
from ..selectors import statistics
from ..selectors.public import interpretations_of

PAGE_ROWS = 50


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


BADGES = {"received": "text-bg-warning", "routed": "text-bg-warning", "acknowledged": "text-bg-info",
          "answered": "text-bg-success", "closed": "text-bg-secondary"}


def _mark(items, today):
    """What a list row shows besides the item's fields (computed here once, not in the template per row)."""
    for item in items:
        item.ack_overdue = item.state in ("received", "routed") and item.acknowledge_due and item.acknowledge_due < today
        item.answer_overdue = item.is_open and item.answer_due < today
        item.overdue_days = (today - item.answer_due).days if item.answer_overdue else 0
        item.badge = BADGES.get(item.state, "text-bg-light border")
        item.writer = shown(item.pseudonym)
        item.url = item.get_absolute_url()
    return items


@login_required
@require_safe
def queue(request):
    policy.require(request.user, "feedback.work")
    today = clock.today()
    result = selectors.queue(viewer=request.user, organisation_id=_int(request.GET.get("organisation")),
                             tab=request.GET.get("tab", "open"), today=today)
    page = selectors.page_of(result.items, request.GET.get("page"), PAGE_ROWS)
    _mark(page.object_list, today)
    return render(request, "feedback/queue.html", {
        "queue": result, "page": page, "today": today, "tabs": [(key, result.counts[key]) for key in selectors.TABS],
        "may_oversee": policy.can(request.user, "feedback.oversee"),
    })


@login_required
@require_safe
def overview(request):
    """The national administration's view: counts by state, items nobody was found for, the longest overdue, and
    the handlers with the largest overdue share."""
    policy.require(request.user, "feedback.oversee")
    today = clock.today()
    overdue = selectors.page_of(selectors.overdue_everywhere(today=today), request.GET.get("page"), PAGE_ROWS)
    _mark(overdue.object_list, today)
    departments = statistics.by_department(today=today, sort="overdue")[:10]
    committees = statistics.by_committee(today=today, sort="overdue")[:10]
    return render(request, "feedback/overview.html", {
        "today": today, "counts": [(state, FeedbackState(state).label, n) for state, n in selectors.state_counts(today=today).items()],
        "waiting": _mark(list(selectors.waiting_for_routing()[:PAGE_ROWS]), today), "page": overdue,
        "departments": statistics.name_rows(departments, committees=False),
        "committees": statistics.name_rows(committees, committees=True),
    })


@login_required
@require_safe
def standard_feedback(request, identifier: str):
    """Feedback on one standard and its interpretations: for its handlers, and for its periodic review (复审)."""
    policy.require(request.user, "feedback.work")
    standard = catalog_selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(identifier)
    today = clock.today()
    page = selectors.page_of(selectors.feedback_on_standard(standard=standard, viewer=request.user),
                             request.GET.get("page"), PAGE_ROWS)
    _mark(page.object_list, today)
    return render(request, "feedback/standard.html", {
        "standard": standard, "page": page, "today": today,
        "interpretations": interpretations_of(standard=standard),
        "counts": selectors.counts_for_standards(standard_ids=[standard.pk]).get(standard.pk, {}),
    })
