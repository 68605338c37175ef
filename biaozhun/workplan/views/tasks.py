"""A task's page (its text, units, state, progress reports, evidence and history) with the forms the viewer may
use: report progress (htmx: the form and the history are swapped in place), change state, assign units and the
due date, link evidence. And the page of one's own units' tasks."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.evidence import EvidenceKind, visible_links
from biaozhun.rules.workplan import allowed_moves, by_administration_only

from .. import selectors
from ..models import TaskStateChoice
from ..services.tasks import assign_task, link_evidence, move_task, report_progress
from .plans import BADGES


def _task(request, task_id: int):
    """The task if the viewer may see it; 404 alike for a task that does not exist and one hidden from them."""
    task = selectors.task(task_id)
    if task is None or not policy.can(request.user, "workplan.see_task", task):
        raise Http404
    return task


def _moves(user, task) -> list[tuple[str, str]]:
    if not task.in_plan or not policy.can(user, "workplan.move", task):
        return []
    manage = policy.can(user, "workplan.manage", task)
    report = policy.can(user, "workplan.report", task)
    labels = dict(TaskStateChoice.choices)
    return [(state.value, labels[state]) for state in allowed_moves(task.state)
            if (manage if by_administration_only(task.state, state) else report)]


def _context(request, task, *, errors: dict | None = None, values: dict | None = None) -> dict:
    may_report = task.in_plan and policy.can(request.user, "workplan.report", task)
    return {
        "task": task, "plan": task.plan, "badges": BADGES, "errors": errors or {}, "values": values or {},
        "reports": selectors.reports_of(task), "events": selectors.events_of(task),
        "evidence": visible_links(task.evidence.select_related("created_by"), viewer=request.user),
        "evidence_kinds": EvidenceKind.choices, "moves": _moves(request.user, task), "may_report": may_report,
        "may_manage": policy.can(request.user, "workplan.manage", task),
        "report_moves": [(value, label) for value, label in _moves(request.user, task)
                         if value in ("done", "delayed")],
        "today": clock.today().isoformat(),
    }


@login_required
@require_safe
def detail(request, task_id: int):
    return render(request, "workplan/task.html", _context(request, _task(request, task_id)))


def _failed(request, task, error: DomainError, *, template: str = "workplan/task.html", values: dict | None = None):
    errors = {problem["field"]: problem["message"] for problem in getattr(error, "errors", []) if "field" in problem}
    if not errors:
        errors["form"] = error.message
    htmx = bool(request.headers.get("HX-Request"))
    if not htmx:
        messages.error(request, error.message)
    # htmx swaps only successful answers: the form with its errors comes back as 200 (nothing was written)
    return render(request, template, _context(request, task, errors=errors, values=values),
                  status=200 if htmx else error.status)


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _percent(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def report(request, task_id: int):
    """A progress report; an htmx request gets the progress section back (form, latest figures, reports)."""
    task = _task(request, task_id)
    policy.require(request.user, "workplan.report", task)
    htmx = bool(request.headers.get("HX-Request"))
    template = "workplan/_progress.html" if htmx else "workplan/task.html"
    values = {"percent": request.POST.get("percent", ""), "text": request.POST.get("text", ""),
              "on": request.POST.get("on", "")}
    percent = _percent(values["percent"])
    on = _date(values["on"])
    try:
        if percent is None or (values["on"] and on is None):
            field = "percent" if percent is None else "on"
            message = _("完成进度应为 0 到 100 之间的整数。") if percent is None else _("请按 年-月-日 填写进展日期。")
            raise ValidationFailed(message, [{"field": field, "message": message}])
        report_progress(actor=request.user, task=task, percent=percent, text=values["text"], on=on,
                        to=request.POST.get("to", ""))
    except DomainError as error:
        return _failed(request, task, error, template=template, values=values)
    task = selectors.task(task.pk)
    if htmx:
        context = _context(request, task)
        context["saved"] = True
        return render(request, template, context)
    messages.success(request, _("进展已报告。"))
    return redirect(task)


@login_required
@require_POST
def move(request, task_id: int):
    task = _task(request, task_id)
    policy.require(request.user, "workplan.move", task)
    try:
        task = move_task(actor=request.user, task=task, to=request.POST.get("to", ""),
                         reason=request.POST.get("reason", "")[:2000])
    except DomainError as error:
        return _failed(request, task, error)
    messages.success(request, _("任务状态已改为“%(state)s”。") % {"state": task.get_state_display()})
    return redirect(task)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assign(request, task_id: int):
    task = _task(request, task_id)
    policy.require(request.user, "workplan.manage", task)
    organisations = Organisation.objects.order_by("kind", "name")
    context = {"task": task, "plan": task.plan, "organisations": organisations, "errors": {},
               "co_ids": {unit.pk for unit in task.co_units.all()}}
    if request.method != "POST":
        return render(request, "workplan/assign.html", context)
    lead = organisations.filter(pk=_percent(request.POST.get("lead_unit"))).first()
    co_ids = [pk for pk in (_percent(v) for v in request.POST.getlist("co_units")) if pk is not None]
    co_units = list(organisations.filter(pk__in=co_ids))
    due_on = _date(request.POST.get("due_on", ""))
    try:
        if request.POST.get("due_on") and due_on is None:
            raise ValidationFailed(_("请按 年-月-日 填写完成时限。"),
                                   [{"field": "due_on", "message": _("请按 年-月-日 填写完成时限。")}])
        assign_task(actor=request.user, task=task, lead_unit=lead, co_units=co_units, due_on=due_on)
    except DomainError as error:
        messages.error(request, error.message)
        context["errors"] = {p["field"]: p["message"] for p in getattr(error, "errors", []) if "field" in p}
        return render(request, "workplan/assign.html", context, status=error.status)
    messages.success(request, _("分工和完成时限已保存。"))
    return redirect(task)


@login_required
@require_POST
def evidence(request, task_id: int):
    task = _task(request, task_id)
    policy.require(request.user, "workplan.report", task)
    values = {"kind": request.POST.get("kind", ""), "evidence_text": request.POST.get("text", "")}
    try:
        link_evidence(actor=request.user, task=task, kind=values["kind"], text=values["evidence_text"],
                      note=request.POST.get("note", ""))
    except DomainError as error:
        errors = {"evidence_" + p["field"]: p["message"] for p in getattr(error, "errors", []) if "field" in p}
        messages.error(request, error.message)
        return render(request, "workplan/task.html", _context(request, task, errors=errors, values=values),
                      status=error.status)
    messages.success(request, _("材料已关联。"))
    return redirect(task)


@login_required
@require_safe
def mine(request):
    policy.require(request.user, "workplan.own")
    return render(request, "workplan/mine.html", {"tasks": selectors.my_tasks(viewer=request.user),
                                                  "badges": BADGES})
