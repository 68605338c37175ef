"""The public pages of random inspections (双随机、一公开): the campaigns, one campaign with its commitment and,
after the draw, everything needed to check it (seed, digests, parameters, algorithm, snapshots, the offline
command, a server-side re-run), its results once published, and the list of enterprises that neither disclosed
nor corrected (law art. 38)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.core import ratelimit
from biaozhun.core.files import serve_file
from biaozhun.rules import draw as pure

from .. import drawing, selectors
from ..models import CampaignState, CheckItem

PAGE_ROWS = 50
VERIFY_RETRY_SECONDS = 30


def _campaign(request, pk: int):
    campaign = selectors.campaign_for_viewer(viewer=request.user, pk=pk)
    if campaign is None:
        raise Http404
    return campaign


@require_safe
def campaign_list(request):
    page = Paginator(selectors.campaigns_for(viewer=request.user), PAGE_ROWS).get_page(request.GET.get("page"))
    return render(request, "inspections/public/list.html", {"page": page})


def campaign_context(request, campaign) -> dict:
    revealed = policy.can(request.user, "inspections.view_draw", campaign) and campaign.is_revealed
    results = campaign.results_public
    items = None
    if revealed:
        items = Paginator(selectors.sample(campaign=campaign, with_findings=results), PAGE_ROWS).get_page(
            request.GET.get("page"))
    return {
        "campaign": campaign, "revealed": revealed, "results": results, "items": items,
        "algorithm": pure.__doc__, "command": drawing.offline_command_text(campaign) if revealed else "",
        "check_items": [(code, CheckItem(code).label) for code in campaign.check_items],
        "counts": selectors.outcome_counts(campaign=campaign) if results else {},
        "states": CampaignState,
    }


@require_safe
def campaign_detail(request, pk: int):
    campaign = _campaign(request, pk)
    return render(request, "inspections/public/detail.html", campaign_context(request, campaign))


@require_safe
def campaign_verify(request, pk: int):
    """Re-run the draw server-side from the stored snapshots and the revealed seed; show match or mismatch. The re-run
    is kept per campaign (its inputs never change) and compared with the stored sample on every request; only a
    request that would re-run it counts against the rate limit (BIAOZHUN_RATE_VERIFY), and while one re-runs it the
    others are asked to come back shortly."""
    campaign = _campaign(request, pk)
    policy.require(request.user, "inspections.view_draw", campaign)
    if not campaign.is_revealed:
        raise Http404
    drawn = drawing.cached_rerun(campaign)
    if drawn is None:
        verdict = ratelimit.hit("inspections_verify", ratelimit.by_user_or_address(request),
                                settings.BIAOZHUN_RATE_VERIFY)
        if not verdict.allowed:
            return ratelimit.too_many_requests(request, verdict.retry_after)
        drawn = drawing.rerun_once(campaign)
    if drawn is None:
        response = render(request, "inspections/public/verify_running.html", {
            "campaign": campaign, "seconds": VERIFY_RETRY_SECONDS}, status=503)
        response["Retry-After"] = str(VERIFY_RETRY_SECONDS)
        return response
    return render(request, "inspections/public/verify.html", {"campaign": campaign,
                                                              "result": drawing.verification(campaign, drawn)})


def _snapshot(request, pk: int, which: str):
    campaign = _campaign(request, pk)
    policy.require(request.user, "inspections.view_draw", campaign)
    file = campaign.population_file if which == "population" else campaign.inspectors_file
    if not file:
        raise Http404
    return serve_file(file, filename=f"campaign-{campaign.pk}-{which}.jsonl", content_type="application/jsonl",
                      restricted=not campaign.is_revealed)


@require_safe
def population_snapshot(request, pk: int):
    return _snapshot(request, pk, "population")


@require_safe
def inspectors_snapshot(request, pk: int):
    return _snapshot(request, pk, "inspectors")


@require_safe
def public_list(request):
    page = Paginator(selectors.public_list(), PAGE_ROWS).get_page(request.GET.get("page"))
    for order in page.object_list:
        order.labels = [CheckItem(code).label for code in order.check_items if code in CheckItem.values]
    return render(request, "inspections/public/non_compliance.html", {"page": page})


urlpatterns = [
    path("", campaign_list, name="list"),
    path("non-compliance/", public_list, name="non_compliance"),
    path("<int:pk>/", campaign_detail, name="detail"),
    path("<int:pk>/verify/", campaign_verify, name="verify"),
    path("<int:pk>/population.jsonl", population_snapshot, name="population_snapshot"),
    path("<int:pk>/inspectors.jsonl", inspectors_snapshot, name="inspectors_snapshot"),
]
