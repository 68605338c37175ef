"""Email the people a filing event concerns, each in their own language: the authority's members when their
filing is returned (by the reviewer or the province) or accepted; the province bureau's members when one of its
cities files (or refiles) a local standard. The task is queued by filing/events.py in the transaction that writes
the event (core/outbox), so nothing is sent for a change that rolls back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from biaozhun.accounts.models import OrganisationKind, User

from .authorities import ACTING_ROLES, province_of
from .check_text import label
from .models import FilingEvent, FilingEventKind, FilingState

RETURNS = (FilingEventKind.RETURNED, FilingEventKind.PROVINCE_RETURNED)
TO_AUTHORITY = (*RETURNS, FilingEventKind.ACCEPTED)
TO_PROVINCE = (FilingEventKind.SUBMITTED, FilingEventKind.RESUBMITTED)
TEMPLATES = {FilingEventKind.RETURNED: "returned", FilingEventKind.PROVINCE_RETURNED: "returned",
             FilingEventKind.ACCEPTED: "accepted", FilingEventKind.SUBMITTED: "city_submitted",
             FilingEventKind.RESUBMITTED: "city_submitted"}


def concerns_someone(kind: str, to_state: str) -> bool:
    """Whether an event of this kind (moving to this state) is emailed to anyone."""
    return kind in TO_AUTHORITY or (kind in TO_PROVINCE and to_state == FilingState.AWAITING_PROVINCE)


@task()
def notify_filing_event(event_id: int) -> int:
    """Email the people one filing event concerns; returns the number of emails sent."""
    event = FilingEvent.objects.select_related("filing__authority", "actor").filter(pk=event_id).first()
    return notify(event) if event else 0


def recipients(event: FilingEvent) -> list[User]:
    """Active members (with an email address) of the authority, or of the province bureau above a city."""
    filing = event.filing
    if event.kind in TO_AUTHORITY:
        membership = {"memberships__organisation": filing.authority_id}
    elif concerns_someone(event.kind, event.to_state):
        province = province_of(filing.region_code)
        membership = {"memberships__organisation__kind": OrganisationKind.BUREAU,
                      "memberships__organisation__region_code__in": [province, f"{province}0000"]}
    else:
        return []
    # One filter() call, so that the role and the organisation are those of the same membership.
    users = User.objects.filter(is_active=True, memberships__role__in=ACTING_ROLES, **membership).exclude(email="")
    if event.actor_id:
        users = users.exclude(pk=event.actor_id)
    return list(users.distinct().order_by("pk"))


def notify(event: FilingEvent) -> int:
    people = recipients(event)
    for user in people:
        _send(user, event)
    return len(people)


def _send(user: User, event: FilingEvent) -> None:
    filing = event.filing
    name = TEMPLATES[FilingEventKind(event.kind)]
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user, "event": event, "filing": filing,
            "link": settings.BIAOZHUN_SITE_URL + reverse("filing:work_detail", args=[filing.pk]),
            "reasons": [(label(r.get("check", "")), r.get("message", "")) for r in event.data.get("reasons", ())],
            "by_province": event.kind == FilingEventKind.PROVINCE_RETURNED,
        }
        subject = render_to_string(f"filing/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"filing/email/{name}.txt", context)
    send_mail(subject, body, None, [user.email])
