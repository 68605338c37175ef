"""对标达标: the gap report of an enterprise's indicators against the requirements of chosen standards, with the
comparison of rules/gaps.py (names and units normalised, no unit conversion, decimal arithmetic).

The enterprise's side is one of its declarations (each indicator row read as the value it guarantees in the
direction of the requirement it is compared with, as the ranking does: mapping.py) or lines it types
("name | unit | value"). The requirements come from a 领跑者 scheme (each indicator's national or industry
requirement; the tier thresholds are not requirements) and/or typed lines ("standard | name | unit | value |
higher or lower"). A declared row that guarantees nothing in the requirement's direction (at least x against a
limit), or is text, is listed apart, with why it was not compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.declarations.models import Comparator, Declaration
from biaozhun.rules.gaps import Declared, Gap, Outcome, Required, compare, same_name
from biaozhun.rules.leaders import Direction

from .mapping import guaranteed
from .models import Scheme

MAX_LINES = 200
OUTCOMES = {
    Outcome.MEETS: gettext_lazy("达到"),
    Outcome.BELOW: gettext_lazy("未达到"),
    Outcome.NOT_COMPARABLE: gettext_lazy("单位不同，不比较"),
    Outcome.NO_REFERENCE: gettext_lazy("所选标准无此指标"),
    Outcome.NOT_DECLARED: gettext_lazy("企业未声明此指标"),
}
HIGHER_WORDS = {"higher", "高", "越高越好", "≥", ">=", "不小于", "不低于"}
LOWER_WORDS = {"lower", "低", "越低越好", "≤", "<=", "不大于", "不高于"}


@dataclass
class GapReport:
    subject: str  # the declaration's number and enterprise, or "手工填写的指标"
    standards: list[str]
    rows: list[Gap]
    not_compared: list[tuple[str, str]] = field(default_factory=list)  # (indicator, why)

    def counts(self) -> dict[str, int]:
        return {outcome: sum(1 for row in self.rows if row.outcome == outcome) for outcome in Outcome}


class LineProblem(ValueError):
    """A typed line that cannot be read: ``field`` and ``message`` say which and what to do."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


def _number(text: str, where: str, field_name: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace("，", ".").replace(",", ""))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise LineProblem(field_name, _("%(where)s：“%(text)s”不是数字。") % {"where": where, "text": text.strip()})
    return value


def _lines(text: str, field_name: str, columns: int, example: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.replace("｜", "|").split("|")]
        if len(parts) != columns:
            raise LineProblem(field_name, _("第 %(n)d 行应有 %(columns)d 栏，用“|”分隔，例如：%(example)s") % {
                "n": number, "columns": columns, "example": example})
        rows.append((number, parts))
    if len(rows) > MAX_LINES:
        raise LineProblem(field_name, _("最多 %(n)d 行。") % {"n": MAX_LINES})
    return rows


def typed_declared(text: str) -> list[Declared]:
    found = []
    for number, (name, unit, value) in _lines(text, "indicators", 3, "能效指数 | % | 45"):
        if not name:
            raise LineProblem("indicators", _("第 %(n)d 行：请填写指标名称。") % {"n": number})
        found.append(Declared(name, unit, _number(value, _("第 %(n)d 行") % {"n": number}, "indicators")))
    return found


def typed_required(text: str) -> list[Required]:
    found = []
    for number, (standard, name, unit, value, direction) in _lines(
            text, "requirements", 5, "GB 12021.2-2015 | 能效指数 | % | 62 | 越低越好"):
        where = _("第 %(n)d 行") % {"n": number}
        if not standard or not name:
            raise LineProblem("requirements", _("%(where)s：请填写标准号和指标名称。") % {"where": where})
        if direction.lower() in HIGHER_WORDS:
            way = Direction.HIGHER
        elif direction.lower() in LOWER_WORDS:
            way = Direction.LOWER
        else:
            raise LineProblem("requirements", _("%(where)s：最后一栏写“越高越好”或“越低越好”。") % {"where": where})
        found.append(Required(standard, name, unit, _number(value, where, "requirements"), way))
    return found


def scheme_required(scheme: Scheme) -> list[Required]:
    """A scheme's requirements (indicators without one are left out)."""
    return [Required(indicator.requirement_source or f"{scheme.key_product.name} · {scheme.title}", indicator.name,
                     indicator.unit, indicator.requirement, Direction(indicator.direction))
            for indicator in scheme.indicators.all() if indicator.requirement is not None]


def declaration_declared(declaration: Declaration, required: list[Required]) -> tuple[list[Declared],
                                                                                      list[tuple[str, str]]]:
    """The declaration's rows as values, each in the direction of the first requirement of the same name (higher
    when there is none), and the rows that could not be compared, with why."""
    found, apart = [], []
    for row in declaration.indicators.all():
        direction = next((req.direction for req in required if same_name(row.name, req.name)), Direction.HIGHER)
        if row.comparator == Comparator.TEXT:
            apart.append((row.name, _("文字描述，不比较：%(text)s") % {"text": row.text}))
            continue
        value = guaranteed(row.comparator, row.lower, row.upper, direction)
        if value is None:
            apart.append((row.name, _("声明为“%(comparator)s”，与标准要求的方向相反，不能确定是否达到。") % {
                "comparator": row.get_comparator_display()}))
            continue
        exact = {"ge": row.lower, "le": row.upper, "eq": row.lower if row.lower is not None else row.upper,
                 "range": row.lower if direction is Direction.HIGHER else row.upper}[row.comparator]
        found.append(Declared(row.name, row.unit, exact.normalize() if exact is not None else value))
    return found, apart


def build_report(*, subject: str, declared: list[Declared], required: list[Required],
                 not_compared: list[tuple[str, str]] = ()) -> GapReport:
    standards = list(dict.fromkeys(req.standard for req in required))
    return GapReport(subject, standards, compare(declared, required), list(not_compared))


def outcome_label(outcome: str) -> str:
    return str(OUTCOMES[Outcome(outcome)])
