"""The work plan API, mounted at /api/v1/workplan/: the plans, a plan's tasks (filters as the plan page), one task
with its progress reports, evidence and history; a unit's progress report and a state change. Every operation
needs a personal API token or a signed-in session (the plan's progress is internal); the same selectors, services
and policy as the pages. Refusals are problem+json: 401 not signed in, 403 not allowed (the policy's sentence), 404
no such plan or task (or one hidden from you), 409 a state change the workflow does not allow, 422 invalid fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError

from . import selectors
from .models import Task, WorkPlan
from .services.tasks import move_task, report_progress

router = Router(tags=["workplan"])
READ_ERRORS = {401: Problem, 403: Problem, 404: Problem, **ERRORS}
WRITE_ERRORS = {**READ_ERRORS, 409: Problem}
STATES = "^(|not_started|in_progress|done|delayed|cancelled)$"


class WorkPlanPartOut(Schema):
    number: int
    heading: str
    tasks: int
    done: int
    overdue: int
    share_done: float = Field(description="done ÷ (tasks − cancelled)")


class WorkPlanOut(Schema):
    year: int
    title: str
    tasks: int
    done: int
    overdue: int
    url: str


class PlanDetailOut(WorkPlanOut):
    parts: list[WorkPlanPartOut]


class WorkPlanTaskOut(Schema):
    id: int
    key: str = Field(description="the item's number in the plan")
    part: int
    text: str
    lead_unit: str | None
    co_units: list[str]
    due_on: date | None
    state: str = Field(description="not_started, in_progress, done, delayed or cancelled")
    percent: int
    overdue: bool
    url: str


class ProgressReportOut(Schema):
    on: date
    percent: int
    text: str
    unit: str | None
    at: datetime


class TaskEventOut(Schema):
    kind: str
    at: datetime
    from_state: str
    to_state: str
    reason: str


class TaskEvidenceOut(Schema):
    kind: str
    label: str
    url: str


class TaskDetailOut(WorkPlanTaskOut):
    reports: list[ProgressReportOut]
    events: list[TaskEventOut]
    evidence: list[TaskEvidenceOut]


class WorkPlanTaskListOut(Schema):
    count: int
    items: list[WorkPlanTaskOut]


class WorkPlanTaskQueryIn(Schema):
    part: int | None = Field(None, ge=1, le=50)
    unit: int | None = Field(None, ge=1)
    state: str = Field("", pattern=STATES)
    overdue: bool = False
    q: str = Field("", max_length=60)
    limit: int = Field(200, ge=1, le=500)
    offset: int = Field(0, ge=0, le=100_000)


class ProgressReportIn(Schema):
    percent: int = Field(ge=0, le=100)
    text: str = Field(max_length=2000)
    on: date | None = Field(None, description="as of (default today)")
    to: str = Field("", pattern=STATES, description="also change the state (e.g. done, delayed)")


class TaskMoveIn(Schema):
    to: str = Field(pattern=STATES[:2] + STATES[3:])
    reason: str = Field("", max_length=2000, description="required to cancel, report a delay or reopen")


def _task_out(task: Task) -> dict[str, Any]:
    return {"id": task.pk, "key": task.key, "part": task.section.part.number, "text": task.text,
            "lead_unit": task.lead_unit.name if task.lead_unit else None,
            "co_units": [unit.name for unit in task.co_units.all()], "due_on": task.due_on, "state": task.state,
            "percent": task.percent, "overdue": task.overdue, "url": task.get_absolute_url()}


def _plan_out(plan: WorkPlan, *, parts: bool = False) -> dict[str, Any]:
    rows, total = selectors.progress_by_part(plan)
    out = {"year": plan.year, "title": plan.title, "tasks": total.total, "done": total.done,
           "overdue": total.overdue, "url": plan.get_absolute_url()}
    if parts:
        out["parts"] = [{"number": row.key, "heading": row.label, "tasks": row.total, "done": row.done,
                         "overdue": row.overdue, "share_done": round(row.share_done, 4)} for row in rows]
    return out


def _plan(request, year: int) -> WorkPlan:
    policy.require(request.user, "workplan.view")
    plan = selectors.plan_for_year(year)
    if plan is None:
        raise NotFoundError(_("没有这一年度的工作要点。"))
    return plan


def _task(request, task_id: int) -> Task:
    task = selectors.task(task_id)
    if task is None or not policy.can(request.user, "workplan.see_task", task):
        raise NotFoundError(_("没有这项工作任务。"))
    return task


def _task_detail(request, task: Task) -> dict[str, Any]:
    from biaozhun.evidence import visible_links

    return {**_task_out(task),
            "reports": [{"on": r.on, "percent": r.percent, "text": r.text, "unit": r.unit.name if r.unit else None,
                         "at": r.at} for r in selectors.reports_of(task)],
            "events": [{"kind": e.kind, "at": e.at, "from_state": e.from_state, "to_state": e.to_state,
                        "reason": e.reason} for e in selectors.events_of(task)],
            "evidence": [{"kind": shown.link.kind, "label": shown.label, "url": shown.url}
                         for shown in visible_links(task.evidence.all(), viewer=request.user)]}


@router.get("/plans", auth=SIGNED_IN, response={200: list[WorkPlanOut], **READ_ERRORS},
            summary="The yearly work plans with their totals (staff roles)")
def workplan_plans(request):
    policy.require(request.user, "workplan.view")
    return [_plan_out(plan) for plan in selectors.plans()]


@router.get("/plans/{int:plan_year}", auth=SIGNED_IN, response={200: PlanDetailOut, **READ_ERRORS},
            summary="One year's plan with progress by part (staff roles)")
def workplan_plan(request, plan_year: int):
    return _plan_out(_plan(request, plan_year), parts=True)


@router.get("/plans/{int:plan_year}/tasks", auth=SIGNED_IN, response={200: WorkPlanTaskListOut, **READ_ERRORS},
            summary="A plan's tasks, filtered by part, unit, state, overdue or words (staff roles)")
def workplan_tasks(request, plan_year: int, query: Query[WorkPlanTaskQueryIn]):
    plan = _plan(request, plan_year)
    found = selectors.tasks(viewer=request.user, plan=plan, query=selectors.TaskQuery(
        part=query.part, unit=query.unit, state=query.state, overdue=query.overdue, q=query.q).cleaned())
    return {"count": found.count(), "items": [_task_out(t) for t in found[query.offset:query.offset + query.limit]]}


@router.get("/tasks/{int:task_id}", auth=SIGNED_IN, response={200: TaskDetailOut, **READ_ERRORS},
            summary="One task with its progress reports, evidence and history (staff roles and its units)")
def workplan_task(request, task_id: int):
    return _task_detail(request, _task(request, task_id))


@router.post("/tasks/{int:task_id}/reports", auth=SIGNED_IN, response={201: TaskDetailOut, **WRITE_ERRORS},
             summary="Report progress on a task (a member of its lead or co-responsible unit)")
def workplan_report(request, task_id: int, payload: ProgressReportIn):
    task = _task(request, task_id)
    report_progress(actor=request.user, task=task, percent=payload.percent, text=payload.text, on=payload.on,
                    to=payload.to)
    return 201, _task_detail(request, selectors.task(task.pk))


@router.post("/tasks/{int:task_id}/move", auth=SIGNED_IN, response={200: TaskDetailOut, **WRITE_ERRORS},
             summary="Change a task's state (its units: start, finish, delay; the administration: cancel, reopen)")
def workplan_move(request, task_id: int, payload: TaskMoveIn):
    task = _task(request, task_id)
    move_task(actor=request.user, task=task, to=payload.to, reason=payload.reason)
    return _task_detail(request, selectors.task(task.pk))
