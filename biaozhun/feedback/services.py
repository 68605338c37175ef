"""Receive implementation feedback: stored with its reply deadline in working days, acknowledged by email."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard
from biaozhun.core.errors import ValidationFailed
from biaozhun.reference.selectors import working_calendar

from .models import Feedback, FeedbackCategory

MAX_TEXT = 5000


@transaction.atomic
def submit_feedback(*, actor, standard: Standard, category: str, text: str, clause: str = "") -> Feedback:
    policy.require(actor, "feedback.submit", standard)
    text, clause = text.strip(), clause.strip()
    problems = []
    if category not in FeedbackCategory.values:
        problems.append({"field": "category", "message": f"one of {', '.join(FeedbackCategory.values)}"})
    if len(text) < 10:
        problems.append({"field": "text", "message": "at least 10 characters: say what is wrong and where"})
    if len(text) > MAX_TEXT:
        problems.append({"field": "text", "message": f"at most {MAX_TEXT} characters"})
    if problems:
        raise ValidationFailed("The feedback was not sent.", problems)
    due = working_calendar().add_working_days(timezone.localdate(), settings.BIAOZHUN_FEEDBACK_REPLY_WORKING_DAYS)
    feedback = Feedback.objects.create(standard=standard, author=actor, category=category, clause=clause[:50],
                                       text=text, reply_due=due.day, reply_due_approximate=due.approximate)
    transaction.on_commit(lambda: _acknowledge(feedback))
    return feedback


def _acknowledge(feedback: Feedback) -> None:
    user = feedback.author
    if not user.email:
        return
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"feedback": feedback, "site": settings.BIAOZHUN_SITE_URL}
        subject = render_to_string("feedback/email/ack_subject.txt", context).strip()
        body = render_to_string("feedback/email/ack_body.txt", context)
    send_mail(subject, body, None, [user.email])
