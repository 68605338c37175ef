"""The yearly assessment of technical committees (考核评估, work-plan item 106): which indicators the platform
computes, how each ratio becomes a score, the weighted total, the grade, and the measure a failing grade calls for.
Pure: no Django. The administration edits a scheme per year (weights, thresholds, grade boundaries, manual items);
`validate_scheme` checks one and says what is wrong with each field.

Indicators (each a ratio numerator / denominator of what the platform knows about a committee's year; a ratio
with nothing to count, 0 / 0, is *not applicable* and its weight is shared among the others):

=====================  =======================================================================================
projects_on_time       projects that went to approval (报批) in the year by their deadline, of those that went
                       in the year plus those still undelivered past their deadline at the year's end
reviews_on_time        periodic reviews (复审) concluded in the year before they were overdue, of those plus the
                       in-force standards still overdue at the year's end
feedback_in_time       implementation feedback received in the year answered within its time limit, of those
                       answered plus those still open past their deadline
comments_disposed      comments received in the year on the committee's drafts that have a disposition
vote_attendance        votes cast (recusal included) on the rolls of the ballots closed in the year
balance                voting seats at the year's end less the seats a category holds beyond half (the seats to
                       change for balance), of all voting seats (rules/committees.overweight_categories)
international          the mirrored ISO/IEC committee's current standards adopted IDT or MOD by a current
                       national standard, of its current standards in the catalogue (only with a counterpart)
=====================  =======================================================================================

A ratio r becomes a score from 0 to 100: 100 at or above ``full_at``, 0 at or below ``zero_at``, linear between.
Manual items (e.g. secretariat work, openness) are scored 0–100 by an assessor. The total is the weighted mean of
the applicable items, rounded to one decimal; the grade follows from the rounded total (what people read is what
decides). A failing grade calls for correction (整改); a total below ``suspend_below`` for suspension (暂停), below
``revoke_below`` for revocation (撤销); a second failing year in a row one step more (seed item 106: "重点监督检查前期
考核结果不合格的技术委员会,坚决暂停一批、撤销一批").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .committees import overweight_categories
from .cycles import add_months


class Indicator(StrEnum):
    """Stored in schemes and assessments: never renamed."""

    PROJECTS_ON_TIME = "projects_on_time"
    REVIEWS_ON_TIME = "reviews_on_time"
    FEEDBACK_IN_TIME = "feedback_in_time"
    COMMENTS_DISPOSED = "comments_disposed"
    VOTE_ATTENDANCE = "vote_attendance"
    BALANCE = "balance"
    INTERNATIONAL = "international"


class Grade(StrEnum):
    EXCELLENT = "excellent"  # 优秀
    GOOD = "good"  # 良好
    PASS = "pass"  # 合格  # noqa: S105 (a grade, not a password)
    FAIL = "fail"  # 不合格


class Measure(StrEnum):
    """What the administration may order for a failing committee, mildest first."""

    CORRECTION = "correction"  # 限期整改
    SUSPENSION = "suspension"  # 暂停工作
    REVOCATION = "revocation"  # 撤销


MEASURES: tuple[Measure, ...] = (Measure.CORRECTION, Measure.SUSPENSION, Measure.REVOCATION)


class Delivery(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if self.denominator < 0 or not 0 <= self.numerator <= max(self.denominator, 0):
            raise ValueError(f"not a ratio: {self.numerator}/{self.denominator}")

    @property
    def applicable(self) -> bool:
        return self.denominator > 0

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True, slots=True)
class IndicatorRule:
    code: Indicator
    weight: int
    full_at: float  # a ratio at or above scores 100
    zero_at: float  # a ratio at or below scores 0


@dataclass(frozen=True, slots=True)
class ManualItem:
    code: str  # a-z, 0-9 and _; stored with the scores
    name_zh: str
    name_en: str
    weight: int


@dataclass(frozen=True)
class Scheme:
    indicators: tuple[IndicatorRule, ...]
    manual_items: tuple[ManualItem, ...]
    excellent_from: float = 90.0
    good_from: float = 75.0
    pass_from: float = 60.0
    suspend_below: float = 45.0
    revoke_below: float = 30.0
    correction_days: int = 180  # the default time given for correction, from the decision
    weights: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = {rule.code.value: rule.weight for rule in self.indicators}
        weights.update({item.code: item.weight for item in self.manual_items})
        object.__setattr__(self, "weights", weights)

    def rule(self, code: str) -> IndicatorRule:
        return next(rule for rule in self.indicators if rule.code == code)

    def as_dict(self) -> dict[str, Any]:
        """JSON for storage and snapshots; `scheme_from_dict` reads it back."""
        data = {name: value for name, value in asdict(self).items() if name != "weights"}
        data["indicators"] = [{**asdict(rule), "code": rule.code.value} for rule in self.indicators]
        data["manual_items"] = [asdict(item) for item in self.manual_items]
        return data


DEFAULT_SCHEME = Scheme(
    indicators=(
        IndicatorRule(Indicator.PROJECTS_ON_TIME, 20, 0.9, 0.5),
        IndicatorRule(Indicator.REVIEWS_ON_TIME, 10, 0.9, 0.5),
        IndicatorRule(Indicator.FEEDBACK_IN_TIME, 10, 0.95, 0.6),
        IndicatorRule(Indicator.COMMENTS_DISPOSED, 10, 1.0, 0.6),
        IndicatorRule(Indicator.VOTE_ATTENDANCE, 10, 0.9, 0.5),
        IndicatorRule(Indicator.BALANCE, 10, 1.0, 0.8),
        IndicatorRule(Indicator.INTERNATIONAL, 10, 0.8, 0.3),
    ),
    manual_items=(
        ManualItem("secretariat", "秘书处工作", "Secretariat work", 10),
        ManualItem("openness", "公开透明", "Openness", 10),
    ),
)


# --- Scores, total, grade, measure ---------------------------------------------------------------------------
def score(ratio: float | None, *, full_at: float, zero_at: float) -> float | None:
    """0–100 for a ratio; None for a ratio that is not applicable. Requires full_at > zero_at."""
    if ratio is None:
        return None
    if full_at <= zero_at:
        raise ValueError("full_at must be above zero_at")
    if ratio >= full_at:
        return 100.0
    if ratio <= zero_at:
        return 0.0
    return 100.0 * (ratio - zero_at) / (full_at - zero_at)


def total(scores: Mapping[str, float | None], weights: Mapping[str, int]) -> float | None:
    """The weighted mean of the applicable scores (None ones and weight 0 left out), to one decimal; None when
    nothing applies."""
    applicable = [(weights[code], value) for code, value in scores.items()
                  if value is not None and weights.get(code, 0) > 0]
    weight = sum(w for w, _value in applicable)
    if not weight:
        return None
    return round(sum(w * value for w, value in applicable) / weight, 1)


def grade_of(value: float | None, scheme: Scheme) -> Grade | None:
    if value is None:
        return None
    if value >= scheme.excellent_from:
        return Grade.EXCELLENT
    if value >= scheme.good_from:
        return Grade.GOOD
    if value >= scheme.pass_from:
        return Grade.PASS
    return Grade.FAIL


def measure_for(grade: Grade | None, value: float | None, previous: Sequence[Grade | None],
                scheme: Scheme) -> Measure | None:
    """The measure a grade calls for (None unless it fails). ``previous``: the grades of the years before, the
    latest first (None for a year without a finalised assessment)."""
    if grade is not Grade.FAIL or value is None:
        return None
    if value < scheme.revoke_below:
        step = 2
    elif value < scheme.suspend_below:
        step = 1
    else:
        step = 0
    if previous and previous[0] is Grade.FAIL:
        step += 1
    return MEASURES[min(step, len(MEASURES) - 1)]


def scores_of(ratios: Mapping[str, Ratio], manual: Mapping[str, float | None], scheme: Scheme) -> dict[str, float | None]:
    """Every item's score: the indicators' from their ratios, the manual items' as given (None: not scored)."""
    found: dict[str, float | None] = {}
    for rule in scheme.indicators:
        ratio = ratios.get(rule.code)
        found[rule.code.value] = score(ratio.value if ratio else None, full_at=rule.full_at, zero_at=rule.zero_at)
    for item in scheme.manual_items:
        found[item.code] = manual.get(item.code)
    return found


# --- How the platform's records count --------------------------------------------------------------------------
def project_delivery(*, deadline: date, delivered_on: date | None, ended_on: date | None, start: date,
                     end: date) -> Delivery | None:
    """How a project with an approval deadline counts for the period start..end (inclusive): delivered (first gone
    to approval) in the period, on time or late; still undelivered past its deadline at the end (late, every year
    until it is delivered); or not at all (delivered before, terminated by the end, or not yet due)."""
    if delivered_on is not None and delivered_on <= end:
        if delivered_on < start:
            return None
        return Delivery.ON_TIME if delivered_on <= deadline else Delivery.LATE
    if ended_on is not None and ended_on <= end:
        return None
    return Delivery.LATE if deadline < end else None


def review_on_time(*, base: date, concluded_on: date, years: int, grace_months: int) -> bool:
    """A periodic review concluded before it was overdue (``years`` and ``grace_months`` after its base: the last
    confirmation, else publication; rules/reviews.py)."""
    return concluded_on < add_months(base, 12 * years + grace_months)


def review_base(published_on: date | None, confirmations: Iterable[date], before: date) -> date | None:
    """The date a review concluded on ``before`` ran from: the latest confirmation before it, else publication."""
    earlier = [day for day in confirmations if day < before]
    candidates = [*earlier, *([published_on] if published_on else [])]
    return max(candidates) if candidates else None


def balance_ratio(categories: Iterable[str], *, min_seats: int = 1) -> tuple[Ratio, list[tuple[str, int, int]]]:
    """(voting seats less those held beyond half by an overweight category, of all voting seats), and the
    overweight categories. Fewer than ``min_seats`` seats: not applicable (the balance rule is not yet applied)."""
    categories = list(categories)
    seats = len(categories)
    if seats < max(min_seats, 1):
        return Ratio(0, 0), []
    overweight = overweight_categories(categories)
    excess = sum(held - seats // 2 for _category, held, _total in overweight)
    return Ratio(seats - excess, seats), overweight


# --- Validation of a scheme the administration edits ----------------------------------------------------------
class SchemeProblem(StrEnum):
    MISSING = "missing"  # a required field is absent or not a number
    WEIGHT_RANGE = "weight_range"  # 0..100
    WEIGHT_SUM = "weight_sum"  # weights add up to 100
    RATIO_RANGE = "ratio_range"  # 0..1
    THRESHOLD_ORDER = "threshold_order"  # full_at > zero_at
    INDICATOR_SET = "indicator_set"  # every indicator once
    ITEM_CODE = "item_code"  # a-z0-9_, 1..30, unique
    ITEM_NAME = "item_name"  # required, ≤ 60 characters
    TOO_MANY_ITEMS = "too_many_items"
    BOUND_ORDER = "bound_order"  # 0 < pass < good < excellent ≤ 100
    MEASURE_ORDER = "measure_order"  # 0 ≤ revoke ≤ suspend ≤ pass
    DAYS_RANGE = "days_range"  # 1..730


MAX_MANUAL_ITEMS = 10
ITEM_CODE = re.compile(r"[a-z][a-z0-9_]{0,29}")


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # "indicators.projects_on_time.weight", "manual_items[1].code", "pass_from", "weights"
    code: SchemeProblem
    detail: str = ""


def _number(data: Mapping[str, Any], key: str, field_name: str, problems: list[Problem]) -> float | None:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(field_name, SchemeProblem.MISSING))
        return None
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinite
        problems.append(Problem(field_name, SchemeProblem.MISSING))
        return None
    return float(value)


def _weight(data: Mapping[str, Any], field_name: str, problems: list[Problem]) -> int | None:
    value = _number(data, "weight", f"{field_name}.weight", problems)
    if value is None:
        return None
    if value != int(value) or not 0 <= value <= 100:
        problems.append(Problem(f"{field_name}.weight", SchemeProblem.WEIGHT_RANGE))
        return None
    return int(value)


def validate_scheme(data: Mapping[str, Any]) -> tuple[Scheme | None, list[Problem]]:
    """The scheme ``data`` describes (as `Scheme.as_dict` writes it), or None and every problem found."""
    problems: list[Problem] = []
    rules: list[IndicatorRule] = []
    given = data.get("indicators") if isinstance(data.get("indicators"), list) else []
    codes = [row.get("code") for row in given if isinstance(row, Mapping)]
    if sorted(map(str, codes)) != sorted(Indicator) or len(given) != len(Indicator):
        problems.append(Problem("indicators", SchemeProblem.INDICATOR_SET))
    for row in given:
        if not isinstance(row, Mapping) or row.get("code") not in set(Indicator):
            continue
        where = f"indicators.{row['code']}"
        weight = _weight(row, where, problems)
        full_at = _number(row, "full_at", f"{where}.full_at", problems)
        zero_at = _number(row, "zero_at", f"{where}.zero_at", problems)
        for name, value in (("full_at", full_at), ("zero_at", zero_at)):
            if value is not None and not 0 <= value <= 1:
                problems.append(Problem(f"{where}.{name}", SchemeProblem.RATIO_RANGE))
        if full_at is not None and zero_at is not None and 0 <= zero_at < full_at <= 1:
            if weight is not None:
                rules.append(IndicatorRule(Indicator(row["code"]), weight, full_at, zero_at))
        elif full_at is not None and zero_at is not None and 0 <= zero_at <= 1 and 0 <= full_at <= 1:
            problems.append(Problem(f"{where}.full_at", SchemeProblem.THRESHOLD_ORDER))
    items: list[ManualItem] = []
    manual = data.get("manual_items") if isinstance(data.get("manual_items"), list) else []
    if len(manual) > MAX_MANUAL_ITEMS:
        problems.append(Problem("manual_items", SchemeProblem.TOO_MANY_ITEMS, str(MAX_MANUAL_ITEMS)))
    seen: set[str] = set()
    for index, row in enumerate(manual[:MAX_MANUAL_ITEMS]):
        where = f"manual_items[{index}]"
        row = row if isinstance(row, Mapping) else {}
        code = str(row.get("code", "")).strip()
        if not ITEM_CODE.fullmatch(code) or code in seen or code in set(Indicator):
            problems.append(Problem(f"{where}.code", SchemeProblem.ITEM_CODE, code))
        seen.add(code)
        name_zh, name_en = " ".join(str(row.get("name_zh", "")).split()), " ".join(str(row.get("name_en", "")).split())
        if not name_zh or len(name_zh) > 60 or len(name_en) > 100:
            problems.append(Problem(f"{where}.name_zh", SchemeProblem.ITEM_NAME))
        weight = _weight(row, where, problems)
        if weight is not None:
            items.append(ManualItem(code, name_zh, name_en, weight))
    if not problems and sum(r.weight for r in rules) + sum(i.weight for i in items) != 100:
        problems.append(Problem("weights", SchemeProblem.WEIGHT_SUM,
                                str(sum(r.weight for r in rules) + sum(i.weight for i in items))))
    bounds = {name: _number(data, name, name, problems) for name in (
        "excellent_from", "good_from", "pass_from", "suspend_below", "revoke_below")}
    if None not in (bounds["excellent_from"], bounds["good_from"], bounds["pass_from"]) and not (
            0 < bounds["pass_from"] < bounds["good_from"] < bounds["excellent_from"] <= 100):
        problems.append(Problem("pass_from", SchemeProblem.BOUND_ORDER))
    if None not in (bounds["pass_from"], bounds["suspend_below"], bounds["revoke_below"]) and not (
            0 <= bounds["revoke_below"] <= bounds["suspend_below"] <= bounds["pass_from"]):
        problems.append(Problem("suspend_below", SchemeProblem.MEASURE_ORDER))
    days = _number(data, "correction_days", "correction_days", problems)
    if days is not None and (days != int(days) or not 1 <= days <= 730):
        problems.append(Problem("correction_days", SchemeProblem.DAYS_RANGE))
    if problems:
        return None, problems
    order = {code: index for index, code in enumerate(Indicator)}
    return Scheme(indicators=tuple(sorted(rules, key=lambda r: order[r.code])), manual_items=tuple(items),
                  correction_days=int(days), **{name: float(value) for name, value in bounds.items()}), []


def scheme_from_dict(data: Mapping[str, Any]) -> Scheme:
    """A stored scheme (always valid when it was stored); raises ValueError if it is not."""
    scheme, problems = validate_scheme(data)
    if scheme is None:
        raise ValueError(f"invalid assessment scheme: {problems}")
    return scheme
