"""The gap report as XLSX (through the safe writer: text a person typed never becomes a formula) and as PDF
(reportlab with its built-in Chinese CID font STSong-Light, so the Chinese text renders and can be extracted)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from biaozhun.core.spreadsheets import Workbook
from biaozhun.rules.leaders import Direction

from .gapreport import GapReport, outcome_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


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


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, line = [], ""
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def gap_pdf(report: GapReport) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("对标达标报告"))
    width, height = A4
    margin = 18 * mm
    widths = [0.18, 0.08, 0.1, 0.18, 0.12, 0.18, 0.16]
    columns = [margin + sum(widths[:i]) * (width - 2 * margin) for i in range(len(widths))]
    y = height - margin
    size = 9

    def line(texts: list[str], bold_size: float = size) -> None:
        nonlocal y
        wrapped = [_wrap(text, widths[i] * (width - 2 * margin) - 4, bold_size) for i, text in enumerate(texts)]
        needed = max(len(w) for w in wrapped) * (bold_size + 3)
        if y - needed < margin:
            pdf.showPage()
            y = height - margin
        pdf.setFont(FONT, bold_size)
        for i, cell in enumerate(wrapped):
            for j, text in enumerate(cell):
                pdf.drawString(columns[i], y - j * (bold_size + 3), text)
        y -= needed + 3

    pdf.setFont(FONT, 16)
    pdf.drawString(margin, y, _("对标达标报告"))
    y -= 24
    pdf.setFont(FONT, 10)
    for text in (report.subject, _("对标标准：") + "、".join(report.standards)):
        for part in _wrap(text, width - 2 * margin, 10):
            pdf.drawString(margin, y, part)
            y -= 14
    y -= 6
    line(_headings())
    for row in report_rows(report):
        line(row)
    if report.not_compared:
        y -= 8
        pdf.setFont(FONT, 11)
        pdf.drawString(margin, y, _("未比较的指标"))
        y -= 16
        for name, why in report.not_compared:
            for part in _wrap(f"{name}：{why}", width - 2 * margin, size):
                if y < margin:
                    pdf.showPage()
                    y = height - margin
                pdf.setFont(FONT, size)
                pdf.drawString(margin, y, part)
                y -= size + 3
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
