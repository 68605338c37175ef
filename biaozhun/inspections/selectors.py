"""Reads of random inspections that pages and the API share. Visibility comes from the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.accounts.models import OrganisationKind
from biaozhun.rules import inspections as rules

from .models import (
    AbolitionNotice,
    Campaign,
    CorrectionOrder,
    Finding,
    Inspector,
    ItemInspector,
    OrderState,
    SampledItem,
)
from .permissions import abolishing_authority, authorities_of


def campaigns_for(*, viewer: Any) -> QuerySet[Campaign]:
    """The campaigns a person may see, newest first."""
    return policy.visible("inspections.campaigns", viewer).select_related("authority").order_by("-year", "-id")


def campaign_for_viewer(*, viewer: Any, pk: int) -> Campaign | None:
    """The campaign if the person may see it (None: absent or hidden, answered alike)."""
    campaign = Campaign.objects.select_related("authority").filter(pk=pk).first()
    if campaign is None or not policy.can(viewer, "inspections.view", campaign):
        return None
    return campaign


def sample(*, campaign: Campaign, with_findings: bool) -> QuerySet[SampledItem]:
    """The sampled enterprises in rank order with their inspectors (and findings and order when asked)."""
    items = SampledItem.objects.filter(campaign=campaign).select_related("enterprise").prefetch_related(
        Prefetch("assignments", queryset=ItemInspector.objects.select_related("inspector").order_by("position")))
    if with_findings:
        items = items.prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("check_item")))
        items = items.select_related("order")
    return items.order_by("rank")


def outcome_counts(*, campaign: Campaign) -> dict[str, int]:
    return dict(Finding.objects.filter(item__campaign=campaign).values_list("outcome").annotate(n=Count("id"))
                .order_by())


def public_list() -> QuerySet[CorrectionOrder]:
    """Enterprises that neither disclosed nor corrected (law art. 38), newest first."""
    return CorrectionOrder.objects.filter(
        publicly_listed=True, item__campaign__state__in=sorted(rules.RESULT_STATES)).select_related(
        "item__enterprise", "item__campaign__authority").order_by("-followed_up_at", "-id")


def my_items(*, viewer: Any) -> QuerySet[SampledItem]:
    """The enterprises an inspector was drawn for, in campaigns under inspection, with their finding counts."""
    return SampledItem.objects.filter(
        assignments__inspector__user=viewer, campaign__state__in=sorted(rules.RECORDING_STATES)).select_related(
        "enterprise", "campaign").annotate(recorded=Count("findings", distinct=True)).order_by("campaign_id", "rank")


def authority_campaigns(*, viewer: Any) -> QuerySet[Campaign]:
    authorities = [a.pk for a in authorities_of(viewer)]
    return Campaign.objects.filter(authority__in=authorities).select_related("authority").annotate(
        sampled=Count("items")).order_by("-year", "-id")


def pool(*, viewer: Any) -> QuerySet[Inspector]:
    authorities = [a.pk for a in authorities_of(viewer)]
    return Inspector.objects.filter(authority__in=authorities).select_related("authority", "user").order_by(
        "authority_id", "number")


def orders(*, campaign: Campaign) -> QuerySet[CorrectionOrder]:
    return CorrectionOrder.objects.filter(item__campaign=campaign).select_related("item__enterprise").order_by(
        "item__rank")



def authority_pool(*, authority_id: int) -> QuerySet[Inspector]:
    """One authority's whole pool by 执法证号 (the import template lists it)."""
    return Inspector.objects.filter(authority=authority_id).order_by("number")


def active_pool_size(*, authority_id: int) -> int:
    return Inspector.objects.filter(authority=authority_id, is_active=True).count()


def abolition_notices() -> QuerySet[AbolitionNotice]:
    """Abolition notices (law art. 39), newest first: public from their publication."""
    return AbolitionNotice.objects.select_related("authority", "enterprise", "order__item__campaign",
                                                  "standard").order_by(
        "-published_at", "-id")


def abolition_notice(*, number: str) -> AbolitionNotice | None:
    return abolition_notices().filter(number=number).first()


def orders_to_abolish(*, viewer: Any) -> list[CorrectionOrder]:
    """Correction orders not followed that name a non-conformity art. 39 covers, in regions where the person may
    abolish (the national administration: all; a provincial bureau: its province), oldest deadline first, with the
    notices already made under each."""
    orders = CorrectionOrder.objects.filter(state=OrderState.NOT_CORRECTED).select_related(
        "item__enterprise", "item__campaign__authority").prefetch_related("abolitions").order_by("deadline", "id")
    provinces = None if abolishing_authority(viewer, "") is not None else [
        m.organisation.region_code for m in viewer.memberships_of_kind(OrganisationKind.BUREAU)]
    if provinces is not None:
        region = Q()
        for province in provinces:
            region |= Q(item__region_code__startswith=province)
        orders = orders.filter(region) if provinces else orders.none()
    return [o for o in orders[:500] if rules.abolition_grounds(o.check_items, corrected=False)
            and abolishing_authority(viewer, o.item.region_code) is not None]
