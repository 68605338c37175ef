"""The names people read for the assessment's vocabularies, and the problems of a scheme said in their language
(rules/assessment.py is pure and untranslated: it names each problem by code and field)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from biaozhun.rules.assessment import Problem, SchemeProblem

from .models import IndicatorChoice

FIELD_NAMES = {
    "weight": lambda: _("权重"),
    "full_at": lambda: _("满分线"),
    "zero_at": lambda: _("零分线"),
    "code": lambda: _("代码"),
    "name_zh": lambda: _("名称"),
}
TOP_NAMES = {
    "excellent_from": lambda: _("优秀分数线"),
    "good_from": lambda: _("良好分数线"),
    "pass_from": lambda: _("合格分数线"),
    "suspend_below": lambda: _("建议暂停分数线"),
    "revoke_below": lambda: _("建议撤销分数线"),
    "correction_days": lambda: _("整改期限（天）"),
    "weights": lambda: _("权重合计"),
    "indicators": lambda: _("计算指标"),
    "manual_items": lambda: _("评分项"),
}


def _where(field: str) -> str:
    """“项目按期完成率·权重”, “评分项 2·代码”, “合格分数线”: the field a person finds on the form."""
    if field.startswith("indicators."):
        _prefix, code, name = field.split(".", 2)
        return f"{IndicatorChoice(code).label}·{FIELD_NAMES[name]()}"
    if field.startswith("manual_items["):
        index = int(field[len("manual_items["):field.index("]")])
        name = field.split(".", 1)[1] if "." in field else ""
        item = _("评分项 %(n)d") % {"n": index + 1}
        return f"{item}·{FIELD_NAMES[name]()}" if name else item
    return TOP_NAMES[field]()


def _what(problem: Problem) -> str:
    texts = {
        SchemeProblem.MISSING: lambda: _("请填写数字。"),
        SchemeProblem.WEIGHT_RANGE: lambda: _("权重应为 0 到 100 之间的整数（0 表示不计入）。"),
        SchemeProblem.WEIGHT_SUM: lambda: _("全部计算指标和评分项的权重之和应为 100，现为 %(sum)s。") % {
            "sum": problem.detail},
        SchemeProblem.RATIO_RANGE: lambda: _("应为 0 到 1 之间的比例，如 0.9 表示 90%。"),
        SchemeProblem.THRESHOLD_ORDER: lambda: _("满分线应高于零分线。"),
        SchemeProblem.INDICATOR_SET: lambda: _("每个计算指标须列出一次；不计入的指标请把权重设为 0。"),
        SchemeProblem.ITEM_CODE: lambda: _("代码用小写字母开头，只含小写字母、数字和下划线，最多 30 个字符，且各项不同。"),
        SchemeProblem.ITEM_NAME: lambda: _("请填写名称（中文最多 60 个字符，英文最多 100 个字符）。"),
        SchemeProblem.TOO_MANY_ITEMS: lambda: _("评分项最多 %(n)s 项。") % {"n": problem.detail},
        SchemeProblem.BOUND_ORDER: lambda: _("分数线应满足 0 < 合格 < 良好 < 优秀 ≤ 100。"),
        SchemeProblem.MEASURE_ORDER: lambda: _("应满足 0 ≤ 建议撤销分数线 ≤ 建议暂停分数线 ≤ 合格分数线。"),
        SchemeProblem.DAYS_RANGE: lambda: _("整改期限应为 1 到 730 天。"),
    }
    return texts[problem.code]()


def problem_messages(problems: list[Problem]) -> list[dict[str, str]]:
    """[{"field", "message"}] for ValidationFailed: the message names the field and what to do."""
    return [{"field": p.field, "message": _("%(where)s：%(what)s") % {"where": _where(p.field), "what": _what(p)},
             "code": p.code.value} for p in problems]
