"""A scheme's indicators: as a form, the API or a command gives them (``IndicatorInput``), as stored and copied into
a run's snapshot (a dict of decimal texts, ``stored_row``), and as the pure rules see them (``rule_indicator``).

``clean_indicators`` checks a scheme before it is stored, each problem naming its indicator and field. The checks
are the pure rules' own: each indicator is built as a ``rules.leaders.Indicator`` (its thresholds strictly better
than the next and than the requirement, so the lowest tier never reaches below the national or industry
requirement; shares increasing in (0, 1)) and the set is asked ``rules.leaders.scheme_problems`` (a key indicator,
key indicators with as many tiers); this module only says them in the reader's language, on the right field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.rules import leaders as rules
from biaozhun.rules.gaps import same_name

from .models import Direction, SchemeIndicator, ThresholdKind

MAX_THRESHOLDS = 3  # 2–4 tiers (rules.leaders rule 5)
MAX_ALIASES = 20
LIMITS = {"name": 200, "unit": 40, "requirement_source": 200}


@dataclass
class IndicatorInput:
    """One indicator of a scheme, as a form, the API or a command gives it."""

    name: str
    direction: str
    threshold_kind: str
    thresholds: list[Any]
    unit: str = ""
    key: bool = True
    requirement: Any = None
    requirement_source: str = ""
    aliases: list[str] = field(default_factory=list)


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


def _text(value: Decimal) -> str:
    """A decimal as stored: no exponent, no trailing zeros ("62", "0.05", "1E+1" → "10")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def stored_row(indicator: SchemeIndicator) -> dict[str, Any]:
    """A stored indicator as the services store and snapshot it (the keys ``clean_indicators`` returns)."""
    return {"name": indicator.name, "unit": indicator.unit, "direction": indicator.direction, "key": indicator.key,
            "threshold_kind": indicator.threshold_kind, "thresholds": [str(t) for t in indicator.thresholds],
            "requirement": None if indicator.requirement is None else _text(indicator.requirement),
            "requirement_source": indicator.requirement_source, "aliases": list(indicator.aliases)}


def rule_indicator(row: Mapping[str, Any]) -> rules.Indicator:
    """The pure rules' indicator of a stored row; fixed thresholds and the requirement as floats, as the ranking
    reads the declared values (so what is checked here is what the ranking compares)."""
    if row["threshold_kind"] == ThresholdKind.SHARE:
        thresholds: rules.FixedThresholds | rules.ShareThresholds = rules.ShareThresholds(
            tuple(Decimal(str(s)) for s in row["thresholds"]))
    else:
        thresholds = rules.FixedThresholds(tuple(float(Decimal(str(v))) for v in row["thresholds"]))
    requirement = row.get("requirement")
    return rules.Indicator(row["name"], rules.Direction(row["direction"]), thresholds,
                           requirement=None if requirement is None else float(Decimal(str(requirement))),
                           key=bool(row.get("key", True)))


def _words(values: Any) -> list[str]:
    """Names one per item (a text is split on lines), spaces collapsed, blanks and repeats dropped."""
    if isinstance(values, str):
        values = values.splitlines()
    seen: list[str] = []
    for value in values or ():
        word = " ".join(str(value).split())
        if word and not any(same_name(word, other) for other in seen):
            seen.append(word)
    return seen


def clean_indicators(indicators: list[IndicatorInput]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The indicators as stored (decimal texts), and the problems: [{"field", "message"}], the field as
    ``indicators[i].<name>`` (i counting from 0) or ``indicators`` for the scheme as a whole."""
    cleaned: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    taken: list[tuple[str, int]] = []  # every name and alias so far, with its indicator
    for index, item in enumerate(indicators):
        where = f"indicators[{index}]"
        label = " ".join(str(item.name).split()) or _("第 %(n)d 个指标") % {"n": index + 1}
        before = len(problems)

        def problem(name: str, message: str, where: str = where, label: str = label) -> None:
            problems.append({"field": f"{where}.{name}",
                             "message": _("%(label)s：%(message)s") % {"label": label, "message": message}})

        name, unit = " ".join(str(item.name).split()), " ".join(str(item.unit).split())
        source = str(item.requirement_source or "").strip()
        aliases = [a for a in _words(item.aliases) if not same_name(a, name)]
        if not name:
            problem("name", _("请填写指标名称。"))
        for key, value in (("name", name), ("unit", unit), ("requirement_source", source)):
            if len(value) > LIMITS[key]:
                problem(key, _("最多 %(limit)d 个字符。") % {"limit": LIMITS[key]})
        if len(aliases) > MAX_ALIASES or any(len(a) > LIMITS["name"] for a in aliases):
            problem("aliases", _("其他名称最多 %(n)d 个，每个不超过 %(limit)d 个字符。") % {
                "n": MAX_ALIASES, "limit": LIMITS["name"]})
        words = ([(name, "name")] if name else []) + [(alias, "aliases") for alias in aliases]
        for word, field_name in words:
            if any(same_name(word, other) for other, _owner in taken):
                problem(field_name, _("“%(word)s”已是另一个指标的名称或其他名称；一个声明的指标只能对应方案的一个指标。")
                        % {"word": word})
        taken += [(word, index) for word, _field in words]
        if item.direction not in Direction.values:
            problem("direction", _("方向应为“越高越好”（higher）或“越低越好”（lower）。"))
        if item.threshold_kind not in ThresholdKind.values:
            problem("threshold_kind", _("分档方式应为固定值（fixed）或比例（share）。"))
        try:
            thresholds = [_decimal(v) for v in item.thresholds]
        except ValueError as bad:
            problem("thresholds", _("“%(value)s”不是数字。") % {"value": bad.args[0]})
            thresholds = []
        else:
            if not thresholds or None in thresholds or len(thresholds) > MAX_THRESHOLDS:
                problem("thresholds", _("请给出 1 至 %(n)d 个分档界限（分成界限数 + 1 档，即 2 至 4 档）。") % {
                    "n": MAX_THRESHOLDS})
                thresholds = []
        try:
            requirement = _decimal(item.requirement)
        except ValueError as bad:
            problem("requirement", _("“%(value)s”不是数字。") % {"value": bad.args[0]})
            requirement = None
        else:
            if requirement is None:
                problem("requirement", _("请填写国家标准或行业标准对该指标的要求值：最低一档不得低于它。"))
            elif requirement.as_tuple().exponent < -8 or abs(requirement) >= Decimal("1e16"):
                problem("requirement", _("要求值最多 16 位整数、8 位小数。"))
        if len(problems) > before:
            continue
        row = {"name": name, "unit": unit, "direction": item.direction, "key": bool(item.key),
               "threshold_kind": item.threshold_kind, "thresholds": [_text(t) for t in thresholds],
               "requirement": _text(requirement), "requirement_source": source, "aliases": aliases}
        try:
            rule_indicator(row)  # the rules' own checks of the thresholds against each other and the requirement
        except ValueError:
            if item.threshold_kind == ThresholdKind.SHARE:
                problem("thresholds", _("比例界限应在 0 和 1 之间并逐档增大，例如 0.05, 0.2 表示最好的百分之五、再到最好的百分之二十。"))
            else:
                problem("thresholds", _("固定界限应从最好的一档开始，每档严于下一档，且都严于标准要求（最低一档不得低于标准要求）。"))
            continue
        cleaned.append(row)
    if len(cleaned) == len(indicators):  # each indicator is valid: ask the rules about the scheme as a whole
        for code, _name in rules.scheme_problems([rule_indicator(row) for row in cleaned]):
            message = SCHEME_PROBLEMS.get(code)
            if message:
                problems.append({"field": "indicators", "message": str(message)})
    return cleaned, problems


SCHEME_PROBLEMS = {
    rules.SchemeProblem.NO_INDICATOR: gettext_lazy("评估方案至少要有一个指标。"),
    rules.SchemeProblem.NO_KEY_INDICATOR: gettext_lazy("请至少指定一个关键指标：综合分档由关键指标决定。"),
    rules.SchemeProblem.KEY_TIER_COUNTS: gettext_lazy("关键指标的档数应相同（分档界限个数相同）。"),
    # REPEATED_NAME is said on the indicator's own name field (names are compared as the mapping compares them).
}
