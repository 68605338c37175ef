"""The daily sweep of the development workflow: what the calendar does to projects. Public notices close, comment
periods end into comment processing, deadline reminders go out, overdue projects freeze, published standards come
into force, and letter ballots past their closing day close with their result.

The platform acts (`SYSTEM`, from the daily task; an administrator may run it too). Each step selects in the
database only the projects whose date has come, and changes each in its own transaction after re-reading it under
a row lock, so the sweep is idempotent: a second run on the same day, or two machines running it at once, change
nothing more, and a run after missed days does what those days would have done (sending only the deadline notice
that is current).

Suspended projects: the approval deadline is swept only in DEADLINE_STAGES, which leave out suspension, so a
suspended project is never reminded or frozen while suspended; it keeps its deadline, and the sweep catches up
once it resumes (Project.deadline_shown says how pages show it meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition
from biaozhun.rules.cycles import deadline_state
from biaozhun.rules.stages import DEADLINE_STAGES, Stage

from . import limits
from .models import Ballot, Project
from .services import events
from .services.ballots import close_ballot
from .services.projects import enter_stage


def sweep(*, actor: Any, today: date | None = None) -> dict[str, int]:
    """Run the day's time limits; returns how many projects (or ballots) each step changed."""
    policy.require(actor, "development.sweep")
    today = today or clock.today()
    reminder_days = limits.current()["reminder_days"]
    projects = Project.objects.all()
    deadlines = projects.filter(stage__in=DEADLINE_STAGES, deadline__isnull=False)
    ended = projects.filter(period_ends_on__lt=today)

    def notice(project: Project) -> None:
        _deadline_notice(project, actor=actor, today=today, reminder_days=reminder_days)

    return {
        "notice_closed": _each(ended.filter(stage=Stage.NOTICE, period_closed=False),
                               lambda project: _close_notice(project, actor=actor)),
        "comment_closed": _each(ended.filter(stage=Stage.COMMENT),
                                lambda project: _end_comment_period(project, actor=actor)),
        "reminders": _each(deadlines.filter(deadline__gt=today, deadline_notice="",
                                            deadline__lte=today + timedelta(days=reminder_days)), notice),
        "due_today": _each(deadlines.filter(deadline=today).exclude(deadline_notice="due_today"), notice),
        "overdue": _each(deadlines.filter(deadline__lt=today).exclude(deadline_notice="overdue"), notice),
        "into_force": _each(projects.filter(stage=Stage.PUBLISHED, implemented_on__lte=today),
                          lambda project: _enter_into_force(project, actor=actor)),
        "ballots_closed": close_due_ballots(actor=actor, today=today),
    }


def _each(selected: QuerySet[Project], change: Callable[[Project], None]) -> int:
    """Apply `change` to every selected project, each in its own transaction, after checking under the row lock
    that it is still selected (another sweep or a secretary may have acted in between)."""
    done = 0
    for pk in list(selected.values_list("pk", flat=True)):
        with transaction.atomic():
            project = selected.select_for_update(of=("self",)).select_related("committee").filter(pk=pk).first()
            if project is not None:
                change(project)
                done += 1
    return done


def _save(project: Project) -> None:
    project.version += 1
    project.save()


def _close_notice(project: Project, *, actor: Any) -> None:
    """The public notice is over: no more comments; the project waits in 立项公示 for the plan."""
    project.period_closed = True
    _save(project)
    events.period_closed(project, actor=actor)


def _end_comment_period(project: Project, *, actor: Any) -> None:
    """The comments are in: processing them begins (also for a frozen project, which takes no more comments)."""
    enter_stage(actor=actor, project=project, to=Stage.DISPOSITION,
                data={"period_ends_on": project.period_ends_on.isoformat()})


def _deadline_notice(project: Project, *, actor: Any, today: date, reminder_days: int) -> None:
    """Send today's deadline notice; overdue also freezes the project (only suspension and termination remain)."""
    state = deadline_state(project.deadline, today, reminder_days)
    project.deadline_notice = state.code
    if state.code == "overdue":
        project.frozen = True
        _save(project)
        events.overdue(project, actor=actor, state=state.code, days_left=state.days_left)
        return
    _save(project)
    events.deadline_reminder(project, actor=actor, state=state.code, days_left=state.days_left)


def _enter_into_force(project: Project, *, actor: Any) -> None:
    enter_stage(actor=actor, project=project, to=Stage.IN_FORCE,
                data={"implemented_on": project.implemented_on.isoformat()})


def close_due_ballots(*, actor: Any, today: date) -> int:
    """Close every open ballot whose closing day is before `today`, with its result; returns how many."""
    closed = 0
    for ballot in Ballot.objects.filter(closed_at__isnull=True, closes_on__lt=today).order_by("closes_on", "pk"):
        try:
            close_ballot(actor=actor, ballot=ballot)
        except InvalidTransition:  # closed by the secretariat since the query ran
            continue
        closed += 1
    return closed
