"""The emails of feedback, each in its reader's language, queued with the change that causes them (core/outbox).

- To the person who wrote (their account's address, or the one they gave, never shown to anyone): the item was
  received (with its tracking number and deadlines), answered (the answer), merged or not taken up (why), and the
  one-time code to follow it without an account.
- To the handler's people (those who act for the organisation): an item routed or reassigned to them.
- The daily sweep's reminders and escalations: one digest per person (services/sweep.py), not one per item.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from biaozhun.accounts.models import SECRETARIAT_ROLES, Membership, OrganisationKind, User
from biaozhun.core import crypto

from .models import Feedback, FeedbackEvent, FeedbackEventKind
from .pseudonyms import shown

TO_AUTHOR = {FeedbackEventKind.RECEIVED: "received", FeedbackEventKind.ANSWERED: "answered",
             FeedbackEventKind.MERGED: "merged", FeedbackEventKind.REJECTED: "rejected"}
TO_HANDLER = {FeedbackEventKind.ROUTED: "assigned", FeedbackEventKind.REASSIGNED: "assigned"}
MAILED = frozenset({*TO_AUTHOR, *TO_HANDLER})
CODE_CONTEXT = "feedback.access_code"  # the encryption context of a code on its way through the task queue


def link(name: str, *args: Any) -> str:
    return settings.BIAOZHUN_SITE_URL + reverse(name, args=args)


def author_address(item: Feedback) -> tuple[str, str]:
    """(address, language) of the person who wrote: their account's, or the address they gave ("" if none)."""
    if item.author_id is not None:
        author = item.author
        return (author.email if author.is_active else ""), (author.language or settings.LANGUAGE_CODE)
    return item.contact_email, item.language or settings.LANGUAGE_CODE


def author_name(item: Feedback) -> str:
    return item.author.real_name if item.author_id is not None else item.contact_name


def people_of(organisation_id: int | None, *, exclude: int | None = None) -> list[User]:
    """Active people with an address who act for the organisation (of a TC secretariat, its secretary or admin)."""
    if organisation_id is None:
        return []
    memberships = (Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
                   .exclude(user__email="").select_related("user", "organisation").order_by("user_id"))
    return [m.user for m in memberships
            if m.user_id != exclude
            and (m.organisation.kind != OrganisationKind.TC_SECRETARIAT or m.role in SECRETARIAT_ROLES)]


@task()
def notify_feedback_event(event_id: int) -> int:
    """Email whoever one feedback event concerns; returns the number of emails sent."""
    event = (FeedbackEvent.objects.select_related("feedback__standard", "feedback__author", "feedback__assigned_to",
                                                  "organisation").filter(pk=event_id).first())
    return notify(event) if event else 0


def notify(event: FeedbackEvent) -> int:
    item = event.feedback
    if event.kind in TO_AUTHOR:
        address, language = author_address(item)
        if not address:
            return 0
        _send(address, language, TO_AUTHOR[FeedbackEventKind(event.kind)], event, name=author_name(item))
        return 1
    people = people_of(event.organisation_id, exclude=event.actor_id)
    for person in people:
        _send(person.email, person.language, TO_HANDLER[FeedbackEventKind(event.kind)], event, name=person.real_name)
    return len(people)


def _send(address: str, language: str, template: str, event: FeedbackEvent, *, name: str) -> None:
    item = event.feedback
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"name": name, "event": event, "item": item, "standard": item.standard,
                   "pseudonym": shown(item.pseudonym), "site": settings.BIAOZHUN_SITE_URL,
                   "item_link": link("feedback:item", item.tracking_number), "track_link": link("feedback:track"),
                   "category": item.get_category_display()}
        subject = render_to_string(f"feedback/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"feedback/email/{template}.txt", context)
    send_mail(subject, body, None, [address])


@task()
def send_access_code(feedback_id: int, sealed_code: str) -> int:
    """Email the one-time code (sealed for the queue) to the address given with the item; returns emails sent."""
    item = Feedback.objects.select_related("standard", "author").filter(pk=feedback_id).first()
    if item is None:
        return 0
    address, language = author_address(item)
    if not address:
        return 0
    code = crypto.decrypt(sealed_code, context=CODE_CONTEXT)
    from .services.tracking import CODE_MINUTES

    with translation.override(language):
        context = {"name": author_name(item), "item": item, "code": code, "minutes": CODE_MINUTES,
                   "link": link("feedback:track_verify", item.tracking_number)}
        subject = render_to_string("feedback/email/code_subject.txt", context).strip()
        body = render_to_string("feedback/email/code.txt", context)
    send_mail(subject, body, None, [address])
    return 1
