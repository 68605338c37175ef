"""Tell each owner: one email per person acting for an organisation that got flags from a change, in their
language, listing what of theirs cites the changed edition (the first few) and the edition now in force, with the
link to their page of flags. Queued with the transaction that finishes the change (core/outbox).

Owners are told one at a time, each recorded (ChangeEvent "notified") as soon as their people are mailed: a run
that dies half-way sends the rest when run again, and no owner twice.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from biaozhun.accounts.models import SECRETARIAT_ROLES, Membership, OrganisationKind, User
from biaozhun.core.actors import SYSTEM

from . import events
from .models import Change, ChangeEventKind, Flag

LISTED = 20  # flags named in one email; the page has them all


def people_of(owner_ids: list[int]) -> dict[int, list[User]]:
    """Active people with an address who act for each organisation (a TC secretariat's secretary or admin)."""
    people: dict[int, list[User]] = defaultdict(list)
    for membership in (Membership.objects.filter(organisation_id__in=owner_ids, user__is_active=True)
                       .exclude(user__email="").select_related("user", "organisation")
                       .order_by("organisation_id", "user_id")):
        if membership.organisation.kind == OrganisationKind.TC_SECRETARIAT and membership.role not in SECRETARIAT_ROLES:
            continue
        people[membership.organisation_id].append(membership.user)
    return people


@task()
def notify_change_owners(change_id: int) -> int:
    """Email the owners of a change's flags not told yet; returns the number of emails sent."""
    change = Change.objects.select_related("standard", "in_force", "series_in_force", "partly_by").filter(pk=change_id).first()
    if change is None:
        return 0
    told = {event_data.get("owner") for event_data in change.events.filter(kind=ChangeEventKind.NOTIFIED)
            .values_list("data", flat=True)}
    counts = dict(Flag.objects.filter(change=change, owner__isnull=False).values_list("owner")
                  .annotate(n=Count("pk")).order_by())
    waiting = sorted(owner for owner in counts if owner not in told)
    people = people_of(waiting)
    events.owners_notified_without_people(change, actor=SYSTEM, counts={
        owner_id: counts[owner_id] for owner_id in waiting if owner_id not in people})
    sent = 0
    for owner_id in (owner for owner in waiting if owner in people):
        flags = list(Flag.objects.filter(change=change, owner_id=owner_id).select_related("owner")
                     .order_by("id")[:LISTED])
        with transaction.atomic():
            for person in people[owner_id]:
                _send(person, change, flags, counts[owner_id])
                sent += 1
            events.owner_notified(change, actor=SYSTEM, owner_id=owner_id, people=len(people[owner_id]),
                                  flags=counts[owner_id])
    return sent


def _send(person: User, change: Change, flags: list[Flag], total: int) -> None:
    link = settings.BIAOZHUN_SITE_URL + reverse("propagation:flags") + f"?change={change.pk}&owner={flags[0].owner_id}"
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {"person": person, "change": change, "flags": flags, "total": total, "more": total - len(flags),
                   "owner": flags[0].owner, "link": link}
        subject = render_to_string("propagation/email/flags_subject.txt", context).strip()
        body = render_to_string("propagation/email/flags.txt", context)
    send_mail(subject, body, None, [person.email])
