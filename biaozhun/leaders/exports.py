"""The gap report as XLSX (through the safe writer: text a person typed never becomes a formula) and as PDF
(core/pdf.py: the Chinese text renders and can be extracted)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from biaozhun.core.pdf import PdfReport
from biaozhun.core.spreadsheets import Workbook
from biaozhun.rules.leaders import Direction

from .gapreport import GapReport, outcome_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _headings() -> list[str]:
    return [_("指标"), _("单位"), _("声明值"), _("标准"), _("标准要求"), _("结果"), _("差距")]


def _requirement(row) -> str:
    if row.required is None:
        return ""
    sign = "≥" if row.required.direction is Direction.HIGHER else "≤"
    return f"{sign} {_plain(row.required.value)}"


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)


def report_rows(report: GapReport) -> list[list[str]]:
    rows = []
    for row in report.rows:
        unit = (row.declared or row.required).unit
        gap = ""
        if row.margin is not None:
            gap = _("优于要求 %(n)s") % {"n": _plain(row.margin)}
        elif row.shortfall is not None:
            gap = _("差 %(n)s") % {"n": _plain(row.shortfall)}
        rows.append([row.name, unit, _plain(row.declared.value) if row.declared else "",
                     row.required.standard if row.required else "", _requirement(row), outcome_label(row.outcome),
                     gap])
    return rows


def gap_xlsx(report: GapReport) -> bytes:
    book = Workbook()
    sheet = book.sheet(_("对标达标"))
    sheet.append([_("对标达标报告"), report.subject])
    sheet.append([_("对标标准"), "、".join(report.standards)])
    sheet.append([])
    sheet.append(_headings())
    for row in report_rows(report):
        sheet.append(row)
    if report.not_compared:
        sheet.append([])
        sheet.append([_("未比较的指标"), _("原因")])
        for name, why in report.not_compared:
            sheet.append([name, why])
    for column, width in zip("ABCDEFG", (24, 10, 12, 24, 14, 16, 16), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    return book.to_bytes()


def gap_pdf(report: GapReport) -> bytes:
    writer = PdfReport(_("对标达标报告"), margin=18 * mm)
    writer.text(_("对标达标报告"), size=16, gap=10)
    for text in (report.subject, _("对标标准：") + "、".join(report.standards)):
        writer.text(text, size=10)
    writer.space(6)
    writer.table(_headings(), report_rows(report), widths=(0.18, 0.08, 0.1, 0.18, 0.12, 0.18, 0.16), size=9)
    if report.not_compared:
        writer.space(8)
        writer.text(_("未比较的指标"), size=11, gap=6)
        for name, why in report.not_compared:
            writer.text(f"{name}：{why}", size=9, gap=3)
    return writer.finish()
