"""The national administration's 领跑者 actions: rank a scheme, read a run (tiers, per-indicator bounds, excluded
declarations with reasons), draft a list from its top tier, open the notice, decide objections, publish. Each is
a POST that calls one service and returns to the page with what happened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError

from ..forms import DecisionForm, NoticeForm
from ..models import LeaderList, Objection, RankingRun, Scheme
from ..selectors import runs as selectors
from ..services import decide_objection, draft_leader_list, open_notice, publish_leader_list, run_ranking
from .public import render_list

EXCLUDED_PAGE = 100


def _get(model, pk: int):
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def rank(request, pk: int):
    scheme = _get(Scheme, pk)
    try:
        run = run_ranking(request.user, scheme=scheme)
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("leaders:product", pk=scheme.key_product_id)
    messages.success(request, _("分档完成：%(n)d 份声明参与。") % {"n": run.declarations})
    return redirect("leaders:run", pk=run.pk)


@login_required
@require_safe
def run_page(request, pk: int):
    policy.require(request.user, "leaders.view_runs")
    run = selectors.run(pk=pk)
    if run is None:
        raise Http404
    page = Paginator(run.excluded, EXCLUDED_PAGE).get_page(request.GET.get("page"))
    return render(request, "leaders/run.html", {
        "run": run, "tiers": selectors.tier_rows(run=run), "excluded": selectors.excluded_rows(rows=page.object_list),
        "page": page, "indicators": selectors.indicator_rows(run=run),
        "may_draft": policy.can(request.user, "leaders.manage") and not hasattr(run, "leader_list")
        and run.status == "ranked",
    })


@login_required
@require_POST
def draft(request, pk: int):
    run = _get(RankingRun, pk)
    try:
        leader_list = draft_leader_list(request.user, run=run)
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("leaders:run", pk=run.pk)
    messages.success(request, _("已草拟领跑者名单，请核对后公示。"))
    return redirect("leaders:list", pk=leader_list.pk)


@login_required
@require_POST
def notice(request, pk: int):
    leader_list = _get(LeaderList, pk)
    form = NoticeForm(request.POST, auto_id="notice-%s")
    try:
        if not form.is_valid():
            policy.require(request.user, "leaders.manage", leader_list)
            return render_list(request, leader_list, status=422, notice_form=form)
        open_notice(request.user, leader_list=leader_list, working_days=form.cleaned_data["working_days"])
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("名单已公示。"))
    return redirect("leaders:list", pk=leader_list.pk)


@login_required
@require_POST
def decide(request, pk: int):
    objection = _get(Objection, pk)
    form = DecisionForm(request.POST, auto_id=f"decide-{pk}-%s")
    try:
        if not form.is_valid():
            policy.require(request.user, "leaders.decide_objection", objection)
            return render_list(request, objection.leader_list, status=422, decision_forms={objection.pk: form})
        decide_objection(request.user, objection=objection, **form.cleaned_data)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("异议已处理。"))
    return redirect("leaders:list", pk=objection.leader_list_id)


@login_required
@require_POST
def publish(request, pk: int):
    leader_list = _get(LeaderList, pk)
    try:
        publish_leader_list(request.user, leader_list=leader_list)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("领跑者名单已发布。"))
    return redirect("leaders:list", pk=leader_list.pk)


urlpatterns: list[URLPattern] = [
    path("work/schemes/<int:pk>/rank/", rank, name="rank"),
    path("work/runs/<int:pk>/", run_page, name="run"),
    path("work/runs/<int:pk>/draft/", draft, name="draft"),
    path("work/lists/<int:pk>/open-notice/", notice, name="open_notice"),
    path("work/lists/<int:pk>/publish/", publish, name="publish"),
    path("work/objections/<int:pk>/decide/", decide, name="decide"),
]
