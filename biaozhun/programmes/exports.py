"""The pilots list as XLSX, through the safe writer (core/spreadsheets.py): text a person typed stays text."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from biaozhun.core.spreadsheets import Workbook

from .models import Pilot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headings() -> list[str]:
    return [_("名称"), _("承担单位"), _("统一社会信用代码"), _("类型"), _("批次"), _("年度"), _("地区代码"), _("领域"),
            _("开始日期"), _("计划完成日期"), _("状态")]


def pilots_workbook(pilots: Iterable[Pilot]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.sheet(_("试点示范项目"))
    sheet.append(headings())
    for pilot in pilots:
        programme = pilot.programme
        sheet.append([pilot.name, pilot.organisation.name, pilot.organisation.uscc, programme.programme_type.name_zh,
                      programme.title, programme.year, pilot.region_code, pilot.field, pilot.started_on,
                      pilot.planned_end_on, str(pilot.get_state_display())])
    return book.to_bytes()
