"""The annual report (年报) as XLSX (through the safe writer, core/spreadsheets.py: text stays text) and as PDF
(core/pdf.py: the Chinese text renders in any reader and can be extracted)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.core.pdf import PdfReport
from biaozhun.core.spreadsheets import Workbook

from .annual_report import AnnualReport, measure_label, project_headings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _percent(value: float | None) -> str:
    return f"{100 * value:.1f}%" if value is not None else _("不适用")


def _number(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "—"


def title(report: AnnualReport) -> str:
    return _("%(code)s %(name)s %(year)d 年度工作报告") % {
        "code": report.committee.code, "name": report.committee.name_zh, "year": report.year}


def summary(report: AnnualReport) -> list[tuple[str, str]]:
    """The first lines of the report: the committee and its assessment."""
    committee = report.committee
    decision = report.decision
    lines = [
        (_("技术委员会"), f"{committee.code} {committee.name_zh}"),
        (_("秘书处承担单位"), committee.secretariat.name if committee.secretariat_id else "—"),
        (_("对口国际组织"), committee.international_counterpart or "—"),
        (_("状态"), str(committee.get_status_display())),
        (_("年度"), str(report.year)),
        (_("数据截止日期"), report.as_of.isoformat()),
        (_("考核结果"), _("已定稿（第 %(version)d 版）") % {"version": report.assessment.version} if report.final
         else _("尚未定稿：以下指标按当前数据计算，仅供参考")),
    ]
    if report.final:
        lines += [(_("总分"), _number(report.total)), (_("等级"), report.grade_label)]
    if decision is not None:
        lines.append((_("处理决定"), f"{measure_label(decision.measure)} {decision.document} "
                                     f"{decision.decided_on.isoformat()}".strip()))
        if decision.correction_due:
            closed = decision.correction_closed_on
            lines.append((_("整改期限"), decision.correction_due.isoformat() + (
                _("（已于 %(day)s 验收）") % {"day": closed.isoformat()} if closed else "")))
    lines += [
        (_("表决委员"), _("%(n)d 人") % {"n": report.seats_total} + (
            _("；超过半数的类别：%(names)s") % {"names": "、".join(report.overweight)} if report.overweight else "")),
        (_("发布标准"), str(report.counts["standards"])),
        (_("完成复审"), str(report.counts["reviews"])),
        (_("审查投票"), str(report.counts["ballots"])),
        (_("收到征求意见"), str(report.counts["comments"])),
        (_("收到实施反馈"), str(report.counts["feedback"])),
    ]
    return lines


def indicator_headings() -> list[str]:
    return [_("指标"), _("分子"), _("分母"), _("比率"), _("得分"), _("权重")]


def indicator_rows(report: AnnualReport) -> list[list[Any]]:
    return [[row.name, row.numerator, row.denominator, _percent(row.ratio), _number(row.score), row.weight]
            for row in report.indicators]


def manual_rows(report: AnnualReport) -> list[list[Any]]:
    return [[row.name, _number(row.score), row.weight, row.remark] for row in report.manual]


def _sections(report: AnnualReport) -> list[tuple[str, list[str], list[list[Any]], Sequence[float]]]:
    """(heading, column headings, rows, relative column widths) of each table after the summary."""
    sections = [(_("考核指标"), indicator_headings(), indicator_rows(report), (0.34, 0.1, 0.1, 0.16, 0.14, 0.16))]
    if report.manual:
        sections.append((_("评分项"), [_("评分项"), _("得分"), _("权重"), _("评分说明")], manual_rows(report),
                         (0.24, 0.12, 0.12, 0.52)))
    sections += [
        (_("表决委员构成"), [_("利益相关方类别"), _("席位")], [[name, n] for name, n in report.seats], (0.6, 0.4)),
        (_("制修订项目（报批期限）"), project_headings(), report.projects, (0.16, 0.32, 0.12, 0.14, 0.14, 0.12)),
        (_("发布的标准"), [_("标准号"), _("标准名称"), _("发布日期")], report.standards, (0.26, 0.56, 0.18)),
        (_("复审"), [_("标准号"), _("复审结论"), _("复审日期")], report.reviews, (0.4, 0.3, 0.3)),
        (_("审查投票"), [_("计划号"), _("项目名称"), _("方式"), _("结束日期"), _("委员数"), _("赞成"), _("反对"),
                      _("弃权"), _("结果")], report.ballots, (0.14, 0.26, 0.1, 0.12, 0.08, 0.07, 0.07, 0.07, 0.09)),
    ]
    return sections


def report_xlsx(report: AnnualReport) -> bytes:
    book = Workbook()
    sheet = book.sheet(_("概况"))
    sheet.append([title(report)])
    for label, value in summary(report):
        sheet.append([label, value])
    sheet.worksheet.column_dimensions["A"].width = 18
    sheet.worksheet.column_dimensions["B"].width = 60
    for heading, headings, rows, widths in _sections(report):
        table = book.sheet(heading)
        table.append(headings)
        for row in rows:
            table.append(row)
        for index, width in enumerate(widths):
            table.worksheet.column_dimensions[chr(ord("A") + index)].width = max(8, round(width * 110))
    return book.to_bytes()


def report_pdf(report: AnnualReport) -> bytes:
    heading = title(report)
    writer = PdfReport(heading)
    writer.text(heading, size=15, gap=10)
    for label, value in summary(report):
        writer.text(f"{label}：{value}")
    for section, headings, rows, widths in _sections(report):
        writer.space(8)
        writer.text(section, size=12, gap=6)
        if rows:
            writer.table(headings, rows, widths)
        else:
            writer.text(_("无"), size=9)
    return writer.finish()
