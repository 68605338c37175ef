"""A scheme's indicators as the pure rules see them (rules.leaders.Indicator), and the checks a new scheme passes
before it is stored, each problem naming its indicator and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.rules import leaders as rules

from .models import Direction, SchemeIndicator, ThresholdKind


@dataclass
class IndicatorInput:
    """One indicator of a new scheme, as a form, the API or a command gives it."""

    name: str
    direction: str
    threshold_kind: str
    thresholds: list[Any]
    unit: str = ""
    key: bool = True
    weight: Any = None
    requirement: Any = None
    requirement_source: str = ""
    problems: list[dict[str, str]] = field(default_factory=list, repr=False)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def rule_indicator(indicator: SchemeIndicator | IndicatorInput, *, requirement: Any = None) -> rules.Indicator:
    """The pure rules' indicator; fixed thresholds and the requirement as floats, as the ranking reads values."""
    direction = rules.Direction(indicator.direction)
    if indicator.threshold_kind == ThresholdKind.SHARE:
        thresholds: rules.FixedThresholds | rules.ShareThresholds = rules.ShareThresholds(
            tuple(Decimal(str(s)) for s in indicator.thresholds))
    else:
        thresholds = rules.FixedThresholds(tuple(float(Decimal(str(v))) for v in indicator.thresholds))
    required = indicator.requirement if requirement is None else requirement
    return rules.Indicator(indicator.name, direction, thresholds,
                           requirement=None if required is None else float(Decimal(str(required))),
                           key=indicator.key)


def clean_indicators(indicators: list[IndicatorInput]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The indicators as stored (decimal texts), and the problems: [{"field", "message"}]."""
    cleaned, problems = [], []
    names: set[str] = set()
    for index, item in enumerate(indicators):
        where = f"indicators[{index}]"
        label = item.name.strip() or _("第 %(n)d 个指标") % {"n": index + 1}

        def problem(name: str, message: str, where: str = where, label: str = label) -> None:
            problems.append({"field": f"{where}.{name}",
                             "message": _("%(label)s：%(message)s") % {"label": label, "message": message}})

        name = " ".join(item.name.split())
        if not name:
            problem("name", _("请填写指标名称。"))
        elif name.casefold() in names:
            problem("name", _("指标名称重复，每个指标只能出现一次。"))
        names.add(name.casefold())
        if item.direction not in Direction.values:
            problem("direction", _("方向应为“越高越好”（higher）或“越低越好”（lower）。"))
        if item.threshold_kind not in ThresholdKind.values:
            problem("threshold_kind", _("分档方式应为固定值（fixed）或比例（share）。"))
        try:
            thresholds = [_decimal(v) for v in item.thresholds]
            requirement = _decimal(item.requirement)
            weight = _decimal(item.weight)
        except ValueError as bad:
            problem("thresholds", _("“%(value)s”不是数字。") % {"value": bad.args[0]})
            continue
        if not thresholds or None in thresholds:
            problem("thresholds", _("请至少给出一个分档界限（分成界限数 + 1 档）。"))
            continue
        if item.threshold_kind == ThresholdKind.SHARE and not all(
                0 < a < b for a, b in zip(thresholds, [*thresholds[1:], Decimal(1)], strict=True)):
            problem("thresholds", _("比例界限应在 0 和 1 之间并逐档增大，例如 0.05, 0.2 表示最好的百分之五、再到最好的百分之二十。"))
        if item.threshold_kind == ThresholdKind.FIXED and item.direction in Direction.values:
            higher = item.direction == Direction.HIGHER
            below = [*thresholds[1:], *([requirement] if requirement is not None else [])]
            if not all((a > b if higher else a < b) for a, b in zip(thresholds, below, strict=False)):
                problem("thresholds", _("固定界限应从最好的一档开始，每档严于下一档，且都严于标准要求（最低一档不得低于标准要求）。"))
        if weight is not None and weight < 0:
            problem("weight", _("权重不能为负数。"))
        cleaned.append({
            "name": name, "unit": " ".join(item.unit.split()), "direction": item.direction, "key": bool(item.key),
            "weight": None if weight is None else str(weight), "threshold_kind": item.threshold_kind,
            "thresholds": [str(t) for t in thresholds], "requirement": None if requirement is None else str(requirement),
            "requirement_source": item.requirement_source.strip(),
        })
    key_rows = [row for row in cleaned if row["key"]]
    if indicators and not key_rows:
        problems.append({"field": "indicators", "message": _("请至少指定一个关键指标：综合分档由关键指标决定。")})
    if len({len(row["thresholds"]) for row in key_rows}) > 1:
        problems.append({"field": "indicators", "message": _("关键指标的档数应相同（分档界限个数相同）。")})
    if not indicators:
        problems.append({"field": "indicators", "message": _("评估方案至少要有一个指标。")})
    return cleaned, problems
