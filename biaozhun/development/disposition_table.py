"""The 意见汇总处理表 (summary and disposition of comments) of a project as an XLSX workbook, in the format the
approval package expects: a title row, the header, one row per comment in number order, and the totals."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from biaozhun.core.spreadsheets import Workbook

from .models import Comment, Disposition, Project

# Column widths in characters (a CJK character is about two).
WIDTHS = (7, 14, 48, 36, 24, 11, 36)
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def headers() -> list[str]:
    return [_("序号"), _("标准章条编号"), _("意见内容"), _("修改建议"), _("提出单位（提出人）"), _("处理意见"), _("处理理由")]


def title(project: Project) -> str:
    committee = project.committee
    return _("标准名称：%(title)s　　计划号：%(plan)s　　承办人/技术委员会：%(committee)s") % {
        "title": project.title_zh, "plan": project.plan_number or "—",
        "committee": f"{committee.code} {committee.name_zh}"}


def summary(comments: list[Comment]) -> str:
    counts = {value: sum(1 for c in comments if c.disposition == value) for value in Disposition.values}
    return _("共收到意见 %(total)d 条，采纳 %(accepted)d 条，部分采纳 %(partly)d 条，未采纳 %(not_accepted)d 条，"
             "待处理 %(open)d 条。") % {
        "total": len(comments), "accepted": counts[Disposition.ACCEPTED], "partly": counts[Disposition.PARTLY],
        "not_accepted": counts[Disposition.NOT_ACCEPTED], "open": sum(1 for c in comments if not c.disposition)}


def _row(comment: Comment) -> list:
    source = (f"{comment.organisation_name}（{comment.author_name}）" if comment.organisation_name
              else comment.author_name)
    return [
        comment.number,
        comment.clause or _("全文"),
        comment.text,
        comment.proposal,
        source,
        str(Disposition(comment.disposition).label) if comment.disposition else _("待处理"),
        comment.disposition_reason,
    ]


def build(project: Project, comments: list[Comment]) -> bytes:
    """The workbook of `comments` (all of the project's, in number order: selectors.comments_for)."""
    workbook = Workbook()
    table = workbook.sheet(_("意见汇总处理表"))
    sheet = table.worksheet  # styling only: every value goes in through table.append
    columns = len(WIDTHS)

    table.append([title(project)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 36

    for cell in table.append(headers()):
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = BORDER

    for comment in comments:
        for cell in table.append(_row(comment)):
            cell.alignment = WRAP
            cell.border = BORDER

    table.append([summary(comments)])
    last = table.rows
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=columns)
    sheet.cell(last, 1).font = Font(bold=True)

    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook.to_bytes()
