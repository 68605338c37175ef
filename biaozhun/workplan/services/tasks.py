"""Every write to a task: assigning units and a due date (the administration), moving its state along
rules/workplan.py, reporting progress and linking evidence (its units). Each write appends its TaskEvent in the same
transaction, under a row lock on the task."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.evidence import EvidenceError, resolve
from biaozhun.rules.workplan import MoveRefused, TaskState, by_administration_only, check_move, needs_reason

from ..models import ProgressReport, Task, TaskEvent, TaskEventKind, TaskEvidence, TaskStateChoice
from ..permissions import unit_ids

MAX_TEXT = 2000


def _locked(task: Task) -> Task:
    return Task.objects.select_for_update(of=("self",)).select_related("plan", "lead_unit").get(pk=task.pk)


def _event(task: Task, kind: str, *, actor, from_state: str = "", reason: str = "", data: dict | None = None,
           at=None) -> TaskEvent:
    return TaskEvent.objects.create(task=task, kind=kind, actor=user_or_none(actor), at=at or clock.now(),
                                    from_state=from_state or task.state, to_state=task.state, reason=reason,
                                    data=data or {})


def _open(task: Task) -> None:
    if not task.in_plan:
        raise InvalidTransition(_("此条目已不在现行的工作要点文本中，不能再办理。"), state=task.state)


@transaction.atomic
def assign_task(*, actor, task: Task, lead_unit: Organisation | None, co_units: list[Organisation],
                due_on: date | None) -> Task:
    """Set the lead unit, the co-responsible units and the due date; one ``assigned`` event with before and after.
    Nothing changes (and nothing is written) when all three are as they were."""
    policy.require(actor, "workplan.manage", task)
    task = _locked(task)
    co_units = [unit for unit in dict.fromkeys(co_units) if lead_unit is None or unit.pk != lead_unit.pk]
    if due_on is not None and not task.plan.year - 1 <= due_on.year <= task.plan.year + 2:
        message = _("完成时限应在 %(first)s 年至 %(last)s 年之间。") % {"first": task.plan.year - 1,
                                                                       "last": task.plan.year + 2}
        raise ValidationFailed(message, [{"field": "due_on", "message": message}])

    def facts(lead, co, due):
        return {"lead_unit": lead.pk if lead else None, "co_units": sorted(u.pk for u in co),
                "due_on": due.isoformat() if due else None}

    before = facts(task.lead_unit, list(task.co_units.all()), task.due_on)
    after = facts(lead_unit, co_units, due_on)
    if before == after:
        return task
    task.lead_unit, task.due_on, task.updated_at = lead_unit, due_on, clock.now()
    task.save(update_fields=["lead_unit", "due_on", "updated_at"])
    task.co_units.set(co_units)
    _event(task, TaskEventKind.ASSIGNED, actor=actor, data={"before": before, "after": after})
    return task


def _refuse_move(task: Task, to: str) -> None:
    try:
        check_move(task.state, to)
    except MoveRefused as refused:
        labels = dict(TaskStateChoice.choices)
        allowed = "、".join(str(labels[state]) for state in refused.allowed) or _("无")
        raise InvalidTransition(
            _("任务当前为“%(state)s”，不能改为“%(to)s”；可以改为：%(allowed)s。") % {
                "state": labels[task.state], "to": labels.get(to, to), "allowed": allowed},
            state=task.state, to=to, allowed=[str(state) for state in refused.allowed]) from refused


def _may_move(actor, task: Task, to: str) -> None:
    policy.require(actor, "workplan.move", task)
    if by_administration_only(task.state, to) and not policy.can(actor, "workplan.manage", task):
        raise PermissionDeniedError("workplan.manage", _("取消任务或重新打开已完成的任务由国家标准化管理委员会的管理员办理。"))
    if not by_administration_only(task.state, to) and not policy.can(actor, "workplan.report", task):
        raise PermissionDeniedError("workplan.report", str(policy.DENIALS["workplan.report"]))


@transaction.atomic
def move_task(*, actor, task: Task, to: str, reason: str = "") -> Task:
    """Change the task's state as rules/workplan.py allows: the units start, finish or report a delay; the
    administration cancels or reopens. Cancelling, a delay and reopening need a reason."""
    task = _locked(task)
    _open(task)
    _refuse_move(task, to)
    _may_move(actor, task, to)
    reason = reason.strip()[:MAX_TEXT]
    if needs_reason(task.state, to) and not reason:
        message = _("请说明原因。")
        raise ValidationFailed(message, [{"field": "reason", "message": message}])
    return _move(task, to, actor=actor, reason=reason)


def _move(task: Task, to: str, *, actor, reason: str = "") -> Task:
    """The one place a task's state is assigned (with its ``moved`` event)."""
    before = task.state
    task.state, task.updated_at = to, clock.now()
    task.save(update_fields=["state", "updated_at"])
    _event(task, TaskEventKind.MOVED, actor=actor, from_state=before, reason=reason)
    return task


@transaction.atomic
def report_progress(*, actor, task: Task, percent: int, text: str, on: date | None = None,
                    to: str = "") -> ProgressReport:
    """A responsible unit's report: percent done (0–100), what was done, as of a date (today by default, not in
    the future). A first report on a task not started starts it; ``to`` also moves it (e.g. done, delayed), with
    the report's text as the reason. The task shows the latest report's percent."""
    policy.require(actor, "workplan.report", task)
    task = _locked(task)
    _open(task)
    today = clock.today()
    on = on or today
    problems = []
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        problems.append({"field": "percent", "message": _("完成进度应为 0 到 100 之间的整数。")})
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        problems.append({"field": "text", "message": _("请填写进展情况（不超过 %(max)s 个字）。") % {"max": MAX_TEXT}})
    if on > today or on.year < task.plan.year - 1:
        problems.append({"field": "on", "message": _("进展日期不能晚于今天，也不能早于计划年度的上一年。")})
    if task.state == TaskState.CANCELLED:
        problems.append({"field": "percent", "message": _("任务已取消，不再报告进展。")})
    if to and to != task.state:
        _refuse_move(task, to)
        _may_move(actor, task, to)
    if to == TaskState.DONE and percent != 100:
        problems.append({"field": "percent", "message": _("标记为已完成时，完成进度应为 100%。")})
    if problems:
        raise ValidationFailed(problems[0]["message"], problems)
    # the unit the report is for: the lead unit if the reporter belongs to it, else the reporter's co-responsible
    # unit (the platform replaying history reports for the lead unit)
    mine = unit_ids(actor) & task.unit_ids() if getattr(actor, "pk", None) else {task.lead_unit_id}
    unit = task.lead_unit if task.lead_unit_id in mine else Organisation.objects.filter(pk__in=mine).first()
    report = ProgressReport.objects.create(task=task, actor=user_or_none(actor), unit=unit, on=on, percent=percent,
                                           text=text, at=clock.now())
    task.percent, task.reported_on, task.updated_at = percent, on, clock.now()
    task.save(update_fields=["percent", "reported_on", "updated_at"])
    _event(task, TaskEventKind.REPORTED, actor=actor, data={"report": report.pk, "percent": percent})
    if to and to != task.state:
        _move(task, to, actor=actor, reason=text)
    elif task.state == TaskState.NOT_STARTED and percent > 0:
        _move(task, TaskState.IN_PROGRESS, actor=actor, reason=_("报告进展"))
    return report


@transaction.atomic
def link_evidence(*, actor, task: Task, kind: str, text: str, note: str = "") -> TaskEvidence:
    """Link a thing in the platform (read from what the person typed: biaozhun/evidence) to the task; linking the
    same thing twice is refused."""
    policy.require(actor, "workplan.report", task)
    task = _locked(task)
    _open(task)
    try:
        evidence = resolve(kind, text, viewer=actor)
    except EvidenceError as error:
        message = " ".join(error.messages)
        raise ValidationFailed(message, [{"field": "text", "message": message}]) from error
    if task.evidence.filter(kind=evidence.kind, key=evidence.key).exists():
        message = _("这项材料已经关联到本任务。")
        raise ValidationFailed(message, [{"field": "text", "message": message}])
    try:
        with transaction.atomic():
            link = TaskEvidence.objects.create(task=task, created_by=actor, note=note.strip()[:200],
                                               **evidence.fields())
    except IntegrityError as error:  # linked at the same moment by someone else
        message = _("这项材料已经关联到本任务。")
        raise ValidationFailed(message, [{"field": "text", "message": message}]) from error
    _event(task, TaskEventKind.EVIDENCE_ADDED, actor=actor, data={"kind": evidence.kind.value, "key": evidence.key})
    return link
