"""The words beside a figure: what the numerator and the denominator count, the scope in a sentence, the names of
dimensions. Shared by the page, the API and the workbook so they say the same thing."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.catalog.models import Degree, Tier
from biaozhun.rules import adoption as rules

from .params import Query

DIMENSION_LABELS = {
    "ics": gettext_lazy("国际标准分类（ICS）"),
    "ccs": gettext_lazy("中国标准文献分类（CCS）"),
    "industry": gettext_lazy("国民经济行业分类"),
    "tc": gettext_lazy("国际标准化技术委员会（TC）"),
}
DELIVERABLE_LABELS = {
    "IS": gettext_lazy("国际标准（IS）"),
    "TS": gettext_lazy("技术规范（TS）"),
    "TR": gettext_lazy("技术报告（TR）"),
    "PAS": gettext_lazy("可公开提供规范（PAS）"),
    "GUIDE": gettext_lazy("指南（Guide）"),
    "IWA": gettext_lazy("国际研讨会协议（IWA）"),
}


def _listed(values, order, labels=None) -> str:
    return "、".join(str(labels[v]) if labels else v for v in order if v in values)


def numerator_words(query: Query) -> str:
    s = query.scope
    return _("其中已被现行%(tiers)s以%(degrees)s方式采用的") % {
        "tiers": _listed(s.adopting_tiers, rules.ADOPTING_TIERS, dict(Tier.choices)),
        "degrees": _listed(s.degrees, rules.DEGREES, {d.value: f"{d.label}（{d.value}）" for d in Degree}),
    }


def denominator_words(query: Query) -> str:
    s = query.scope
    words = _("%(status)s%(publishers)s发布的%(deliverables)s") % {
        "status": _("现行的") if s.in_force_only else _("已发布的（含已废止、被代替的）"),
        "publishers": _listed(s.publishers, rules.PUBLISHERS),
        "deliverables": _listed(s.deliverables, rules.DELIVERABLES, DELIVERABLE_LABELS),
    }
    if s.published_before:
        words += _("（%(day)s 及以前发布）") % {"day": s.published_before.isoformat()}
    return words


def percent(rate: rules.Rate) -> str:
    value = rate.value
    return f"{100 * value:.1f}%" if value is not None else _("不适用")


def formula(query: Query, rate: rules.Rate) -> str:
    """One line: 转化率 = 采用数 / 范围内数 = 9 / 10 = 90.0%."""
    return _("转化率 = %(numerator)s国际标准数 %(adopted)d ÷ %(denominator)s数 %(in_scope)d = %(percent)s") % {
        "numerator": numerator_words(query), "adopted": rate.adopted, "denominator": denominator_words(query),
        "in_scope": rate.in_scope, "percent": percent(rate)}
