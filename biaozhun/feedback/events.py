"""One constructor per kind of feedback event; feedback services record history only through these (the actor, the
time from core.clock, the states, the organisation an item went to, why, and the documented ``data`` keys of
FeedbackEvent). An event someone must hear of queues its email in the same transaction (feedback/notify.py)."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.outbox import enqueue_with_transaction

from .models import Feedback, FeedbackEvent, FeedbackEventKind, FeedbackSettingEvent
from .notify import MAILED, notify_feedback_event


def _record(item: Feedback, kind: str, *, actor: Any, from_state: str = "", to_state: str = "",
            organisation: Any = None, reason: str = "", data: dict[str, Any] | None = None) -> FeedbackEvent:
    event = FeedbackEvent.objects.create(feedback=item, kind=kind, actor=user_or_none(actor), at=clock.now(),
                                         from_state=from_state, to_state=to_state, organisation=organisation,
                                         reason=reason, data=data or {})
    if kind in MAILED and not clock.replaying():
        enqueue_with_transaction(notify_feedback_event, event.pk)
    return event


def received(item: Feedback, *, actor: Any, attachments: int) -> FeedbackEvent:
    return _record(item, FeedbackEventKind.RECEIVED, actor=actor, to_state=item.state,
                   data={"attachments": attachments, "signed_in": item.author_id is not None})


def moved(item: Feedback, kind: str, *, actor: Any, from_state: str, reason: str = "", organisation: Any = None,
          data: dict[str, Any] | None = None) -> FeedbackEvent:
    """A state change: routed / reassigned {"rule", "target"} (with the organisation), acknowledged, answered
    {"working_days", "late"}, closed {"automatic"}, merged {"into"}, rejected."""
    return _record(item, kind, actor=actor, from_state=from_state, to_state=item.state, organisation=organisation,
                   reason=reason, data=data)


def reminded(item: Feedback, *, actor: Any, deadline: str, due: str) -> FeedbackEvent:
    return _record(item, FeedbackEventKind.REMINDED, actor=actor, organisation=item.assigned_to,
                   data={"deadline": deadline, "due": due})


def escalated(item: Feedback, *, actor: Any, deadline: str, due: str) -> FeedbackEvent:
    return _record(item, FeedbackEventKind.ESCALATED, actor=actor, organisation=item.escalated_to,
                   data={"deadline": deadline, "due": due, "level": item.escalation_level})


def interpretation(item: Feedback, kind: str, *, actor: Any, interpretation_id: int, reason: str = "") -> FeedbackEvent:
    return _record(item, kind, actor=actor, reason=reason, data={"interpretation": interpretation_id})


def access_code_sent(item: Feedback, *, actor: Any) -> FeedbackEvent:
    return _record(item, FeedbackEventKind.ACCESS_CODE_SENT, actor=actor)


def setting(kind: str, *, actor: Any, limit: Any = None, rule: Any = None, subscription: Any = None,
            data: dict[str, Any] | None = None) -> FeedbackSettingEvent:
    return FeedbackSettingEvent.objects.create(kind=kind, actor=user_or_none(actor), at=clock.now(), limit=limit,
                                               rule=rule, subscription=subscription, data=data or {})
