"""The pages of China's participation in ISO/IEC. Public: the register of ISO/IEC committees with China's membership
and the Chinese mirror committees, one committee's page, the posts China holds, the work items led from China and
their stage history. Signed in: the ballots (the administration's every one, a secretariat's own committees'), one
ballot with the form that records China's vote and comments. The administration records stage moves on a work
item's page; the register, posts, work items and ballots are kept in the admin (through the same services).

A view is access → selector or service → respond; a refused action shows the page again with the service's message
and the refusal's status."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.rules.participation import TermState, days_left, stages_after

from ..models import ChinaMembership, HarmonizedStage, InternationalBallot, NationalVote, WorkItem
from ..selectors import participation as selectors
from ..services.participation import move_stage, record_vote

STAGE_GROUPS = [("00", gettext_lazy("预备阶段")), ("10", gettext_lazy("提案阶段")), ("20", gettext_lazy("准备阶段")),
                ("30", gettext_lazy("委员会阶段")), ("40", gettext_lazy("征询意见阶段")), ("50", gettext_lazy("批准阶段")),
                ("60", gettext_lazy("出版阶段")), ("90", gettext_lazy("复审阶段")), ("95", gettext_lazy("废止阶段"))]


def _refusal(request, error: DomainError) -> dict[str, str]:
    messages.error(request, error.message)
    return {problem["field"]: problem["message"] for problem in getattr(error, "errors", []) if problem.get("field")}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


# --- Public pages --------------------------------------------------------------------------------------------
@require_safe
def register(request):
    policy.require(request.user, "participation.view")
    query = selectors.RegisterQuery(q=request.GET.get("q", "")[:60], organisation=request.GET.get("org", ""),
                                    membership=request.GET.get("membership", ""))
    page = Paginator(selectors.register(query), selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "international/participation/register.html", {
        "query": query, "page": page, "counts": selectors.membership_counts(),
        "memberships": [("P", ChinaMembership.PARTICIPATING.label), ("O", ChinaMembership.OBSERVING.label),
                        ("-", ChinaMembership.NONE.label)],
        "organisations": ("ISO", "IEC", "ISO/IEC"), "tab": "register",
    })


@require_safe
def committee(request, international_id: int):
    policy.require(request.user, "participation.view")
    international = selectors.committee(international_id)
    if international is None:
        raise Http404
    ballots = selectors.ballots(viewer=request.user, show="all").filter(international=international)[:20]
    return render(request, "international/participation/committee.html", {
        "international": international, "posts": selectors.post_rows(show="all", international=international),
        "work_items": list(selectors.work_items(international=international)[:50]), "ballots": list(ballots),
        "today": clock.today(), "tab": "register", "expiring": TermState.EXPIRING, "ended": TermState.ENDED,
        "upcoming": TermState.UPCOMING,
    })


@require_safe
def posts(request):
    policy.require(request.user, "participation.view")
    show = request.GET.get("show", "current")
    show = show if show in selectors.POST_FILTERS else "current"
    rows = selectors.post_rows(show=show)
    return render(request, "international/participation/posts.html", {
        "rows": rows, "show": show, "window": selectors.expiring_window(), "tab": "posts",
        "expiring": TermState.EXPIRING, "ended": TermState.ENDED, "upcoming": TermState.UPCOMING,
        "choices": [("current", _("现任")), ("expiring", _("即将届满")), ("all", _("全部（含已届满）"))],
    })


@require_safe
def work_items(request):
    policy.require(request.user, "participation.view")
    q, stage = request.GET.get("q", "")[:60], request.GET.get("stage", "")[:2]
    page = Paginator(selectors.work_items(q=q, stage=stage), selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "international/participation/work_items.html", {
        "page": page, "q": q, "stage": stage, "groups": STAGE_GROUPS, "tab": "work_items",
    })


def render_work_item(request, item: WorkItem, *, status: int = 200, errors: dict[str, str] | None = None,
                     values: dict[str, Any] | None = None):
    manage = policy.can(request.user, "participation.manage")
    return render(request, "international/participation/work_item.html", {
        "item": item, "history": selectors.stage_history(item), "manage": manage, "tab": "work_items",
        "next_stages": [(code, HarmonizedStage(code).label) for code in stages_after(item.stage)] if manage else [],
        "errors": errors or {}, "values": values or {}, "today": clock.today(),
    }, status=status)


@require_safe
def work_item(request, work_item_id: int):
    policy.require(request.user, "participation.view")
    item = selectors.work_item(work_item_id)
    if item is None:
        raise Http404
    return render_work_item(request, item)


@login_required
@require_POST
def stage(request, work_item_id: int):
    item = selectors.work_item(work_item_id)
    if item is None:
        raise Http404
    try:
        move_stage(actor=request.user, item=item, stage=request.POST.get("stage", ""),
                   on=_date(request.POST.get("on")), note=request.POST.get("note", ""))
    except DomainError as error:
        return render_work_item(request, selectors.work_item(work_item_id), status=error.status,
                                errors=_refusal(request, error), values=request.POST.dict())
    messages.success(request, _("已登记：%(reference)s 进入 %(stage)s 阶段。") % {
        "reference": item.reference, "stage": request.POST.get("stage", "")})
    return redirect(item)


# --- Ballots (signed in) -------------------------------------------------------------------------------------
@login_required
@require_safe
def ballots(request):
    policy.require(request.user, "participation.own")
    show = request.GET.get("show", "open")
    show = show if show in selectors.BALLOT_FILTERS else "open"
    today = clock.today()
    q = request.GET.get("q", "")[:60]
    page = Paginator(selectors.ballots(viewer=request.user, show=show, q=q, today=today),
                     selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(ballot, days_left(ballot.closes_on, today)) for ballot in page]
    return render(request, "international/participation/ballots.html", {
        "page": page, "rows": rows, "show": show, "q": q, "tab": "ballots",
        "oversee": policy.can(request.user, "participation.manage"),
        "waiting": selectors.open_ballot_count(viewer=request.user, today=today),
        "choices": [("open", _("未截止")), ("voted", _("已投票")), ("missed", _("逾期未投票")), ("all", _("全部"))],
    })


def _ballot_or_404(request, ballot_id: int) -> InternationalBallot:
    ballot = selectors.ballot_for_viewer(viewer=request.user, pk=ballot_id)
    if ballot is None:
        raise Http404
    return ballot


def render_ballot(request, ballot: InternationalBallot, *, status: int = 200, errors: dict[str, str] | None = None,
                  values: dict[str, Any] | None = None):
    today = clock.today()
    return render(request, "international/participation/ballot.html", {
        "ballot": ballot, "today": today, "tab": "ballots",
        "history": [(event, NationalVote(event.data["vote"]).label if event.data.get("vote") in NationalVote.values
                     else "") for event in selectors.ballot_history(ballot)],
        "days_left": days_left(ballot.closes_on, today), "open": ballot.is_open(today),
        "may_vote": policy.can(request.user, "participation.vote", ballot) and ballot.is_open(today),
        "votes": NationalVote.choices, "errors": errors or {}, "values": values or {},
    }, status=status)


@login_required
@require_safe
def ballot(request, international_ballot_id: int):
    return render_ballot(request, _ballot_or_404(request, international_ballot_id))


@login_required
@require_POST
def vote(request, international_ballot_id: int):
    ballot = _ballot_or_404(request, international_ballot_id)
    try:
        ballot = record_vote(actor=request.user, ballot=ballot, vote=request.POST.get("vote", ""),
                             comments=request.POST.get("comments", ""))
    except DomainError as error:
        return render_ballot(request, _ballot_or_404(request, international_ballot_id), status=error.status,
                             errors=_refusal(request, error), values=request.POST.dict())
    messages.success(request, _("已记录我国投票：%(vote)s。截止日期（%(day)s）前可以修改。") % {
        "vote": ballot.get_vote_display(), "day": ballot.closes_on.isoformat()})
    return redirect(ballot)
