"""The adoption rate as XLSX, through the project's safe writer (core/spreadsheets.py: text stays text): the
formula and scope, the rate of every field, the trend, the candidates of the fields under the goal, and the
adoptions behind a newer edition."""

from __future__ import annotations

from django.utils.translation import gettext as _

from biaozhun.core.spreadsheets import Workbook

from . import behind, rows, selectors, texts
from .selectors import Result

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CANDIDATE_ROWS = 200_000


def _ratio(rate) -> float | None:
    return round(rate.value, 4) if rate.value is not None else None


def workbook(result: Result) -> bytes:
    query = result.query
    book = Workbook()
    summary = book.sheet(_("概况"))
    summary.append([_("国际标准转化率")])
    for label, value in [
        (_("统计日期"), result.today.isoformat()),
        (_("领域分类"), str(texts.DIMENSION_LABELS[query.dimension])),
        (_("范围"), query.within or _("全部")),
        (_("分子"), texts.numerator_words(query) + _("国际标准数")),
        (_("分母"), texts.denominator_words(query) + _("数")),
        (_("采用数"), result.tally.overall.adopted),
        (_("范围内国际标准数"), result.tally.overall.in_scope),
        (_("转化率"), _ratio(result.tally.overall)),
        (_("目标"), 0.9),
        (_("计算式"), texts.formula(query, result.tally.overall)),
    ]:
        summary.append([label, value])
    summary.worksheet.column_dimensions["A"].width = 18
    summary.worksheet.column_dimensions["B"].width = 90

    fields = book.sheet(_("各领域"))
    fields.append([_("领域"), _("名称"), _("采用数"), _("范围内国际标准数"), _("转化率"), _("待采用"), _("达到 90% 目标")])
    for code, rate in result.tally.fields.items():
        meets = rate.meets()
        fields.append([code or _("未分类"), result.names.get(code, ""), rate.adopted, rate.in_scope, _ratio(rate),
                       rate.candidates, "—" if meets is None else (_("是") if meets else _("否"))])

    trend = book.sheet(_("年度趋势"))
    trend.append([_("年末"), _("采用数"), _("范围内国际标准数"), _("转化率")])
    for year, rate in result.trend:
        trend.append([year, rate.adopted, rate.in_scope, _ratio(rate)])

    below = book.sheet(_("未达目标领域的候选"))
    below.append([_("领域"), _("名称"), _("领域转化率"), _("国际标准"), _("英文标题"), _("发布日期"), _("技术委员会")])
    written, data = 0, rows.catalogue()
    for code, rate in result.below:
        for standard in selectors.candidates(query, code, data=data):
            if written >= MAX_CANDIDATE_ROWS:
                break
            below.append([code or _("未分类"), result.names.get(code, ""), _ratio(rate), standard.identifier,
                          standard.title_en or standard.title_zh, standard.published_on, standard.tc_code])
            written += 1

    late = book.sheet(_("落后于新版的采用"))
    late.append([_("中国标准"), _("一致性程度"), _("采用的国际标准"), _("新版本"), _("新版本发布日期")])
    for relation in behind.behind(degrees=query.scope.degrees):
        late.append([relation.source.identifier, relation.degree, relation.target.identifier,
                     relation.newer_identifier, relation.newer_published_on])
    return book.to_bytes()
