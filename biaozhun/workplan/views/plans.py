"""Supervision pages of a year's plan: the plan with its parts and items (filters: part, unit, state, overdue),
progress by part and by unit with a bar chart, the overdue items, the year-end summary as XLSX and PDF, and the
administrators' import page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.core.charts import bar_chart
from biaozhun.core.errors import DomainError
from biaozhun.core.files import safe_filename
from biaozhun.core.pdf import PDF
from biaozhun.core.upload_limits import upload_limit, upload_refusal

from .. import exports, selectors
from ..models import TaskStateChoice
from ..services.plans import decode_plan_text, import_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BADGES = {"not_started": "text-bg-light border", "in_progress": "text-bg-info", "done": "text-bg-success",
          "delayed": "text-bg-warning", "cancelled": "text-bg-secondary"}
TEXT_TYPES = {"text/plain", "application/octet-stream", ""}


def _plan(request, year: int):
    policy.require(request.user, "workplan.view")
    plan = selectors.plan_for_year(year)
    if plan is None:
        raise Http404
    return plan


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@login_required
@require_safe
def index(request):
    policy.require(request.user, "workplan.view")
    plans = list(selectors.plans())
    if len(plans) == 1 and not policy.can(request.user, "workplan.manage"):
        return redirect(plans[0])
    return render(request, "workplan/index.html", {
        "plans": plans, "may_manage": policy.can(request.user, "workplan.manage")})


@login_required
@require_safe
def plan(request, year: int):
    plan = _plan(request, year)
    query = selectors.TaskQuery(part=_int(request.GET.get("part")), unit=_int(request.GET.get("unit")),
                                state=request.GET.get("state", ""), overdue=request.GET.get("overdue") == "1",
                                q=request.GET.get("q", "")).cleaned()
    tasks = list(selectors.tasks(viewer=request.user, plan=plan, query=query))
    parts = selectors.parts_of(plan)
    sections = {}
    for task in tasks:
        sections.setdefault(task.section, []).append(task)
    return render(request, "workplan/plan.html", {
        "plan": plan, "query": query, "parts": parts, "grouped": list(sections.items()), "count": len(tasks),
        "units": selectors.units_of(plan), "states": TaskStateChoice.choices, "badges": BADGES,
        "may_manage": policy.can(request.user, "workplan.manage"),
    })


@login_required
@require_safe
def progress(request, year: int):
    plan = _plan(request, year)
    parts, total = selectors.progress_by_part(plan)
    units = selectors.progress_by_unit(plan)
    chart = bar_chart(
        id="progress-by-part", title=_("各部分完成情况"),
        description=_("每个部分的任务数和已完成数；数字见下表。"),
        labels=[row.label for row in parts],
        series=[(_("任务数"), [row.total for row in parts]), (_("已完成"), [row.done for row in parts])])
    return render(request, "workplan/progress.html", {
        "plan": plan, "parts": parts, "total": total, "units": units, "chart": chart})


@login_required
@require_safe
def overdue(request, year: int):
    plan = _plan(request, year)
    return render(request, "workplan/overdue.html", {
        "plan": plan, "tasks": selectors.overdue(viewer=request.user, plan=plan), "badges": BADGES})


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def summary_xlsx(request, year: int):
    plan = _plan(request, year)
    return _download(exports.summary_xlsx(plan, viewer=request.user), f"workplan-{plan.year}.xlsx", XLSX)


@login_required
@require_safe
def summary_pdf(request, year: int):
    plan = _plan(request, year)
    return _download(exports.summary_pdf(plan, viewer=request.user), f"workplan-{plan.year}.pdf", PDF)


@upload_limit("BIAOZHUN_MAX_WORKPLAN_UPLOAD_BYTES", signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_view(request):
    policy.require(request.user, "workplan.manage")
    context = {"errors": {}, "year": request.POST.get("year", "")}
    if request.method != "POST":
        return render(request, "workplan/import.html", context)
    refusal = upload_refusal(request)
    upload = request.FILES.get("file")
    year = _int(request.POST.get("year"))
    problem = refusal
    if problem is None and upload is None:
        problem = _("请选择工作要点的文本文件（.txt）。")
    elif problem is None and (not upload.name.lower().endswith(".txt") or upload.content_type not in TEXT_TYPES):
        problem = _("只接受纯文本文件（.txt）；请把 Word 或 PDF 文件另存为纯文本后再上传。")
    if problem:
        context["errors"] = {"file": problem}
        messages.error(request, problem)
        return render(request, "workplan/import.html", context, status=413 if refusal else 400)
    if year is None:
        context["errors"] = {"year": _("请填写年度。")}
        return render(request, "workplan/import.html", context, status=400)
    try:
        result = import_plan(actor=request.user, year=year, text=decode_plan_text(upload.read()),
                             source_name=upload.name)
    except DomainError as error:
        messages.error(request, error.message)
        context["errors"] = {problem["field"]: problem["message"] for problem in getattr(error, "errors", [])}
        return render(request, "workplan/import.html", context, status=error.status)
    if result.created:
        messages.success(request, _("已导入 %(year)s 年工作要点：%(count)s 项工作任务。") % {
            "year": year, "count": len(result.added)})
    elif result.changes_anything:
        messages.success(request, _("已按新文本更新：新增 %(added)s 项，修改 %(changed)s 项，删除 %(removed)s 项；"
                                    "各项任务的分工和进展保留不变。") % {
            "added": len(result.added) + len(result.restored), "changed": len(result.changed),
            "removed": len(result.removed)})
    else:
        messages.info(request, _("文本与已导入的版本相同，没有变化。"))
    return redirect(result.plan)
