"""The daily sweep: mark the campaigns whose results are past their time limit (once each) and email their
authority, through Django's mail backend, from a task queued with the change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.accounts.models import User
from biaozhun.core import clock
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.rules import inspections as rules

from ..models import Campaign, CampaignEventKind
from ..permissions import ACTING_ROLES
from . import events


def mark_overdue(*, actor: Any) -> int:
    """Mark every campaign still without published results after its due date; the number marked."""
    policy.require(actor, "inspections.sweep")
    today = clock.today()
    marked = []
    with transaction.atomic():
        due = Campaign.objects.filter(state__in=sorted(rules.DUE_STATES), results_due_on__lt=today,
                                      overdue_at__isnull=True)
        for campaign in due.select_for_update().order_by("results_due_on", "id"):
            campaign.overdue_at = clock.now()
            campaign.save(update_fields=["overdue_at"])
            events.record(campaign, CampaignEventKind.OVERDUE, actor=actor,
                          data={"due": campaign.results_due_on.isoformat()})
            marked.append(campaign.pk)
        if marked and not clock.replaying():
            enqueue_with_transaction(email_overdue, marked)
    return len(marked)


def recipients(campaign: Campaign) -> list[User]:
    users = User.objects.filter(is_active=True, memberships__organisation=campaign.authority_id,
                                memberships__role__in=sorted(ACTING_ROLES)).exclude(email="")
    return list(users.distinct().order_by("pk"))


@task()
def email_overdue(campaign_ids: list[int]) -> int:
    """One email per member of each campaign's authority; the number sent."""
    sent = 0
    for campaign in Campaign.objects.filter(pk__in=campaign_ids).select_related("authority").order_by("pk"):
        link = settings.BIAOZHUN_SITE_URL + reverse("inspections:work_campaign", args=[campaign.pk])
        for person in recipients(campaign):
            with translation.override(person.language or settings.LANGUAGE_CODE):
                context = {"campaign": campaign, "person": person, "link": link}
                subject = render_to_string("inspections/email/overdue_subject.txt", context).strip()
                body = render_to_string("inspections/email/overdue.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
            sent += 1
    return sent
