"""Email the people a filing event concerns, each in their own language: the authority's members when their
filing is returned (by the reviewer or the province) or accepted; the province bureau's members when one of its
cities files (or refiles) a local standard; the national administration's reviewers when a filing arrives for
review (submitted, resubmitted after a return, or approved by a city's province). The task is queued by
filing/events.py in the transaction that writes the event (core/outbox), so nothing is sent for a change that
rolls back.

The rows of a batch arrive together: their submissions email the reviewers nothing one by one (the event's
``data`` names the batch); the batch, once filed, sends each reviewer one summary of its rows
(`notify_batch_arrivals`, queued by services/batch.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from biaozhun.accounts.models import MembershipRole, OrganisationKind, User

from .authorities import ACTING_ROLES, province_of
from .check_text import flagged, label
from .models import Filing, FilingBatch, FilingEvent, FilingEventKind, FilingState

RETURNS = (FilingEventKind.RETURNED, FilingEventKind.PROVINCE_RETURNED)
TO_AUTHORITY = (*RETURNS, FilingEventKind.ACCEPTED)
TO_PROVINCE = (FilingEventKind.SUBMITTED, FilingEventKind.RESUBMITTED)
ARRIVALS = (FilingEventKind.SUBMITTED, FilingEventKind.RESUBMITTED, FilingEventKind.PROVINCE_APPROVED)
TEMPLATES = {FilingEventKind.RETURNED: "returned", FilingEventKind.PROVINCE_RETURNED: "returned",
             FilingEventKind.ACCEPTED: "accepted", FilingEventKind.SUBMITTED: "city_submitted",
             FilingEventKind.RESUBMITTED: "city_submitted"}


def arrives_for_review(kind: str, to_state: str) -> bool:
    """Whether an event of this kind, moving to this state, puts a filing before the national reviewers."""
    return kind in ARRIVALS and to_state == FilingState.SUBMITTED


def concerns_someone(kind: str, to_state: str, data: dict[str, Any] | None = None) -> bool:
    """Whether an event of this kind (moving to this state, with this data) is emailed to anyone on its own."""
    if arrives_for_review(kind, to_state):
        return "batch" not in (data or {})  # a batch's rows: one summary for the batch instead
    return kind in TO_AUTHORITY or (kind in TO_PROVINCE and to_state == FilingState.AWAITING_PROVINCE)


@task()
def notify_filing_event(event_id: int) -> int:
    """Email the people one filing event concerns; returns the number of emails sent."""
    event = FilingEvent.objects.select_related("filing__authority", "actor").filter(pk=event_id).first()
    return notify(event) if event else 0


def reviewers(*, exclude: int | None = None) -> list[User]:
    """The national administration's active reviewers with an email address (but `exclude`, a user id)."""
    users = User.objects.filter(
        is_active=True, memberships__organisation__kind=OrganisationKind.NATIONAL_ADMINISTRATION,
        memberships__role=MembershipRole.REVIEWER).exclude(email="")
    if exclude is not None:
        users = users.exclude(pk=exclude)
    return list(users.distinct().order_by("pk"))


def recipients(event: FilingEvent) -> list[User]:
    """Active members (with an email address) of the authority, of the province bureau above a city, or the
    reviewers; never the person who caused the event."""
    filing = event.filing
    if arrives_for_review(event.kind, event.to_state):
        return reviewers(exclude=event.actor_id)
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


def _link(name: str, *args: Any) -> str:
    return settings.BIAOZHUN_SITE_URL + reverse(name, args=args)


def _send(user: User, event: FilingEvent) -> None:
    filing = event.filing
    arrived = arrives_for_review(event.kind, event.to_state)
    name = "arrived" if arrived else TEMPLATES[FilingEventKind(event.kind)]
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user, "event": event, "filing": filing, "link": _link("filing:work_detail", filing.pk),
            "reasons": [(label(r.get("check", "")), r.get("message", "")) for r in event.data.get("reasons", ())],
            "by_province": event.kind in (FilingEventKind.PROVINCE_RETURNED, FilingEventKind.PROVINCE_APPROVED),
            "resubmitted": event.kind == FilingEventKind.RESUBMITTED,
            "flagged": [label(code) for code in flagged(filing.checks or [])] if arrived else [],
        }
        subject = render_to_string(f"filing/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"filing/email/{name}.txt", context)
    send_mail(subject, body, None, [user.email])


# --- A batch's rows ----------------------------------------------------------------------------------------------

def batch_arrivals(batch: FilingBatch) -> list[Filing]:
    """The filings of a batch that its submission put before the reviewers (a city's rows go to its province
    first), in the data file's order."""
    arrived = FilingEvent.objects.filter(kind=FilingEventKind.SUBMITTED, to_state=FilingState.SUBMITTED,
                                         data__batch=batch.pk).values("filing_id")
    return list(Filing.objects.filter(pk__in=arrived, batch_row__batch=batch).order_by("batch_row__position"))


# A batch's summary lists this many of its rows; the review queue has them all.
BATCH_LISTED = 100


@task()
def notify_batch_arrivals(batch_id: int) -> int:
    """Email each reviewer one summary of the filings a batch put before them; the number of emails sent."""
    batch = FilingBatch.objects.select_related("authority").filter(pk=batch_id).first()
    filings = batch_arrivals(batch) if batch else []
    if not filings:
        return 0
    people = reviewers(exclude=batch.submitted_by_id)
    for user in people:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {"user": user, "batch": batch, "filings": filings[:BATCH_LISTED], "count": len(filings),
                       "more": max(len(filings) - BATCH_LISTED, 0),
                       "link": _link("filing:work_review_queue")}
            subject = render_to_string("filing/email/batch_arrived_subject.txt", context).strip()
            body = render_to_string("filing/email/batch_arrived.txt", context)
        send_mail(subject, body, None, [user.email])
    return len(people)
