"""The daily reminders of work-plan tasks (the scheduler runs them: workplan/tasks.py): each open task with a due
date is reminded to its lead and co-responsible units BIAOZHUN_WORKPLAN_REMINDER_DAYS before that date, and once more
when the date has passed (rules/workplan.reminder_due). One ``reminded`` event per task, due date and lead, so a
second run on the same day sends nothing and a new due date is reminded afresh; each email is queued with its event."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task as background

from biaozhun.accounts import policy
from biaozhun.accounts.models import Membership
from biaozhun.core import clock
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.rules.workplan import FINISHED, OVERDUE_REMINDER, reminder_due

from ..models import Task, TaskEvent, TaskEventKind
from .tasks import _event, _locked


def remind_due_tasks(*, actor: Any, today: date | None = None) -> int:
    """Record (and queue the emails of) every reminder due today; returns how many were recorded."""
    policy.require(actor, "workplan.manage")
    today = today or clock.today()
    leads = tuple(settings.BIAOZHUN_WORKPLAN_REMINDER_DAYS)
    horizon = today + timedelta(days=max(leads, default=0))
    candidates = (Task.objects.filter(in_plan=True, due_on__isnull=False, due_on__lte=horizon)
                  .exclude(state__in=[state.value for state in FINISHED]).order_by("due_on", "pk"))
    done = 0
    for candidate in candidates:
        lead = reminder_due(candidate.state, candidate.due_on, today, leads)
        if lead is None or not candidate.lead_unit_id and not candidate.co_units.exists():
            continue
        with transaction.atomic():
            task = _locked(candidate)
            if reminder_due(task.state, task.due_on, today, leads) != lead:  # changed since it was read
                continue
            due = task.due_on.isoformat()
            if task.events.filter(kind=TaskEventKind.REMINDED, data__due_on=due, data__days_before=lead).exists():
                continue
            event = _event(task, TaskEventKind.REMINDED, actor=actor, data={"due_on": due, "days_before": lead})
            if not clock.replaying():
                enqueue_with_transaction(email_due_reminder, event.pk)
            done += 1
    return done


def unit_addresses(task: Task) -> list[tuple[str, str, str]]:
    """(address, language, name) of the active people of the task's lead and co-responsible units."""
    memberships = (Membership.objects.filter(organisation_id__in=task.unit_ids(), user__is_active=True)
                   .exclude(user__email="").select_related("user").order_by("user_id"))
    people = {m.user.email.lower(): (m.user.email, m.user.language, m.user.real_name) for m in memberships}
    return list(people.values())


@background()
def email_due_reminder(event_id: int) -> int:
    """Email one reminder to the people of the task's units; returns the number of emails sent."""
    event = TaskEvent.objects.select_related("task__plan").filter(pk=event_id, kind=TaskEventKind.REMINDED).first()
    if event is None:
        return 0
    task = event.task
    link = settings.BIAOZHUN_SITE_URL + reverse("workplan:task", args=[task.pk])
    recipients = unit_addresses(task)
    for address, language, name in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {"name": name, "task": task, "due": event.data["due_on"], "days": event.data["days_before"],
                       "overdue": event.data["days_before"] == OVERDUE_REMINDER, "link": link}
            subject = render_to_string("workplan/email/due_reminder_subject.txt", context).strip()
            body = render_to_string("workplan/email/due_reminder.txt", context)
        send_mail(subject, body, None, [address])
    return len(recipients)
