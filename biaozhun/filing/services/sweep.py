"""The daily sweep: remind the reviewers of filings whose review time limit is near or passed (once per filing and
due date), by email through Django's mail backend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.outbox import enqueue_with_transaction

from .. import events, limits
from ..models import Filing, FilingEventKind, FilingState
from ..notify import reviewers


def remind_reviewers(*, actor: Any) -> int:
    """Record a reminder for each submitted filing due within the reminder lead time and not yet reminded for
    that due date, and email the reviewers one list. Returns the number of filings reminded."""
    policy.require(actor, "filing.sweep")
    today = clock.today()
    lead = limits.current()["reminder_days"][0]
    due = Filing.objects.filter(state=FilingState.SUBMITTED, review_due__lte=today + timedelta(days=lead))
    reminded = []
    with transaction.atomic():
        for filing in due.select_for_update().order_by("review_due", "id"):
            done = filing.events.filter(kind=FilingEventKind.REMINDED, data__due=filing.review_due.isoformat())
            if done.exists():
                continue
            events.reminded(filing, actor=actor)
            reminded.append(filing)
        if reminded and not clock.replaying():  # emailed by a task worker, once this commits
            enqueue_with_transaction(email_reminders, [filing.pk for filing in reminded], today.isoformat())
    return len(reminded)


@task()
def email_reminders(filing_ids: list[int], day: str) -> int:
    """One email per reviewer listing the filings reminded on `day`; the number sent."""
    filings = list(Filing.objects.filter(pk__in=filing_ids).select_related("authority").order_by("review_due", "id"))
    today = date.fromisoformat(day)
    sent = 0
    for person in reviewers():
        with translation.override(person.language):
            body = render_to_string("filing/email/review_reminder.txt", {"filings": filings, "today": today,
                                                                         "person": person})
            subject = str(translation.gettext("备案审查期限提醒：%(count)s 份备案") % {"count": len(filings)})
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        sent += 1
    return sent
