"""Downloads of the figures (XLSX and CSV through core/spreadsheets.py, the only writer: text stays text) and the
yearly data report as PDF (core/pdf.py)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.core.pdf import PdfReport
from biaozhun.core.spreadsheets import Workbook, csv_writer

from . import implementation, labels, selectors
from .selectors import Figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
REPORT_DIMENSIONS = ("total", "tier", "nature", "ccs", "region")


def figure_rows(found: Figures) -> list[list[Any]]:
    return [[_("代码"), labels.dimension_label(found.dimension), _("数值")],
            *[[row.key, row.label, row.value] for row in found.rows]]


def _heading(found: Figures) -> list[str]:
    return [found.indicator.name, f"{found.year}", found.indicator.unit, found.indicator.formula]


def figures_xlsx(found: Figures) -> bytes:
    book = Workbook()
    sheet = book.sheet(found.indicator.name)
    sheet.append(_heading(found))
    for row in figure_rows(found):
        sheet.append(row)
    return book.to_bytes()


def figures_csv(found: Figures) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(_heading(found))
    writer.writerows(figure_rows(found))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def implementation_table(found: list[implementation.Row]) -> list[list[Any]]:
    rows = [[_("标准号"), _("标准名称"), _("技术委员会"), _("浏览、阅读和下载"), _("被引用"), _("企业自我声明"),
             _("双随机抽查"), _("得分"), _("实施强度")]]
    names = implementation.strength_names()
    for row in found:
        s = row.signals
        rows.append([row.identifier, row.title, row.tc_code, s.use, s.citations, s.declarations, s.inspections,
                     row.assessment.points, names[row.strength]])
    return rows


def implementation_xlsx(found: list[implementation.Row]) -> bytes:
    book = Workbook()
    sheet = book.sheet(_("强制性国家标准实施情况"))
    for row in implementation_table(found):
        sheet.append(row)
    return book.to_bytes()


def implementation_csv(found: list[implementation.Row]) -> bytes:
    out = io.StringIO()
    csv_writer(out).writerows(implementation_table(found))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _value(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def yearly_report(viewer: Any, year: int) -> bytes:
    """The data overview of a year (like the annual report's): each public indicator's national figure, then its
    tables by tier, nature, field and region where it has them."""
    title = _("%(year)s 年标准化统计数据报告") % {"year": year}
    writer = PdfReport(title)
    writer.text(title, size=16, gap=10)
    writer.text(_("数据截至 %(year)s 年 12 月 31 日，由平台记录计算，非人工填报。") % {"year": year}, size=9, gap=8)
    indicators = list(selectors.visible_indicators(viewer))
    writer.text(_("主要数据"), size=13, gap=6)
    key_rows = []
    for indicator in indicators:
        if "total" in indicator.dimensions:
            found = selectors.figures(indicator, "total", year)
            key_rows.append([indicator.name, _value(found.rows[0].value if found.rows else None), indicator.unit])
    writer.table([_("指标"), _("数值"), _("单位")], key_rows, widths=(0.6, 0.25, 0.15))
    for indicator in indicators:
        for dimension in indicator.dimensions:
            if dimension == "total" or (dimension not in REPORT_DIMENSIONS and len(indicator.dimensions) > 1):
                continue
            found = selectors.figures(indicator, dimension, year)
            if not found.rows:
                continue
            writer.space(6)
            writer.text(f"{indicator.name} · {labels.dimension_label(dimension)}（{indicator.unit}）", size=11, gap=4)
            writer.table([labels.dimension_label(dimension), _("数值")],
                         [[row.label, _value(row.value)] for row in found.rows[:40]], widths=(0.75, 0.25))
    return writer.finish()
