"""Answers published on the standard's public page as interpretations (解读) or FAQ entries, by the handler who
answered; withdrawn (never deleted) when they no longer hold. The question is written for the public by the
handler: the person who wrote is never named, and their words are not copied unless the handler chooses to."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules.feedback import ANSWERED_STATES

from .. import events
from ..models import Feedback, FeedbackEventKind, Interpretation, InterpretationKind
from .states import locked, reason_text


@transaction.atomic
def publish_interpretation(*, actor: Any, item: Feedback, kind: str, question: str, answer: str = "",
                           clause: str = "") -> Interpretation:
    """Publish the item's answer (or an edited version of it) under a question written for the public."""
    item = locked(item)  # the policy judges the row as it is now (it may have been passed on)
    policy.require(actor, "feedback.handle", item)
    if item.state not in ANSWERED_STATES or not item.answer:
        raise InvalidTransition(_("只有已答复的反馈可以发布为解读；请先答复。"), current=item.state, allowed=[])
    question, answer, clause = (question or "").strip(), (answer or item.answer).strip(), (clause or item.clause).strip()
    problems = []
    if kind not in InterpretationKind.values:
        problems.append({"field": "kind", "message": _("请选择：%(choices)s") % {
            "choices": "、".join(str(label) for label in InterpretationKind.labels)}})
    if not 5 <= len(question) <= 500:
        problems.append({"field": "question", "message": _("请写出面向公众的问题（5 至 500 字），不写反馈人的姓名或单位")})
    if not 10 <= len(answer) <= 10_000:
        problems.append({"field": "answer", "message": _("解答写 10 至 10000 字")})
    if len(clause) > 50:
        problems.append({"field": "clause", "message": _("条款编号不超过 50 字，如 5.2.1")})
    if problems:
        raise ValidationFailed(_("解读未能发布，请按提示修改。"), problems)
    interpretation = Interpretation.objects.create(
        standard=item.standard, feedback=item, kind=kind, clause=clause, question=question, answer=answer,
        published_by=item.answered_by or item.assigned_to, published_at=clock.now())
    events.interpretation(item, FeedbackEventKind.INTERPRETATION_PUBLISHED, actor=actor,
                          interpretation_id=interpretation.pk)
    return interpretation


@transaction.atomic
def withdraw_interpretation(*, actor: Any, interpretation: Interpretation, reason: str) -> Interpretation:
    """Take an interpretation off the standard's page (it stays in the record), saying why."""
    item = interpretation.feedback
    if not policy.can(actor, "feedback.oversee", item):
        policy.require(actor, "feedback.handle", item)
    interpretation = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    if interpretation.withdrawn_at is not None:
        raise InvalidTransition(_("该解读已撤回。"), current="withdrawn", allowed=[])
    why = reason_text(reason, required=True, what=_("请说明撤回理由"))
    interpretation.withdrawn_at = clock.now()
    interpretation.save(update_fields=["withdrawn_at"])
    events.interpretation(item, FeedbackEventKind.INTERPRETATION_WITHDRAWN, actor=actor,
                          interpretation_id=interpretation.pk, reason=why)
    return interpretation
