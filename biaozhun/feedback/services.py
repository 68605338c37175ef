"""Receive implementation feedback: stored with its reply deadline in working days, acknowledged by email (queued
in the transaction that stores it: core.outbox)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.reference.selectors import working_calendar

from .models import Feedback, FeedbackCategory
from .tasks import acknowledge_feedback

MIN_TEXT = 10
MAX_TEXT = 5000


@transaction.atomic
def submit_feedback(*, actor, standard: Standard, category: str, text: str, clause: str = "") -> Feedback:
    policy.require(actor, "feedback.submit", standard)
    text, clause = text.strip(), clause.strip()
    problems = []
    if category not in FeedbackCategory.values:
        problems.append({"field": "category", "message": _("请选择反馈类型：%(choices)s") % {
            "choices": "、".join(str(label) for label in FeedbackCategory.labels)}})
    if len(text) < MIN_TEXT:
        problems.append({"field": "text", "message": _("请至少写 %(min)s 个字，说明哪里有问题、在哪一条款") % {
            "min": MIN_TEXT}})
    if len(text) > MAX_TEXT:
        problems.append({"field": "text", "message": _("最多 %(max)s 个字，现有 %(length)s 个；请精简后再提交") % {
            "max": MAX_TEXT, "length": len(text)}})
    if problems:
        raise ValidationFailed(_("反馈未能提交，请按提示修改。"), problems)
    received = clock.now()
    due = working_calendar().add_working_days(clock.today(), settings.BIAOZHUN_FEEDBACK_REPLY_WORKING_DAYS)
    feedback = Feedback.objects.create(standard=standard, author=actor, category=category, clause=clause[:50],
                                       text=text, received_at=received, reply_due=due.day,
                                       reply_due_approximate=due.approximate)
    enqueue_with_transaction(acknowledge_feedback, feedback.pk)
    return feedback
