"""Email the people the routing table names for a project event, each in their own language: the background task
that services/events.py queues in the transaction that writes the event, and the routing it follows."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.accounts.models import SECRETARIAT_ROLES, MembershipRole, OrganisationKind, User
from biaozhun.core import clock

from .models import NotificationRule, ProjectEvent, Recipient, stage_label
from .timeline import describe


@task()
def notify_project_event(event_id: int) -> int:
    """Email the people the routing table names for one project event (queued by services/events.py)."""
    event = ProjectEvent.objects.select_related("project__committee", "actor").filter(pk=event_id).first()
    return notify(event) if event else 0


def recipients(event: ProjectEvent, recipient: str) -> set[User]:
    """The active users with an email address that a routing rule's recipient kind names for this event."""
    project = event.project
    users = User.objects.filter(is_active=True).exclude(email="")
    if recipient == Recipient.SECRETARIAT:
        users = users.filter(memberships__organisation__kind=OrganisationKind.TC_SECRETARIAT,
                             memberships__organisation__tc_code=normalise_tc_code(project.committee.code),
                             memberships__role__in=SECRETARIAT_ROLES)
    elif recipient == Recipient.PROPOSER:
        users = users.filter(pk=project.proposer_id) if project.proposer_id else users.none()
    elif recipient == Recipient.VOTING_MEMBERS:
        today = clock.today()
        if "ballot" in event.data:  # the ballot's roll, fixed when it opened
            users = users.filter(committee_seats__votes__ballot_id=event.data["ballot"])
        else:
            users = users.filter(committee_seats__committee=project.committee, committee_seats__voting=True,
                                 committee_seats__term_start__lte=today, committee_seats__term_end__gte=today)
    elif recipient == Recipient.COMMENTERS:
        comments = project.comments.all()
        if "comments" in event.data:
            comments = comments.filter(pk__in=event.data["comments"])
        users = users.filter(pk__in=comments.values("author_id"))
    elif recipient == Recipient.REVIEWERS:
        users = users.filter(memberships__organisation__kind=OrganisationKind.NATIONAL_ADMINISTRATION,
                             memberships__role=MembershipRole.REVIEWER)
    else:
        raise ValueError(f"unknown recipient kind {recipient!r}")
    return set(users.distinct())


def notify(event: ProjectEvent) -> int:
    """Send one email per person the active rules for this event name (once, however many rules); returns
    the number of emails sent. The person who caused the event is not mailed about it."""
    kinds = NotificationRule.objects.filter(trigger=event.trigger, active=True).values_list("recipient", flat=True)
    people: set[User] = set()
    for kind in kinds:
        people |= recipients(event, kind)
    if event.actor_id:
        people.discard(event.actor)
    for user in sorted(people, key=lambda u: u.pk):
        _send(user, event)
    return len(people)


def _send(user: User, event: ProjectEvent) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user, "event": event, "project": event.project, "site": settings.BIAOZHUN_SITE_URL,
            "kind": ProjectEvent.Kind(event.kind).label,
            "to_stage": stage_label(event.to_stage) if event.to_stage else "",
            "detail": describe(event, event.project.documents.in_bulk()),
        }
        subject = render_to_string("development/email/event_subject.txt", context).strip()
        body = render_to_string("development/email/event_body.txt", context)
    send_mail(subject, body, None, [user.email])
