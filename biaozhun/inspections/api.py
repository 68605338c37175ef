"""Random inspections API (/api/v1/inspections/): public reads. Campaigns from their commitment on; the seed, the
digests' files, the sample and the assignment from the draw on; findings from publication. A draft, or a
campaign not found, is 404 alike."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND
from biaozhun.core.errors import NotFoundError

from . import selectors
from .models import CampaignState

router = Router(tags=["inspections"])
MAX_LIMIT = 100


class Page(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class CampaignOut(Schema):
    id: int
    year: int
    title: str
    authority: str
    state: CampaignState
    commitment: str = Field(description="SHA-256 of the secret seed, announced before the draw")
    population_sha256: str
    inspectors_sha256: str
    parameters: dict[str, Any]
    committed_at: datetime | None
    results_due_on: date | None
    url: str


class CampaignListOut(Schema):
    count: int
    items: list[CampaignOut]


class InspectionFindingOut(Schema):
    check_item: str
    outcome: str
    note: str


class ItemOut(Schema):
    rank: int
    key: str = Field(description="the enterprise's USCC")
    enterprise: str
    inspectors: list[str] = Field(description="inspector numbers, in the draw's order")
    findings: list[InspectionFindingOut] | None = Field(description="null until the results are published")
    correction: str | None = Field(description="open, corrected, not_corrected; null without an order")


class CampaignDetailOut(CampaignOut):
    seed: str | None = Field(description="revealed at the draw; null before")
    drawn_at: datetime | None
    result: dict[str, Any] | None = Field(description="the draw's summary (population, eligible, parameters)")
    population_url: str | None
    inspectors_url: str | None
    verify_url: str | None
    items: list[ItemOut] | None = Field(description="the sample in rank order (a page of it); null before the draw")


def _campaign(campaign) -> dict[str, Any]:
    return {"id": campaign.pk, "year": campaign.year, "title": campaign.title, "authority": campaign.authority.name,
            "state": campaign.state, "commitment": campaign.commitment,
            "population_sha256": campaign.population_sha256, "inspectors_sha256": campaign.inspectors_sha256,
            "parameters": campaign.parameters, "committed_at": campaign.committed_at,
            "results_due_on": campaign.results_due_on, "url": campaign.get_absolute_url()}


@router.get("/", response={200: CampaignListOut, **ERRORS}, summary="Random inspection campaigns, newest first")
def campaign_list(request, page: Query[Page]):
    campaigns = selectors.campaigns_for(viewer=request.user)
    return {"count": campaigns.count(),
            "items": [_campaign(c) for c in campaigns[page.offset:page.offset + page.limit]]}


@router.get("/{campaign_id}", response={200: CampaignDetailOut, **NOT_FOUND, **ERRORS},
            summary="One campaign: its commitment; after the draw the seed, files and sample; then the results")
def campaign_detail(request, campaign_id: int, page: Query[Page]):
    campaign = selectors.campaign_for_viewer(viewer=request.user, pk=campaign_id)
    if campaign is None:
        raise NotFoundError(_("没有这个抽查任务。"))
    out = _campaign(campaign)
    revealed = campaign.is_revealed and policy.can(request.user, "inspections.view_draw", campaign)
    out.update({"seed": campaign.seed_revealed if revealed else None, "drawn_at": campaign.drawn_at,
                "result": campaign.result if revealed else None, "items": None,
                "population_url": None, "inspectors_url": None, "verify_url": None})
    if revealed:
        out.update({name + "_url": reverse(f"inspections:{name}_snapshot", args=[campaign.pk])
                    for name in ("population", "inspectors")})
        out["verify_url"] = reverse("inspections:verify", args=[campaign.pk])
        results = campaign.results_public
        items = selectors.sample(campaign=campaign, with_findings=results)[page.offset:page.offset + page.limit]
        out["items"] = [{
            "rank": item.rank, "key": item.key, "enterprise": item.enterprise.name,
            "inspectors": [a.inspector.number for a in item.assignments.all()],
            "findings": [{"check_item": f.check_item, "outcome": f.outcome, "note": f.note}
                         for f in item.findings.all()] if results else None,
            "correction": (getattr(item, "order", None).state if results and hasattr(item, "order") else None),
        } for item in items]
    return out


class ListedOut(Schema):
    enterprise: str
    uscc: str
    check_items: list[str]
    deadline: date
    campaign_id: int
    authority: str


class ListedListOut(Schema):
    count: int
    items: list[ListedOut]


@router.get("/non-compliance/", response={200: ListedListOut, **ERRORS},
            summary="Enterprises that neither disclosed nor corrected (law art. 38)")
def non_compliance_list(request, page: Query[Page]):
    orders = selectors.public_list()
    return {"count": orders.count(), "items": [{
        "enterprise": o.item.enterprise.name, "uscc": o.item.key, "check_items": o.check_items,
        "deadline": o.deadline, "campaign_id": o.item.campaign_id, "authority": o.item.campaign.authority.name,
    } for o in orders[page.offset:page.offset + page.limit]]}


class AbolitionOut(Schema):
    number: str = Field(description="the notice's number, YYYY-NNNN")
    kind: str = Field(description="enterprise (an enterprise's own standard) or group (a group standard)")
    identifier: str
    title: str
    publisher: str = Field(description="who made the standard: the enterprise or the social organisation")
    enterprise: str = Field(description="the enterprise whose inspection found the non-conformity")
    uscc: str
    authority: str = Field(description="the provincial-or-higher administration that decided")
    decided_on: date
    published_at: datetime
    reason: str
    campaign_id: int
    url: str
    declaration_url: str | None = Field(description="the enterprise standard's declaration page (kind enterprise)")
    standard_url: str | None = Field(description="the group standard's catalogue page (kind group)")


class AbolitionListOut(Schema):
    count: int
    items: list[AbolitionOut]


def _abolition(notice) -> dict[str, Any]:
    return {"number": notice.number, "kind": notice.kind, "identifier": notice.identifier, "title": notice.title,
            "publisher": notice.publisher, "enterprise": notice.enterprise.name, "uscc": notice.enterprise.uscc,
            "authority": notice.authority.name, "decided_on": notice.decided_on, "published_at": notice.published_at,
            "reason": notice.reason, "campaign_id": notice.order.item.campaign_id, "url": notice.get_absolute_url(),
            "declaration_url": reverse("declarations:detail", args=[notice.declaration_id])
            if notice.declaration_id else None,
            "standard_url": notice.standard.get_absolute_url() if notice.standard_id else None}


@router.get("/abolitions/", response={200: AbolitionListOut, **ERRORS},
            summary="Group and enterprise standards abolished under law art. 39 (废止公示), newest first")
def abolition_list(request, page: Query[Page]):
    notices = selectors.abolition_notices()
    return {"count": notices.count(), "items": [_abolition(n) for n in notices[page.offset:page.offset + page.limit]]}


@router.get("/abolitions/{notice_number}", response={200: AbolitionOut, **NOT_FOUND, **ERRORS},
            summary="One abolition notice (law art. 39)")
def abolition_detail(request, notice_number: str):
    notice = selectors.abolition_notice(number=notice_number)
    if notice is None:
        raise NotFoundError(_("没有这个废止公示。"))
    return _abolition(notice)
