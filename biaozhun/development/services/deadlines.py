"""Time limits of projects: the daily sweep (ended public periods, deadline reminders, overdue freezing, entry into
force, due ballots) and extensions of the approval deadline (延期申请).

The sweep is the system acting (no actor). Each step selects in the database only the projects whose date has
come, and changes each in its own transaction after re-reading it under a row lock, so the sweep is idempotent:
a second run on the same day, or two machines running it at once, change nothing more, and a run after missed
days does what those days would have done (sending only the deadline notice that is current).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, TimeLimitPassed, ValidationFailed
from biaozhun.rules.cycles import approval_deadline, cycle_kind, deadline_state, last_day_to_request_extension

from .. import limits
from ..models import ExtensionRequest, Project, ProjectEvent, ProjectKind
from . import events
from .projects import enter_stage, stage_name

# Stages counted against the approval deadline: from the plan until the package goes to approval (报批).
BEFORE_APPROVAL = ("planned", "drafting", "comment", "disposition", "review")


def sweep(today: date | None = None) -> dict[str, int]:
    """Run the day's time limits; returns how many projects (or ballots) each step changed."""
    today = today or clock.today()
    reminder_days = limits.current()["reminder_days"]
    projects = Project.objects.all()
    open_projects = projects.filter(stage__in=BEFORE_APPROVAL, deadline__isnull=False)
    ended = projects.filter(period_ends_on__lt=today)
    return {
        "notice_closed": _each(ended.filter(stage="notice", period_closed=False), _close_notice),
        "comment_closed": _each(ended.filter(stage="comment"), _end_comment_period),
        "reminders": _each(open_projects.filter(deadline__gt=today, deadline_notice="",
                                                deadline__lte=today + timedelta(days=reminder_days)),
                           lambda project: _deadline_notice(project, today, reminder_days)),
        "due_today": _each(open_projects.filter(deadline=today).exclude(deadline_notice="due_today"),
                           lambda project: _deadline_notice(project, today, reminder_days)),
        "overdue": _each(open_projects.filter(deadline__lt=today).exclude(deadline_notice="overdue"),
                         lambda project: _deadline_notice(project, today, reminder_days)),
        "in_force": _each(projects.filter(stage="published", implemented_on__lte=today),
                          _enter_into_force),
        "ballots_closed": _close_due_ballots(today),
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


def _close_notice(project: Project) -> None:
    project.period_closed = True
    _save(project)
    events.record(project, ProjectEvent.Kind.PERIOD_CLOSED, data={"period_ends_on": project.period_ends_on.isoformat()})


def _end_comment_period(project: Project) -> None:
    """The comments are in: processing them begins (also for a frozen project, which takes no more comments)."""
    enter_stage(project, to="disposition", actor=None, reason="征求意见期满",
                data={"period_ends_on": project.period_ends_on.isoformat()})


def _deadline_notice(project: Project, today: date, reminder_days: int) -> None:
    """Send today's deadline notice; overdue also freezes the project (only suspension and termination remain)."""
    state = deadline_state(project.deadline, today, reminder_days)
    values = {"deadline": project.deadline.isoformat(), "days": abs(state.days_left)}
    if state.code == "overdue":
        project.frozen = True
        kind = ProjectEvent.Kind.OVERDUE
        reason = _("已超过报批期限（%(deadline)s）%(days)d 日，项目冻结：只能暂缓或终止。") % values
    else:
        kind = ProjectEvent.Kind.DEADLINE_REMINDER
        reason = (_("今天是报批期限（%(deadline)s）。") if state.code == "due_today"
                  else _("距报批期限（%(deadline)s）还有 %(days)d 日。")) % values
    project.deadline_notice = state.code
    _save(project)
    events.record(project, kind, reason=reason, data={
        "state": state.code, "deadline": project.deadline.isoformat(), "days_left": state.days_left})


def _enter_into_force(project: Project) -> None:
    enter_stage(project, to="in_force", actor=None, data={"implemented_on": project.implemented_on.isoformat()})


def _close_due_ballots(today: date) -> int:
    from .ballots import close_due_ballots

    return close_due_ballots(today)


@transaction.atomic
def request_extension(actor, project: Project, *, months: int, reason: str) -> ExtensionRequest:
    """The secretariat asks to extend the approval deadline: in time, once per project, within the maximum."""
    if actor is not None:
        policy.require(actor, "development.manage", project)
    project = Project.objects.select_for_update().select_related("committee").get(pk=project.pk)
    values = limits.current()
    if project.deadline is None or project.stage not in BEFORE_APPROVAL:
        raise InvalidTransition(_("只有计划下达后、报批前的项目可以申请延期（当前：%(stage)s）。") % {
            "stage": stage_name(project.stage)}, current=project.stage, allowed=[])
    if project.frozen:
        raise TimeLimitPassed(_("项目已超过报批期限（%(deadline)s）并冻结，不能再申请延期，只能暂缓或终止。") % {
            "deadline": project.deadline.isoformat()}, rule="extension_notice_days",
            deadline=project.deadline.isoformat())
    last_day = last_day_to_request_extension(project.deadline, values["extension_notice_days"])
    if clock.today() > last_day:
        raise TimeLimitPassed(_("延期须在报批期限（%(deadline)s）前 %(days)d 日提出（extension_notice_days），"
                                "最后一天是 %(last)s。") % {
            "deadline": project.deadline.isoformat(), "days": values["extension_notice_days"],
            "last": last_day.isoformat()},
            rule="extension_notice_days", deadline=project.deadline.isoformat(), last_day=last_day.isoformat())
    _check_once(project)
    problems = []
    if not 1 <= months <= values["extension_max_months"]:
        problems.append({"field": "months", "message": _("延期为 1 至 %(max)d 个月（extension_max_months）") % {
            "max": values["extension_max_months"]}})
    if not reason.strip():
        problems.append({"field": "reason", "message": _("请说明延期理由")})
    if problems:
        raise ValidationFailed(_("延期申请未能提交。"), problems)
    request = ExtensionRequest.objects.create(project=project, months=months, reason=reason.strip(),
                                              requested_by=actor if getattr(actor, "pk", None) else None,
                                              requested_at=clock.now(), deadline_before=project.deadline)
    events.record(project, ProjectEvent.Kind.EXTENSION_REQUESTED, actor=actor, reason=request.reason,
                  data={"request": request.pk, "months": months, "deadline": project.deadline.isoformat()})
    return request


def _check_once(project: Project) -> None:
    """One extension per project: none may be pending, and none approved before."""
    earlier = project.extension_requests.exclude(state=ExtensionRequest.State.REFUSED).order_by("-id").first()
    if earlier is None:
        return
    if earlier.state == ExtensionRequest.State.PENDING:
        raise InvalidTransition(_("已有一份待审核的延期申请（%(months)d 个月），请等待审核结果。") % {
            "months": earlier.months}, current=earlier.state, allowed=[])
    raise InvalidTransition(_("每个项目只能延期一次：已于 %(day)s 批准延期 %(months)d 个月。") % {
        "day": timezone.localdate(earlier.decided_at).isoformat(), "months": earlier.months},
        current=earlier.state, allowed=[])


@transaction.atomic
def decide_extension(actor, request: ExtensionRequest, *, approve: bool, reason: str = "") -> ExtensionRequest:
    """The national administration approves (the deadline moves; reminders start again) or refuses with a reason."""
    if actor is not None:
        policy.require(actor, "development.decide", request.project)
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ExtensionRequest.State.PENDING:
        raise InvalidTransition(_("该延期申请已审核（%(state)s）。") % {"state": request.get_state_display()},
                                current=request.state, allowed=[])
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationFailed(_("不批准须说明理由。"), [{"field": "reason", "message": _("请说明不批准的理由")}])
    project = Project.objects.select_for_update().get(pk=request.project_id)
    if approve:
        project.extension_months = request.months
        project.deadline = limits.period_end(approval_deadline(
            project.plan_issued_on, cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION),
            extension_months=request.months, limits=limits.cycles()))
        project.deadline_notice = ""
        project.frozen = project.deadline < clock.today()
        _save(project)
    request.state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
    request.decided_by = actor if getattr(actor, "pk", None) else None
    request.decided_at = clock.now()
    request.decision_reason = reason
    request.save()
    events.record(project, ProjectEvent.Kind.EXTENSION_DECIDED, actor=actor, reason=reason, data={
        "request": request.pk, "approved": approve, "months": request.months,
        "deadline": project.deadline.isoformat()})
    return request
