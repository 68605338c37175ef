"""The inspection and its results: inspectors record findings per check item (with evidence); the authority
closes the inspection, publishes the results (correction orders go to every enterprise with a non-conformity),
follows the orders up, and closes the campaign."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed
from biaozhun.core.uploads import FileRejected, check_pdf
from biaozhun.declarations.models import Declaration, DeclarationState
from biaozhun.rules import inspections as rules

from .. import limits
from ..models import (
    Campaign,
    CampaignEventKind,
    CampaignState,
    CorrectionOrder,
    Finding,
    OrderState,
    Outcome,
    SampledItem,
)
from . import events


def prefilled_codes(item: SampledItem, check_item: str) -> list[str]:
    """The automatic-check codes of the enterprise's published declarations that bear on the check item."""
    codes: set[str] = set()
    for checks in Declaration.objects.filter(enterprise=item.enterprise_id, state=DeclarationState.PUBLISHED
                                             ).values_list("checks", flat=True):
        codes.update(rules.prefill(rules.CheckItem(check_item), list(checks or [])))
    return sorted(codes)


@transaction.atomic
def record_finding(actor: Any, *, item: SampledItem, check_item: str, outcome: str, note: str = "",
                   evidence: UploadedFile | None = None) -> Finding:
    """Record (or correct) the finding of one check item while the inspection is under way."""
    policy.require(actor, "inspections.record", item)
    campaign = Campaign.objects.select_for_update().get(pk=item.campaign_id)
    if campaign.state not in rules.RECORDING_STATES:
        raise InvalidTransition(_("检查结果只能在抽取后、检查完成前记录。"), current=campaign.state)
    errors = []
    if check_item not in campaign.check_items:
        errors.append({"field": "check_item", "message": _("这一项不在本次抽查的检查事项中。")})
    if outcome not in Outcome.values:
        errors.append({"field": "outcome", "message": _("请选择检查结论：符合、不符合或不适用。")})
    if outcome == Outcome.NON_CONFORMING and not note.strip():
        errors.append({"field": "note", "message": _("结论为不符合时，请写明不符合的情况。")})
    content = b""
    if evidence is not None:
        content = evidence.read()
        try:
            check_pdf(content, label=str(_("证据材料")))
        except FileRejected as exc:
            errors.append({"field": "evidence", "message": str(exc)})
    if errors:
        raise ValidationFailed(errors[0]["message"], errors)
    finding = Finding.objects.filter(item=item, check_item=check_item).first() or Finding(
        item=item, check_item=check_item)
    finding.outcome, finding.note = outcome, note.strip()
    finding.prefilled_codes = prefilled_codes(item, check_item)
    finding.recorded_by, finding.recorded_at = actor, clock.now()
    if evidence is not None:
        finding.evidence.save("evidence.pdf", ContentFile(content, name="evidence.pdf"), save=False)
        finding.evidence_name = (evidence.name or "evidence.pdf")[:200]
        finding.evidence_sha256 = hashlib.sha256(content).hexdigest()
    finding.save()
    events.record(campaign, CampaignEventKind.FINDING_RECORDED, actor=actor, data={
        "item": item.pk, "check_item": check_item, "outcome": outcome})
    return finding


@transaction.atomic
def complete_inspection(actor: Any, *, campaign: Campaign) -> Campaign:
    """The inspection is done: every sampled enterprise has a finding for every check item."""
    policy.require(actor, "inspections.manage", campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    events.refuse_unless(campaign, CampaignState.RESULTS_DUE)
    expected = campaign.items.count() * len(campaign.check_items)
    recorded = Finding.objects.filter(item__campaign=campaign, check_item__in=campaign.check_items).count()
    if recorded < expected:
        message = _("还有 %(missing)s 项检查结果没有记录；检查人员记录全部检查事项后才能完成检查。") % {
            "missing": expected - recorded}
        raise RequirementsUnmet(message, [{"requirement": "findings", "message": message}])
    events.move(campaign, CampaignState.RESULTS_DUE, CampaignEventKind.INSPECTED, actor=actor)
    return campaign


@transaction.atomic
def publish_results(actor: Any, *, campaign: Campaign) -> Campaign:
    """Publish the findings; order every enterprise with a non-conformity to correct it by the deadline."""
    policy.require(actor, "inspections.manage", campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    events.refuse_unless(campaign, CampaignState.PUBLISHED)
    today = clock.today()
    deadline = limits.correction_deadline(today)
    failing: dict[int, list[str]] = {}
    for item_id, check_item in Finding.objects.filter(item__campaign=campaign, outcome=Outcome.NON_CONFORMING
                                                      ).order_by("item_id", "check_item").values_list(
            "item_id", "check_item"):
        failing.setdefault(item_id, []).append(check_item)
    CorrectionOrder.objects.bulk_create([
        CorrectionOrder(item_id=item_id, check_items=items, issued_at=clock.now(), deadline=deadline)
        for item_id, items in failing.items()])
    campaign.published_at = clock.now()
    events.move(campaign, CampaignState.PUBLISHED, CampaignEventKind.PUBLISHED, actor=actor,
                fields=("published_at",), data={"orders": len(failing), "deadline": deadline.isoformat(),
                                                "on_time": campaign.results_due_on is None
                                                or today <= campaign.results_due_on})
    return campaign


@transaction.atomic
def follow_up_order(actor: Any, *, order: CorrectionOrder, corrected: bool, note: str = "") -> CorrectionOrder:
    """Record whether the enterprise corrected. Not corrected (only after the deadline) with a non-disclosure among
    its items puts the enterprise on the public list (law art. 38)."""
    policy.require(actor, "inspections.manage", order)
    order = CorrectionOrder.objects.select_for_update().select_related("item__campaign").get(pk=order.pk)
    campaign = order.item.campaign
    if campaign.state != CampaignState.PUBLISHED or order.state != OrderState.OPEN:
        raise InvalidTransition(_("这份责令改正已经跟踪过，或抽查任务已结束。"), current=order.state)
    if not corrected and clock.today() <= order.deadline:
        message = _("改正期限（%(deadline)s）届满后才能认定逾期未改正。") % {"deadline": order.deadline.isoformat()}
        raise ValidationFailed(message, [{"field": "corrected", "message": message}])
    order.state = OrderState.CORRECTED if corrected else OrderState.NOT_CORRECTED
    order.followed_up_at, order.follow_up_note = clock.now(), note.strip()
    order.publicly_listed = not corrected and bool(set(order.check_items) & rules.PUBLIC_LIST_ITEMS)
    order.save(update_fields=["state", "followed_up_at", "follow_up_note", "publicly_listed"])
    events.record(campaign, CampaignEventKind.ORDER_FOLLOWED_UP, actor=actor, reason=order.follow_up_note,
                  data={"order": order.pk, "outcome": order.state, "listed": order.publicly_listed})
    return order


@transaction.atomic
def close_campaign(actor: Any, *, campaign: Campaign) -> Campaign:
    """Close a published campaign once every correction order has been followed up."""
    policy.require(actor, "inspections.manage", campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    events.refuse_unless(campaign, CampaignState.CLOSED)
    open_orders = CorrectionOrder.objects.filter(item__campaign=campaign, state=OrderState.OPEN).count()
    if open_orders:
        message = _("还有 %(count)s 份责令改正没有跟踪结果。") % {"count": open_orders}
        raise RequirementsUnmet(message, [{"requirement": "orders", "message": message}])
    campaign.closed_at = clock.now()
    events.move(campaign, CampaignState.CLOSED, CampaignEventKind.CLOSED, actor=actor, fields=("closed_at",))
    return campaign

