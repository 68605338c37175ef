"""The one place an item's state is assigned, with its event; and the checks every act shares."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules.feedback import MoveRefused, check

from .. import events
from ..models import Feedback, FeedbackEventKind


def require_move(item: Feedback, action: str) -> str:
    """The state `action` leads to; InvalidTransition (naming the state, the action and what is allowed) if the
    workflow does not allow it now."""
    try:
        return check(item.state, action)
    except MoveRefused as refused:
        allowed = "、".join(str(FeedbackEventKind(a).label) for a in refused.allowed) or _("无（已结束）")
        raise InvalidTransition(
            _("反馈 %(number)s 当前为“%(state)s”，不能“%(action)s”；可以办理：%(allowed)s。") % {
                "number": item.tracking_number, "state": item.get_state_display(),
                "action": FeedbackEventKind(action).label, "allowed": allowed},
            current=item.state, allowed=refused.allowed) from None


def move(item: Feedback, action: str, *, actor: Any, reason: str = "", organisation: Any = None,
         data: dict | None = None, fields: tuple[str, ...] = ()) -> None:
    """Change the state (refusing a move the workflow does not allow), save it with `fields`, write the event."""
    target = require_move(item, action)
    before = item.state
    item.state = target
    item.version += 1
    item.updated_at = clock.now()
    item.save(update_fields=["state", "version", "updated_at", *fields])
    events.moved(item, action, actor=actor, from_state=before, reason=reason, organisation=organisation, data=data)


def locked(item: Feedback) -> Feedback:
    """The item's row, locked for the rest of the transaction (a no-op on SQLite, which locks the database)."""
    return Feedback.objects.select_for_update(of=("self",)).select_related("standard", "assigned_to", "escalated_to").get(
        pk=item.pk)


def check_version(item: Feedback, expected_version: int | None) -> None:
    """Refuse an act based on an older view of the item (someone else acted meanwhile)."""
    if expected_version is not None and expected_version != item.version:
        raise ValidationFailed(_("这份反馈已被其他人办理或更新，请刷新页面查看最新情况后再办理。"), [
            {"field": "version", "message": _("页面上的反馈已过时（版本 %(seen)s，当前 %(now)s）") % {
                "seen": expected_version, "now": item.version}}])


def reason_text(reason: str, *, field: str = "reason", required: bool, what: str) -> str:
    """The reason, trimmed; ValidationFailed if it is required and empty or over 2,000 characters."""
    reason = " ".join((reason or "").split()) if "\n" not in (reason or "") else (reason or "").strip()
    if required and not reason:
        raise ValidationFailed(_("请说明理由。"), [{"field": field, "message": what}])
    if len(reason) > 2000:
        raise ValidationFailed(_("理由过长。"), [{"field": field, "message": _("理由不超过 2000 字，现有 %(n)s 字") % {
            "n": len(reason)}}])
    return reason
