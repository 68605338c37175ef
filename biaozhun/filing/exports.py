"""Filing statistics as an XLSX workbook, through the one spreadsheet writer (core/spreadsheets.py: a name or
title typed as "=..." stays text)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from biaozhun.core.spreadsheets import Workbook

from .models import FilingTier
from .selectors.statistics import FilingStatistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statistics_xlsx(statistics: FilingStatistics) -> bytes:
    """Two sheets: filings per authority and year, and per tier and year (totals in the last column and row)."""
    workbook = Workbook()
    tiers = dict(FilingTier.choices)
    years = statistics.years

    sheet = workbook.sheet(_("按备案单位"))
    _header(sheet.append([_("备案单位"), _("类别"), *years, _("合计")]))
    for row in statistics.rows:
        sheet.append([row.authority.name, str(tiers[row.tier]), *(row.by_year.get(y, 0) for y in years), row.total])
    _header(sheet.append([_("合计"), "", *(statistics.year_total(y) for y in years), statistics.total]))
    sheet.worksheet.column_dimensions["A"].width = 36
    sheet.worksheet.freeze_panes = "C2"

    sheet = workbook.sheet(_("按年份"))
    _header(sheet.append([_("年份"), *(str(label) for label in tiers.values()), _("合计")]))
    for year in years:
        sheet.append([year, *(statistics.by_tier.get(tier, {}).get(year, 0) for tier in tiers), statistics.year_total(year)])
    _header(sheet.append([_("合计"), *(statistics.tier_total(tier) for tier in tiers), statistics.total]))
    return workbook.to_bytes()


def _header(cells: list) -> None:
    for cell in cells:
        cell.font = Font(bold=True)
