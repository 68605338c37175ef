"""The year-end summary of a plan (年度工作要点落实情况汇总): every item with its units, due date, state, latest
progress and overdue mark, and the figures by part and by unit; as XLSX (the safe writer, core/spreadsheets.py)
and PDF (core/pdf.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from biaozhun.core import clock
from biaozhun.core.pdf import PdfReport
from biaozhun.core.spreadsheets import Workbook

from . import selectors
from .models import ProgressReport, WorkPlan


def _task_rows(plan: WorkPlan, viewer) -> list[list]:
    today = clock.today()
    latest = {}
    for report in (ProgressReport.objects.filter(task__plan=plan).order_by("task_id", "at", "id")
                   .only("task_id", "text")):
        latest[report.task_id] = report.text
    rows = []
    for task in selectors.tasks(viewer=viewer, plan=plan):
        rows.append([task.key, str(task.section.part.number_label) + task.section.part.heading,
                     task.text, task.lead_unit.name if task.lead_unit else "",
                     "、".join(unit.name for unit in task.co_units.all()),
                     task.due_on.isoformat() if task.due_on else "", task.get_state_display(), task.percent,
                     _("是") if task.overdue_on(today) else "", latest.get(task.pk, "")])
    return rows


def _headings() -> list[str]:
    return [_("编号"), _("部分"), _("工作内容"), _("牵头单位"), _("配合单位"), _("完成时限"), _("状态"),
            _("完成进度（%）"), _("逾期"), _("最近进展")]


def _figure_headings(first: str) -> list[str]:
    return [first, _("任务数"), _("已完成"), _("推进中"), _("滞后"), _("未启动"), _("已取消"), _("逾期"),
            _("完成率（%）")]


def _figures(row) -> list:
    return [row.total, row.done, row.count("in_progress"), row.count("delayed"), row.count("not_started"),
            row.count("cancelled"), row.overdue, row.percent_done]


def summary_xlsx(plan: WorkPlan, *, viewer) -> bytes:
    book = Workbook()
    items = book.sheet(_("工作任务"))
    items.append(_headings())
    for row in _task_rows(plan, viewer):
        items.append(row)
    parts, total = selectors.progress_by_part(plan)
    by_part = book.sheet(_("按部分统计"))
    by_part.append(_figure_headings(_("部分")))
    for row in parts:
        by_part.append([row.label, *_figures(row)])
    by_part.append([_("合计"), *_figures(total)])
    by_unit = book.sheet(_("按单位统计"))
    by_unit.append(_figure_headings(_("单位")))
    for row in selectors.progress_by_unit(plan):
        by_unit.append([row.label or _("尚未分工"), *_figures(row)])
    return book.to_bytes()


def summary_pdf(plan: WorkPlan, *, viewer) -> bytes:
    title = _("%(title)s落实情况汇总") % {"title": plan.title}
    report = PdfReport(title)
    report.text(title, size=15, gap=8)
    report.text(_("截至 %(date)s") % {"date": clock.today().isoformat()}, size=9, gap=8)
    parts, total = selectors.progress_by_part(plan)
    report.text(_("按部分统计"), size=12, gap=6)
    report.table(_figure_headings(_("部分")), [[row.label, *_figures(row)] for row in parts]
                 + [[_("合计"), *_figures(total)]], widths=(0.36, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08))
    report.space(8)
    report.text(_("按单位统计"), size=12, gap=6)
    report.table(_figure_headings(_("单位")),
                 [[row.label or _("尚未分工"), *_figures(row)] for row in selectors.progress_by_unit(plan)],
                 widths=(0.36, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08))
    report.space(8)
    report.text(_("工作任务"), size=12, gap=6)
    rows = [[row[0], row[2], row[3], row[5], row[6], row[7], row[8]] for row in _task_rows(plan, viewer)]
    report.table([_("编号"), _("工作内容"), _("牵头单位"), _("完成时限"), _("状态"), _("完成进度（%）"), _("逾期")], rows,
                 widths=(0.06, 0.46, 0.16, 0.1, 0.08, 0.08, 0.06))
    return report.finish()
