"""The daily sweep of feedback (the platform acts, scheduled by run_scheduler: settings.BIAOZHUN_DAILY_TASKS):

1. route the items the routing table found no handler for when they came (a handler may exist now);
2. remind the handler of an acknowledgement or answer due within the type's reminder lead time (once per deadline);
3. escalate what is overdue to the next level: the body above the handler (routing.supervisor_of), then the national
   administration; once per missed deadline, so an item missing both climbs both levels;
4. close answered items nobody closed within the type's time limit.

Each item changes in its own transaction, re-read under a row lock and checked again, so a second run on the same
day (or two machines at once) changes nothing more, and a run after missed days does what they would have done.
The reminders and escalations are emailed as one digest per person once everything is recorded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.rules.feedback import (
    AWAITING_ACKNOWLEDGEMENT,
    OPEN,
    Deadline,
    close_day,
    next_level,
    overdue_deadlines,
    pending_deadline,
    reminder_due,
)

from .. import events, limits, routing
from ..models import Feedback, FeedbackEvent, FeedbackEventKind, FeedbackState
from ..notify import link, people_of
from .handling import close_feedback
from .submission import route_by_table

# Reminders look this many calendar days ahead in the database, then ask the working-day rule (a lead time of
# up to ten working days spans at most this many calendar days, the National Day holiday included).
LOOKAHEAD_DAYS = 24


def sweep_feedback(*, actor: Any, today: date | None = None) -> dict[str, int]:
    """Run the day's time limits; returns how many items each step changed."""
    policy.require(actor, "feedback.sweep")
    today = today or clock.today()
    every = limits.all_limits()
    calendar = limits.calendar()
    items = Feedback.objects.all()
    mailed: list[int] = []

    def remind(item: Feedback) -> bool:
        deadline = pending_deadline(item.state)
        due = item.acknowledge_due if deadline == Deadline.ACKNOWLEDGE else item.answer_due
        if deadline is None or due is None or item.assigned_to_id is None:
            return False
        if not reminder_due(due, today, every[item.category].reminder_days, calendar):
            return False
        if item.events.filter(kind=FeedbackEventKind.REMINDED, data__deadline=deadline, data__due=due.isoformat()).exists():
            return False
        mailed.append(events.reminded(item, actor=actor, deadline=deadline, due=due.isoformat()).pk)
        return True

    def escalate(item: Feedback) -> bool:
        done = False
        for deadline in overdue_deadlines(item.state, item.acknowledge_due, item.answer_due, today):
            if item.events.filter(kind=FeedbackEventKind.ESCALATED, data__deadline=deadline).exists():
                continue
            level = next_level(item.escalation_level)
            above = routing.supervisor_of(item.escalated_to or item.assigned_to, item.standard) \
                if item.assigned_to_id else routing.national_administration()
            if level is None or above is None:
                continue
            item.escalation_level, item.escalated_to = level, above
            item.version += 1
            item.updated_at = clock.now()
            item.save(update_fields=["escalation_level", "escalated_to", "version", "updated_at"])
            due = item.acknowledge_due if deadline == Deadline.ACKNOWLEDGE else item.answer_due
            mailed.append(events.escalated(item, actor=actor, deadline=deadline, due=due.isoformat()).pk)
            done = True
        return done

    def close(item: Feedback) -> bool:
        answered_on = timezone.localdate(item.answered_at)
        if close_day(answered_on, every[item.category], calendar).day > today:
            return False
        close_feedback(actor=actor, item=item, automatic=True)
        return True

    horizon = today + timedelta(days=LOOKAHEAD_DAYS)
    counts = {
        "routed": _each(items.filter(state=FeedbackState.RECEIVED), lambda item: route_by_table(item)),
        "reminded": _each(items.filter(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_due__lte=horizon)
                          | items.filter(state__in=OPEN, answer_due__lte=horizon), remind),
        "escalated": _each(items.filter(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_due__lt=today)
                           | items.filter(state__in=OPEN, answer_due__lt=today), escalate),
        "closed": _each(items.filter(state=FeedbackState.ANSWERED, answered_at__isnull=False), close),
    }
    if mailed and not clock.replaying():
        with transaction.atomic():
            from biaozhun.core.outbox import enqueue_with_transaction

            enqueue_with_transaction(email_digest, mailed)
    return counts


def _each(selected: QuerySet[Feedback], change: Callable[[Feedback], bool]) -> int:
    """Apply `change` to every selected item, each in its own transaction, after checking under the row lock that it
    is still selected; counts the items it changed."""
    done = 0
    for pk in list(selected.order_by("answer_due", "pk").values_list("pk", flat=True).distinct()):
        with transaction.atomic():
            item = (selected.select_for_update(of=("self",)).select_related("standard", "assigned_to", "escalated_to")
                    .filter(pk=pk).first())
            if item is not None and change(item):
                done += 1
    return done


@task()
def email_digest(event_ids: list[int]) -> int:
    """One email per person listing the sweep's reminders and escalations that concern them; the number sent."""
    rows = list(FeedbackEvent.objects.filter(pk__in=event_ids).select_related(
        "feedback__standard", "feedback__assigned_to", "feedback__escalated_to").order_by("feedback__answer_due", "pk"))
    per_person: dict[int, tuple[Any, list]] = {}
    by_person: dict[int, list] = defaultdict(list)
    for event in rows:
        item = event.feedback
        targets = [item.assigned_to_id]
        if event.kind == FeedbackEventKind.ESCALATED:
            targets.append(event.organisation_id)
        for organisation_id in dict.fromkeys(targets):
            for person in people_of(organisation_id):
                per_person.setdefault(person.pk, (person, []))
                if event not in by_person[person.pk]:
                    by_person[person.pk].append(event)
    for pk, (person, _unused) in per_person.items():
        with translation.override(person.language or settings.LANGUAGE_CODE):
            context = {"person": person, "events": by_person[pk], "queue": link("feedback:queue"),
                       "reminded": [e for e in by_person[pk] if e.kind == FeedbackEventKind.REMINDED],
                       "escalated": [e for e in by_person[pk] if e.kind == FeedbackEventKind.ESCALATED]}
            subject = render_to_string("feedback/email/digest_subject.txt", context).strip()
            body = render_to_string("feedback/email/digest.txt", context)
        send_mail(subject, body, None, [person.email])
    return len(per_person)
