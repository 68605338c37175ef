"""The groups' spreadsheets, through the one safe writer (core/spreadsheets.py: a name or comment typed as
"=..." stays text): the registry statistics and the comments an organisation received on a 征求意见."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from biaozhun.core.spreadsheets import Workbook

from .models import Announcement
from .selectors import Statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statistics_xlsx(statistics: Statistics) -> bytes:
    workbook = Workbook()
    for title, rows in ((_("按省份"), statistics.by_province), (_("按行业门类"), statistics.by_section)):
        sheet = workbook.sheet(title)
        _bold(sheet.append([_("代码"), _("名称"), _("社会团体数"), _("团体标准数")]))
        for place, organisations, standards in rows:
            sheet.append([place.code, place.name_zh, organisations, standards])
        _bold(sheet.append([_("合计"), "", statistics.organisations, statistics.standards]))
        sheet.worksheet.column_dimensions["B"].width = 36
    return workbook.to_bytes()


def comments_xlsx(announcement: Announcement, comments) -> bytes:
    """意见汇总表: one row per comment, in the order received, with who made it (the organisation's export keeps
    the names the public pages show as pseudonyms) and the pseudonym shown."""
    workbook = Workbook()
    sheet = workbook.sheet(_("意见汇总"))
    _bold(sheet.append([announcement.title]))
    _bold(sheet.append([_("序号"), _("章条号"), _("意见内容"), _("理由或修改建议"), _("提出人"), _("所在单位"),
                        _("提出时间"), _("公开显示为")]))
    for comment in comments:
        sheet.append([comment.number, comment.clause, comment.text, comment.reason, comment.author_name,
                      comment.organisation_name, comment.submitted_at.strftime("%Y-%m-%d %H:%M"), comment.pseudonym])
    for column, width in (("C", 60), ("D", 40), ("E", 16), ("F", 30), ("G", 18), ("H", 12)):
        sheet.worksheet.column_dimensions[column].width = width
    return workbook.to_bytes()


def _bold(cells: list) -> None:
    for cell in cells:
        cell.font = Font(bold=True)
