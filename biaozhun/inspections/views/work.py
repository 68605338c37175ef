"""The inspection work pages: an authority's campaigns and inspector pool, a new campaign, one campaign's page with
its moves (commit, draw, complete, publish, close), the assignment and the correction orders; an inspector's
enterprises and the findings form; evidence files served after the policy says yes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, PermissionDeniedError
from biaozhun.core.files import safe_filename, serve_file
from biaozhun.core.upload_limits import upload_limit
from biaozhun.rules import inspections as rules

from .. import selectors, services
from ..forms import CampaignForm, FindingForm, FollowUpForm, InspectorForm, PoolImportForm
from ..models import Campaign, CampaignState, CheckItem, CorrectionOrder, Finding, OrderState, SampledItem
from ..permissions import authorities_of
from ..services.abolitions import abolishable
from .public import campaign_context

MOVES = {
    "commit": (services.commit_campaign, _("承诺值和名录摘要已公布。")),
    "draw": (services.draw_campaign, _("已公开种子并完成抽取。")),
    "complete": (services.complete_inspection, _("检查已完成，请在期限内公开结果。")),
    "publish": (services.publish_results, _("抽查结果已公开，已向不符合的企业下达责令改正。")),
    "close": (services.close_campaign, _("抽查任务已结束。")),
}

MOVE_TARGETS = {"commit": CampaignState.COMMITTED, "draw": CampaignState.DRAWN, "complete": CampaignState.RESULTS_DUE,
                "publish": CampaignState.PUBLISHED, "close": CampaignState.CLOSED}


def _refused(request, exc: DomainError) -> None:
    if isinstance(exc, PermissionDeniedError):
        raise exc
    messages.error(request, exc.message)


@login_required
@require_safe
def dashboard(request):
    user = request.user
    policy.require(user, "inspections.work")
    return render(request, "inspections/work/dashboard.html", {
        "authorities": authorities_of(user), "campaigns": selectors.authority_campaigns(viewer=user)[:100],
        "items": selectors.my_items(viewer=user)[:200],
    })


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    authorities = [a for a in authorities_of(request.user) if policy.can(request.user, "inspections.create", a)]
    if not authorities:
        raise PermissionDeniedError("inspections.create", str(policy.DENIALS["inspections.create"]))
    form = CampaignForm(request.POST or None, initial={"year": clock.today().year, "rate": "0.05"})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            campaign = services.create_campaign(request.user, authority=authorities[0], **fields)
        except DomainError as exc:
            _refused(request, exc)
            for problem in getattr(exc, "errors", []):
                form.add_error(problem["field"] if problem["field"] in form.fields else None, problem["message"])
        else:
            messages.success(request, _("抽查任务已创建（草稿）。核对后公布承诺值。"))
            return redirect("inspections:work_campaign", pk=campaign.pk)
    return render(request, "inspections/work/campaign_form.html", {"form": form, "authority": authorities[0]},
                  status=422 if form.errors else 200)


def managed_campaign(request, pk: int) -> Campaign:
    """The campaign if the signed-in person acts for its authority (404 when absent, 403 when not theirs)."""
    campaign = Campaign.objects.select_related("authority").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    policy.require(request.user, "inspections.manage", campaign)
    return campaign


@login_required
@require_safe
def campaign_work(request, pk: int):
    campaign = managed_campaign(request, pk)
    context = campaign_context(request, campaign)
    if campaign.is_revealed:
        context["items"] = Paginator(selectors.sample(campaign=campaign, with_findings=True), 50).get_page(
            request.GET.get("page"))
    orders = list(selectors.orders(campaign=campaign).prefetch_related("abolitions"))
    context.update({
        "moves": [name for name, target in MOVE_TARGETS.items() if target in rules.allowed_moves(campaign.state)],
        "orders": orders, "follow_up": FollowUpForm(), "today": clock.today(),
        "open": OrderState.OPEN, "events": campaign.events.select_related("actor").order_by("-at", "-id")[:50],
        "abolishable": {o.pk for o in orders if abolishable(o) and policy.can(request.user, "inspections.abolish", o)},
        "pool_form": PoolImportForm(), "pool_size": selectors.active_pool_size(authority_id=campaign.authority_id),
        "keeps_pool": policy.can(request.user, "inspections.keep_pool", campaign.authority),
    })
    return render(request, "inspections/work/campaign.html", context)


@login_required
@require_POST
def campaign_move(request, pk: int, move: str):
    campaign = managed_campaign(request, pk)
    if move not in MOVES:
        raise Http404
    service, done = MOVES[move]
    try:
        service(request.user, campaign=campaign)
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, done)
    return redirect("inspections:work_campaign", pk=campaign.pk)


@login_required
@require_POST
def order_follow_up(request, pk: int):
    order = get_object_or_404(CorrectionOrder.objects.select_related("item__campaign"), pk=pk)
    policy.require(request.user, "inspections.manage", order)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择跟踪结果。"))
    else:
        try:
            services.follow_up_order(request.user, order=order, corrected=form.cleaned_data["corrected"],
                                     note=form.cleaned_data["note"])
        except DomainError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("已记录跟踪结果。"))
    return redirect("inspections:work_campaign", pk=order.item.campaign_id)


@login_required
@upload_limit("BIAOZHUN_MAX_DOCUMENT_BYTES", signed_in_only=True)
@require_http_methods(["GET", "POST"])
def item_findings(request, pk: int):
    """An inspector's page for one drawn enterprise: each check item with what the automatic checks suggest, and a
    form to record the finding with evidence."""
    item = get_object_or_404(SampledItem.objects.select_related("campaign", "enterprise"), pk=pk)
    policy.require(request.user, "inspections.record", item)
    status = 200
    failed = None
    if request.method == "POST":
        form = FindingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.record_finding(request.user, item=item, check_item=form.cleaned_data["check_item"],
                                        outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"],
                                        evidence=form.cleaned_data["evidence"])
            except DomainError as exc:
                _refused(request, exc)
                failed, status = (form.cleaned_data["check_item"], exc.errors if hasattr(exc, "errors") else []), \
                    exc.status
            else:
                messages.success(request, _("已记录。"))
                return redirect("inspections:work_item", pk=item.pk)
        else:
            status = 422
            messages.error(request, _("请选择检查结论。"))
    findings = {f.check_item: f for f in Finding.objects.filter(item=item)}
    rows = []
    for code in item.campaign.check_items:
        finding = findings.get(code)
        initial = {"check_item": code, "outcome": finding.outcome if finding else "", "note": finding.note if finding
                   else ""}
        rows.append({"code": code, "label": CheckItem(code).label, "finding": finding,
                     "hints": services.results.prefilled_codes(item, code), "form": FindingForm(initial=initial),
                     "problems": failed[1] if failed and failed[0] == code else []})
    return render(request, "inspections/work/item.html", {
        "item": item, "rows": rows, "recording": item.campaign.state in rules.RECORDING_STATES,
        "inspectors": item.assignments.select_related("inspector").order_by("position"),
    }, status=status)


@login_required
@require_safe
def finding_evidence(request, pk: int):
    finding = get_object_or_404(Finding.objects.select_related("item__campaign"), pk=pk)
    policy.require(request.user, "inspections.view_evidence", finding)
    if not finding.evidence:
        raise Http404
    return serve_file(finding.evidence, filename=safe_filename(finding.evidence_name or "evidence.pdf"),
                      content_type="application/pdf", restricted=True)


@login_required
@require_http_methods(["GET", "POST"])
def inspectors(request):
    authorities = [a for a in authorities_of(request.user) if policy.can(request.user, "inspections.keep_pool", a)]
    if not authorities:
        raise PermissionDeniedError("inspections.keep_pool", str(policy.DENIALS["inspections.keep_pool"]))
    form = InspectorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_inspector(request.user, authority=authorities[0], **form.cleaned_data)
        except DomainError as exc:
            _refused(request, exc)
            for problem in getattr(exc, "errors", []):
                form.add_error(problem["field"] if problem["field"] in form.fields else None, problem["message"])
        else:
            messages.success(request, _("已添加检查人员。"))
            return redirect("inspections:work_inspectors")
    page = Paginator(selectors.pool(viewer=request.user), 100).get_page(request.GET.get("page"))
    return render(request, "inspections/work/inspectors.html", {"form": form, "page": page,
                                                                "authority": authorities[0]},
                  status=422 if form.errors else 200)


urlpatterns = [
    path("work/", dashboard, name="work_dashboard"),
    path("work/new/", campaign_new, name="work_new"),
    path("work/inspectors/", inspectors, name="work_inspectors"),
    path("work/<int:pk>/", campaign_work, name="work_campaign"),
    path("work/<int:pk>/<slug:move>/", campaign_move, name="work_move"),
    path("work/items/<int:pk>/", item_findings, name="work_item"),
    path("work/findings/<int:pk>/evidence", finding_evidence, name="work_evidence"),
    path("work/orders/<int:pk>/follow-up/", order_follow_up, name="work_follow_up"),
]
