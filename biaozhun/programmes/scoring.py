"""The weighted score of a pilot's evaluation: pure Python, no Django.

Each evaluator scores each criterion from 0 to 100. A criterion's score is the mean of its evaluators' scores; the
total is the weighted mean of the criteria's scores (weights need not add up to 100), rounded half up to one
decimal. The evaluation passes when every criterion has at least one score and the total reaches the pass mark.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Criterion:
    code: str
    weight: Decimal


@dataclass(frozen=True)
class Result:
    by_criterion: dict[str, Decimal | None]  # mean of the evaluators' scores, None when nobody scored it
    total: Decimal | None  # None until every criterion has a score
    passed: bool


def _round(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def weighted_result(criteria: Iterable[Criterion], scores: Iterable[Mapping[str, Decimal | int | float | None]],
                    pass_mark: Decimal | int) -> Result:
    """``scores``: one mapping per evaluator, criterion code → score (None or missing: not scored)."""
    criteria = list(criteria)
    sheets = list(scores)
    means: dict[str, Decimal | None] = {}
    for criterion in criteria:
        given = [Decimal(str(sheet[criterion.code])) for sheet in sheets if sheet.get(criterion.code) is not None]
        means[criterion.code] = sum(given, Decimal(0)) / len(given) if given else None
    weight_sum = sum((c.weight for c in criteria), Decimal(0))
    if not criteria or weight_sum <= 0 or any(mean is None for mean in means.values()):
        return Result({code: _round(m) if m is not None else None for code, m in means.items()}, None, False)
    total = _round(sum((c.weight * means[c.code] for c in criteria), Decimal(0)) / weight_sum)
    return Result({code: _round(m) for code, m in means.items()}, total, total >= Decimal(str(pass_mark)))
