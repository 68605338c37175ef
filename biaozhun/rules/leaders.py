"""企业标准"领跑者": tiers of the indicator values enterprises declared, for one evaluation scheme.

This text is published beside every tier list. Rules ``biaozhun-leaders/1``:

1. Indicators. Each indicator of the scheme has a direction (higher is better, or lower is better) and usually a
   requirement: the limit of the national or industry standard the product must meet (at least the requirement when
   higher is better, at most it when lower is better; equal meets it). A value that does not meet the requirement,
   a value not declared and a value that is not a finite number are excluded and listed with the reason.

2. Tiers, best first: ``len(thresholds) + 1`` of them, by one of
   - fixed values ``t1, t2, …``, each strictly better than the next and than the requirement: tier i holds the
     values at least as good as t_i that are in no better tier; the last tier holds the other qualified values;
   - shares of the qualified population, cumulative and increasing, e.g. ``(0.05, 0.20)``: with Q qualified values,
     ``c_i = ceil(share_i × Q)`` (exact decimal) and the boundary b_i is the c_i-th best qualified value; tier i holds
     the values at least as good as b_i that are in no better tier; the last tier holds the rest.
   Ties at a boundary go to the better tier: a value equal to a boundary is in that boundary's tier, so a tier may
   hold more than its share and the next one less, even nothing. Each tier states its bound (its members are at
   least as good as it); the lowest tier's bound is the requirement, and no qualified value is below it, so the
   lowest tier never reaches below the requirement.

3. No order within a tier: members are listed by key (the enterprise's code), which is not a ranking.

4. No ranking when it would say nothing: when every qualified value is equal (one qualified value included), no
   tier is formed and the result says so (status ``all_equal``), listing the qualified keys unranked; with no
   qualified value the status is ``none_qualified``.

5. A scheme of several indicators. An enterprise takes part when it declared every indicator of the scheme and
   every value meets its requirement; otherwise it is excluded with every reason (indicator and cause). Each
   indicator is tiered (2–4) over the enterprises taking part, so shares are shares of the same population. Key
   indicators (关键指标) decide the combined tier: the worst of the enterprise's tiers over the key indicators that
   are ranked; a key indicator whose values are all equal separates nobody and is left out. So a leader (combined
   tier 1) is in the top tier of every ranked key indicator, and an enterprise at least as good as another on every
   key indicator is never in a worse combined tier. Other indicators must meet their requirements; their tiers are
   shown, not combined. Key indicators have the same number of tiers. When no key indicator is ranked there is no
   combined ranking (``all_equal``) and no leader.

Pure: no Django.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

RULES = "biaozhun-leaders/1"

Number = int | float | Decimal


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better: a minimum requirement (≥)
    LOWER = "lower"  # lower is better: a limit (≤)


class Ranking(StrEnum):
    RANKED = "ranked"
    ALL_EQUAL = "all_equal"
    NONE_QUALIFIED = "none_qualified"


class Reason(StrEnum):
    BELOW_REQUIREMENT = "below_requirement"
    NOT_DECLARED = "not_declared"
    NOT_A_NUMBER = "not_a_number"


class SchemeProblem(StrEnum):
    """Why a set of indicators is not a scheme rule 5 can rank (``scheme_problems``)."""

    NO_INDICATOR = "no_indicator"
    REPEATED_NAME = "repeated_name"
    NO_KEY_INDICATOR = "no_key_indicator"
    KEY_TIER_COUNTS = "key_tier_counts"  # key indicators with different numbers of tiers


@dataclass(frozen=True, slots=True)
class FixedThresholds:
    values: tuple[Number, ...]  # best tier's first


@dataclass(frozen=True, slots=True)
class ShareThresholds:
    shares: tuple[Decimal, ...]  # cumulative: (0.05, 0.20) = the best 5 %, then down to the best 20 %

    def __post_init__(self) -> None:
        shares = tuple(Decimal(str(s)) for s in self.shares)
        if not shares or not all(0 < a < b for a, b in zip(shares, (*shares[1:], Decimal(1)), strict=True)):
            raise ValueError("shares must increase strictly, above 0 and below 1")
        object.__setattr__(self, "shares", shares)


@dataclass(frozen=True, slots=True)
class Indicator:
    name: str
    direction: Direction
    thresholds: FixedThresholds | ShareThresholds
    requirement: Number | None = None  # from the national or industry standard
    key: bool = True  # a key indicator (关键指标) decides the combined tier

    def __post_init__(self) -> None:
        if self.requirement is not None and not _finite(self.requirement):
            raise ValueError(f"{self.name}: the requirement must be a finite number")
        if isinstance(self.thresholds, FixedThresholds):
            bounds = self.thresholds.values
            if not bounds or not all(_finite(b) for b in bounds):
                raise ValueError(f"{self.name}: thresholds must be finite numbers, at least one")
            below = (*bounds[1:], self.requirement) if self.requirement is not None else bounds[1:]
            if not all(self.better(a, b) for a, b in zip(bounds, below, strict=False)):
                raise ValueError(f"{self.name}: each threshold must be strictly better than the next and than "
                                 "the requirement")

    @property
    def tier_count(self) -> int:
        t = self.thresholds
        return len(t.values if isinstance(t, FixedThresholds) else t.shares) + 1

    def better(self, a: Number, b: Number) -> bool:
        """Whether `a` is strictly better than `b`."""
        return a > b if self.direction is Direction.HIGHER else a < b

    def exclusion(self, value: Number | None) -> Reason | None:
        """Why the value takes no part, or None."""
        if value is None:
            return Reason.NOT_DECLARED
        if not _finite(value):
            return Reason.NOT_A_NUMBER
        if self.requirement is not None and self.better(self.requirement, value):
            return Reason.BELOW_REQUIREMENT
        return None


@dataclass(frozen=True, slots=True)
class Tier:
    number: int  # 1 is the best
    bound: Number | None  # members are at least as good as this; the lowest tier's is the requirement
    keys: tuple[str, ...]  # by key: no order within a tier


@dataclass(frozen=True, slots=True)
class Excluded:
    key: str
    reason: Reason
    value: Number | None
    indicator: str = ""


@dataclass(frozen=True)
class Tiering:
    status: Ranking
    tiers: tuple[Tier, ...] = ()  # empty unless ranked
    unranked: tuple[str, ...] = ()  # the qualified keys when there is no ranking
    excluded: tuple[Excluded, ...] = ()
    indicators: dict[str, Tiering] = field(default_factory=dict)  # a scheme's tiers per indicator

    @property
    def leaders(self) -> tuple[str, ...]:
        return self.tiers[0].keys if self.status is Ranking.RANKED else ()

    def tier_of(self) -> dict[str, int]:
        return {key: tier.number for tier in self.tiers for key in tier.keys}

    def as_dict(self) -> dict[str, object]:
        return {"rules": RULES, "status": str(self.status),
                "tiers": [{"tier": t.number, "bound": _json_number(t.bound), "keys": list(t.keys)}
                          for t in self.tiers],
                "unranked": list(self.unranked),
                "excluded": [{"key": e.key, "indicator": e.indicator, "reason": str(e.reason),
                              "value": _json_number(e.value)} for e in self.excluded],
                **({"indicators": {name: t.as_dict() for name, t in self.indicators.items()}}
                   if self.indicators else {})}


def tier_indicator(indicator: Indicator, values: Mapping[str, Number | None]) -> Tiering:
    """Rules 1–4 for one indicator: key → declared value (None when not declared)."""
    qualified: list[tuple[str, Number]] = []
    excluded = []
    exclusion = indicator.exclusion
    for key, value in values.items():
        reason = exclusion(value)
        if reason is None:
            qualified.append((key, value))  # type: ignore[arg-type]
        else:
            excluded.append(Excluded(key, reason, value, indicator.name))
    excluded.sort(key=lambda e: e.key)
    return _tiers(indicator, qualified, tuple(excluded))


def _tiers(indicator: Indicator, qualified: list[tuple[str, Number]], excluded: tuple[Excluded, ...]) -> Tiering:
    if not qualified:
        return Tiering(Ranking.NONE_QUALIFIED, excluded=excluded)
    higher = indicator.direction is Direction.HIGHER
    values = [value for _, value in qualified]
    best, worst = (max(values), min(values)) if higher else (min(values), max(values))
    if best == worst:
        return Tiering(Ranking.ALL_EQUAL, unranked=tuple(sorted(key for key, _ in qualified)), excluded=excluded)
    thresholds = indicator.thresholds
    if isinstance(thresholds, FixedThresholds):
        bounds = list(thresholds.values)
    else:
        ordered = sorted(values, reverse=higher)
        counts = [int((share * len(ordered)).to_integral_value(rounding=ROUND_CEILING)) for share in thresholds.shares]
        bounds = [ordered[count - 1] for count in counts]
    # Scores grow with quality (negated when lower is better); a value's tier is 1 + the number of bounds it is
    # strictly worse than, so a value equal to a bound is in that bound's tier.
    scores = sorted(bounds) if higher else sorted(-b for b in bounds)
    members: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
    top = len(bounds)
    for key, value in qualified:
        members[top - bisect_right(scores, value if higher else -value)].append(key)
    tiers = tuple(Tier(number, bound, tuple(sorted(keys))) for number, (bound, keys) in
                  enumerate(zip([*bounds, indicator.requirement], members, strict=True), 1))
    return Tiering(Ranking.RANKED, tiers=tiers, excluded=excluded)


def scheme_problems(indicators: Sequence[Indicator]) -> list[tuple[SchemeProblem, str]]:
    """What keeps these indicators from being a scheme (rule 5), each with the indicator's name it concerns ("" for
    the scheme as a whole): none at all, a name given twice, no key indicator, key indicators with different
    numbers of tiers. Each indicator is already valid by itself (``Indicator`` checks its own thresholds)."""
    problems: list[tuple[SchemeProblem, str]] = []
    if not indicators:
        return [(SchemeProblem.NO_INDICATOR, "")]
    seen: set[str] = set()
    for indicator in indicators:
        if indicator.name in seen:
            problems.append((SchemeProblem.REPEATED_NAME, indicator.name))
        seen.add(indicator.name)
    key_indicators = [indicator for indicator in indicators if indicator.key]
    if not key_indicators:
        problems.append((SchemeProblem.NO_KEY_INDICATOR, ""))
    elif len({indicator.tier_count for indicator in key_indicators}) > 1:
        problems.append((SchemeProblem.KEY_TIER_COUNTS, ""))
    return problems


def tier_scheme(indicators: Sequence[Indicator], declarations: Mapping[str, Mapping[str, Number | None]]) -> Tiering:
    """Rule 5: enterprise key → {indicator name → declared value}. The combined tiers have no bound."""
    problems = scheme_problems(indicators)
    if problems:
        raise ValueError(f"not a scheme: {', '.join(f'{code} {name}'.strip() for code, name in problems)}")
    names = [indicator.name for indicator in indicators]
    key_indicators = [indicator for indicator in indicators if indicator.key]
    taking_part, excluded = [], []
    for enterprise, declared in declarations.items():
        reasons = [Excluded(enterprise, reason, declared.get(i.name), i.name) for i in indicators
                   if (reason := i.exclusion(declared.get(i.name))) is not None]
        if reasons:
            excluded.extend(reasons)
        else:
            taking_part.append(enterprise)
    excluded.sort(key=lambda e: (e.key, names.index(e.indicator)))
    per_indicator = {i.name: _tiers(i, [(e, declarations[e][i.name]) for e in taking_part], ())  # type: ignore[misc]
                     for i in indicators}
    if not taking_part:
        return Tiering(Ranking.NONE_QUALIFIED, excluded=tuple(excluded), indicators=per_indicator)
    ranked = [per_indicator[i.name].tier_of() for i in key_indicators
              if per_indicator[i.name].status is Ranking.RANKED]
    if not ranked:
        return Tiering(Ranking.ALL_EQUAL, unranked=tuple(sorted(taking_part)), excluded=tuple(excluded),
                       indicators=per_indicator)
    members: list[list[str]] = [[] for _ in range(key_indicators[0].tier_count)]
    for enterprise in taking_part:
        members[max(tiers[enterprise] for tiers in ranked) - 1].append(enterprise)
    tiers = tuple(Tier(number, None, tuple(sorted(keys))) for number, keys in enumerate(members, 1))
    return Tiering(Ranking.RANKED, tiers=tiers, excluded=tuple(excluded), indicators=per_indicator)


def _finite(value: object) -> bool:
    """A finite int, float or Decimal (not a bool, a string or NaN)."""
    kind = value.__class__
    if kind is Decimal:
        return value.is_finite()  # type: ignore[attr-defined]
    return (kind is float or kind is int) and math.isfinite(value)  # type: ignore[arg-type]


def _json_number(value: Number | None) -> int | float | str | None:
    return str(value) if isinstance(value, Decimal) else value
