"""The daily sweep of ISO/IEC ballots: remind the mirror committee's secretariat of a ballot without China's vote
before its deadline (by default 7 days and 1 day before: settings.BIAOZHUN_PARTICIPATION_REMINDER_DAYS), and mark
the ballots whose deadline passed without a vote. Idempotent: one ``ballot_reminded`` event per ballot and lead, one
``ballot_missed`` per ballot, so a second run on the same day records and sends nothing. Each reminder's email is
queued in the transaction that records it (core/outbox.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.committees.terms import secretariat_addresses
from biaozhun.core import clock
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.rules.participation import reminder_due

from ...models import InternationalBallot, ParticipationEvent, ParticipationEventKind
from . import events


@dataclass
class SweepResult:
    reminded: int = 0
    missed: int = 0


def sweep_ballots(*, actor: Any, today: date | None = None) -> SweepResult:
    """Remind before the deadlines and mark the deadlines missed (see the module docstring)."""
    policy.require(actor, "participation.manage")
    today = today or clock.today()
    leads = tuple(settings.BIAOZHUN_PARTICIPATION_REMINDER_DAYS)
    result = SweepResult()
    waiting = InternationalBallot.objects.filter(vote="", missed_on__isnull=True)
    for ballot in waiting.filter(closes_on__gte=today, closes_on__lte=today + timedelta(days=max(leads)),
                                 opens_on__lte=today).select_related("committee").order_by("closes_on", "pk"):
        lead = reminder_due(ballot.closes_on, today, leads)
        if lead is None:
            continue
        with transaction.atomic():
            ballot = InternationalBallot.objects.select_for_update().select_related("committee").get(pk=ballot.pk)
            sent = ballot.events.filter(kind=ParticipationEventKind.BALLOT_REMINDED, data__days_before=lead).exists()
            if sent or ballot.vote:
                continue
            event = events.ballot_reminded(ballot, actor=actor, days_before=lead,
                                           recipients=len(secretariat_addresses(ballot.committee)))
            if not clock.replaying():
                enqueue_with_transaction(email_ballot_reminder, event.pk)
            result.reminded += 1
    for ballot in waiting.filter(closes_on__lt=today).order_by("closes_on", "pk"):
        with transaction.atomic():
            ballot = InternationalBallot.objects.select_for_update().get(pk=ballot.pk)
            if ballot.vote or ballot.missed_on is not None:
                continue
            ballot.missed_on = today
            ballot.save(update_fields=["missed_on"])
            events.ballot_missed(ballot, actor=actor)
            result.missed += 1
    return result


@task()
def email_ballot_reminder(event_id: int) -> int:
    """Email one ballot reminder to the mirror committee's secretariat; returns the number of emails sent."""
    event = ParticipationEvent.objects.select_related("ballot__committee", "ballot__international").filter(
        pk=event_id).first()
    if event is None or event.ballot is None:
        return 0
    ballot = event.ballot
    link = settings.BIAOZHUN_SITE_URL + ballot.get_absolute_url()
    recipients = secretariat_addresses(ballot.committee)
    for address, language, name in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {"name": name, "ballot": ballot, "kind": ballot.get_kind_display(), "days": event.data["days_before"],
                       "closes_on": ballot.closes_on.isoformat(), "link": link}
            subject = render_to_string("international/participation/email/ballot_reminder_subject.txt", context).strip()
            body = render_to_string("international/participation/email/ballot_reminder.txt", context)
        send_mail(subject, body, None, [address])
    return len(recipients)
