"""What handlers do with an item: acknowledge, answer, close, merge a duplicate, reject with a reason, reassign
with a reason; and what the national administration does with an item nobody was found for: route it by hand.

Each act asks the policy, re-reads the item under a row lock, refuses a move the workflow does not allow
(services/states.py, naming what is allowed) or an act on an older view of the item (`expected_version`), and
writes its one event in the same transaction. A refused act writes nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.feedback import ANSWERED_STATES, ENDED, Action, answer_working_days

from .. import limits
from ..handlers import HANDLER_KINDS
from ..models import Feedback, FeedbackState
from .states import check_version, locked, move, reason_text, require_move

MIN_ANSWER = 10
MAX_ANSWER = 10_000


def _handler(organisation: Organisation | None, *, current: int | None) -> Organisation:
    if organisation is None:
        raise ValidationFailed(_("请选择承办单位。"), [{"field": "organisation", "message": _("请选择承办单位")}])
    if organisation.kind not in HANDLER_KINDS:
        raise ValidationFailed(_("“%(name)s”不是办理反馈的单位。") % {"name": organisation.name}, [
            {"field": "organisation", "message": _("请选择技术委员会秘书处、主管部门、市场监管部门、发布团体或国家标准委")}])
    if organisation.pk == current:
        raise ValidationFailed(_("反馈已由“%(name)s”办理。") % {"name": organisation.name}, [
            {"field": "organisation", "message": _("请选择另一个承办单位")}])
    return organisation


@transaction.atomic
def route_feedback(*, actor: Any, item: Feedback, organisation: Organisation | None, reason: str = "") -> Feedback:
    """Route by hand an item the routing table found no handler for (the national administration)."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.oversee", item)
    require_move(item, Action.ROUTE)
    organisation = _handler(organisation, current=None)
    item.assigned_to, item.routed_at = organisation, clock.now()
    move(item, Action.ROUTE, actor=actor, organisation=organisation, reason=reason_text(reason, required=False, what=""),
         data={"rule": None, "target": "organisation"}, fields=("assigned_to", "routed_at"))
    return item


@transaction.atomic
def reassign_feedback(*, actor: Any, item: Feedback, organisation: Organisation | None, reason: str,
                      expected_version: int | None = None) -> Feedback:
    """Give the item to another handler, saying why; the new handler acknowledges it again. The deadlines keep
    running from the day it was received."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.reassign", item)
    check_version(item, expected_version)
    require_move(item, Action.REASSIGN)
    organisation = _handler(organisation, current=item.assigned_to_id)
    why = reason_text(reason, required=True, what=_("请说明改派理由，新的承办单位会看到它"))
    before = item.assigned_to
    item.assigned_to, item.routed_at, item.acknowledged_at = organisation, clock.now(), None
    move(item, Action.REASSIGN, actor=actor, organisation=organisation, reason=why,
         data={"rule": None, "target": "organisation", "from": before.pk if before else None},
         fields=("assigned_to", "routed_at", "acknowledged_at"))
    return item


@transaction.atomic
def acknowledge_feedback(*, actor: Any, item: Feedback, expected_version: int | None = None) -> Feedback:
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.handle", item)
    check_version(item, expected_version)
    require_move(item, Action.ACKNOWLEDGE)
    item.acknowledged_at = clock.now()
    move(item, Action.ACKNOWLEDGE, actor=actor, fields=("acknowledged_at",))
    return item


@transaction.atomic
def answer_feedback(*, actor: Any, item: Feedback, answer: str, expected_version: int | None = None) -> Feedback:
    """Answer the person who wrote (emailed to them); answering acknowledges an item not yet acknowledged."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.handle", item)
    check_version(item, expected_version)
    require_move(item, Action.ANSWER)
    answer = (answer or "").strip()
    if not MIN_ANSWER <= len(answer) <= MAX_ANSWER:
        raise ValidationFailed(_("答复未能发送，请按提示修改。"), [{"field": "answer", "message": _(
            "答复写 %(min)s 至 %(max)s 字，说明采纳与否及理由；现有 %(n)s 字") % {
            "min": MIN_ANSWER, "max": MAX_ANSWER, "n": len(answer)}}])
    now = clock.now()
    days = answer_working_days(timezone.localdate(item.received_at), clock.today(), limits.calendar())
    item.answer, item.answered_at, item.answered_by = answer, now, item.assigned_to
    item.acknowledged_at = item.acknowledged_at or now
    item.answer_working_days, item.answered_late = days, clock.today() > item.answer_due
    move(item, Action.ANSWER, actor=actor, data={"working_days": days, "late": item.answered_late},
         fields=("answer", "answered_at", "answered_by", "acknowledged_at", "answer_working_days", "answered_late"))
    return item


@transaction.atomic
def close_feedback(*, actor: Any, item: Feedback, reason: str = "", automatic: bool = False) -> Feedback:
    """Close an answered item: the handler, the person who wrote (satisfied), or the platform after the time
    limit."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.close", item)
    require_move(item, Action.CLOSE)
    item.closed_at = clock.now()
    move(item, Action.CLOSE, actor=actor, reason=reason_text(reason, required=False, what=""),
         data={"automatic": automatic}, fields=("closed_at",))
    return item


@transaction.atomic
def merge_feedback(*, actor: Any, item: Feedback, into: Feedback | None, reason: str = "",
                   expected_version: int | None = None) -> Feedback:
    """Follow a duplicate under another item on the same standard (whose answer then counts for both)."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.handle", item)
    check_version(item, expected_version)
    require_move(item, Action.MERGE)
    problem = None
    if into is None:
        problem = _("请填写要合并到的反馈的查询编号")
    elif into.pk == item.pk:
        problem = _("不能合并到自身")
    elif into.standard_id != item.standard_id:
        problem = _("只能合并到同一标准的反馈（%(number)s 是关于 %(other)s 的）") % {
            "number": into.tracking_number, "other": into.standard.identifier}
    elif into.state in (FeedbackState.MERGED, FeedbackState.REJECTED):
        problem = _("%(number)s 本身已合并或不予受理，请合并到仍在办理或已答复的反馈") % {"number": into.tracking_number}
    if problem:
        raise ValidationFailed(_("未能合并。"), [{"field": "into", "message": problem}])
    item.duplicate_of, item.closed_at = into, clock.now()
    item.resolution_reason = reason_text(reason, required=False, what="")
    move(item, Action.MERGE, actor=actor, reason=item.resolution_reason, data={"into": into.tracking_number},
         fields=("duplicate_of", "closed_at", "resolution_reason"))
    return item


@transaction.atomic
def reject_feedback(*, actor: Any, item: Feedback, reason: str, expected_version: int | None = None) -> Feedback:
    """Not take an item up (it is not about the standard, or not feedback at all), saying why to the person."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.handle", item)
    check_version(item, expected_version)
    require_move(item, Action.REJECT)
    item.resolution_reason = reason_text(reason, required=True, what=_("请说明不予受理的理由，反馈人会收到它"))
    item.closed_at = clock.now()
    move(item, Action.REJECT, actor=actor, reason=item.resolution_reason, fields=("resolution_reason", "closed_at"))
    return item


def is_ended(item: Feedback) -> bool:
    return item.state in ENDED


def is_answered(item: Feedback) -> bool:
    return item.state in ANSWERED_STATES
