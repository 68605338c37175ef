"""The one constructor of campaign events, and the one place that moves a campaign's state (with its event)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition
from biaozhun.rules import inspections as rules

from ..models import Campaign, CampaignEvent, CampaignEventKind, CampaignState

REFUSED_MOVE = _("抽查任务现处于“%(current)s”，不能转为“%(target)s”；可以转为：%(allowed)s。")


def record(campaign: Campaign | None, kind: CampaignEventKind, *, actor: Any, authority=None, reason: str = "",
           data: dict[str, Any] | None = None, from_state: str = "", to_state: str = "") -> CampaignEvent:
    return CampaignEvent.objects.create(
        campaign=campaign, authority=authority or campaign.authority, kind=kind,
        actor=actor if getattr(actor, "pk", None) else None, from_state=from_state, to_state=to_state, at=clock.now(), reason=reason, data=data or {})


def refuse_unless(campaign: Campaign, target: CampaignState) -> None:
    """InvalidTransition (409, nothing written) unless the workflow lets the campaign move to `target`."""
    try:
        rules.check_move(campaign.state, target)
    except rules.TransitionRefused as exc:
        allowed = "、".join(str(CampaignState(s).label) for s in exc.allowed) or "—"
        raise InvalidTransition(
            str(REFUSED_MOVE) % {"current": CampaignState(campaign.state).label, "target": CampaignState(target).label,
                                "allowed": allowed},
            current=campaign.state, target=str(target)) from None


def move(campaign: Campaign, target: CampaignState, kind: CampaignEventKind, *, actor: Any,
         fields: tuple[str, ...] = (), data: dict[str, Any] | None = None, reason: str = "") -> CampaignEvent:
    """Assign the state (the only place that does), save it with `fields`, and append the event."""
    refuse_unless(campaign, target)
    before = campaign.state
    campaign.state = target
    campaign.save(update_fields=["state", *fields])
    return record(campaign, kind, actor=actor, from_state=before, to_state=target, data=data, reason=reason)
