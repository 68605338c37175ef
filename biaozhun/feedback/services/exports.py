"""Send the periodic exports that are due (the daily sweep), each to the people of its organisation, and record it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.outbox import enqueue_with_transaction

from .. import events
from ..exports import XLSX, filename, is_due, items_for, period_before, workbook
from ..models import ExportSubscription, SettingEventKind
from ..notify import link, people_of


def send_due_exports(*, actor: Any, today: date | None = None) -> int:
    """Queue the export of every active subscription whose period has ended since its last one; the count."""
    policy.require(actor, "feedback.sweep")
    today = today or clock.today()
    sent = 0
    for pk in ExportSubscription.objects.filter(active=True).order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            subscription = ExportSubscription.objects.select_for_update().get(pk=pk)
            if not is_due(subscription, today):
                continue
            start, end = period_before(subscription, today)
            people = people_of(subscription.organisation_id)
            subscription.last_sent_on = today
            subscription.save(update_fields=["last_sent_on"])
            events.setting(SettingEventKind.EXPORT_SENT, actor=actor, subscription=subscription, data={
                "start": start.isoformat(), "end": end.isoformat(), "items": items_for(subscription, start, end).count(),
                "recipients": len(people)})
            if not clock.replaying():
                enqueue_with_transaction(email_export, subscription.pk, start.isoformat(), end.isoformat())
            sent += 1
    return sent


@task()
def email_export(subscription_id: int, start: str, end: str) -> int:
    """Email one period's XLSX to each person of the subscribing organisation; the number sent."""
    subscription = ExportSubscription.objects.select_related("organisation").get(pk=subscription_id)
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    people = people_of(subscription.organisation_id)
    for person in people:
        with translation.override(person.language or settings.LANGUAGE_CODE):
            content = workbook(subscription, first, last)
            context = {"person": person, "subscription": subscription, "start": first, "end": last,
                       "count": items_for(subscription, first, last).count(), "link": link("feedback:exports")}
            subject = render_to_string("feedback/email/export_subject.txt", context).strip()
            body = render_to_string("feedback/email/export.txt", context)
        message = EmailMessage(subject, body, None, [person.email])
        message.attach(filename(subscription, first, last), content, XLSX)
        message.send()
    return len(people)
