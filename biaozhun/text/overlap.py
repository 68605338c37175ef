"""How much two standards cover the same subject, from their titles and scopes, and which words they share.

Units are those of text.similarity (CJK character pairs, Latin words), without part designations ("第2部分"
says where a text sits in its series, not what it covers). Each unit counts by its weight, normally its inverse
document frequency among the standards compared with (`IdfWeights`): a pair naming the subject (充电, 锂电)
counts many times a pair every other title has (技术, 要求, 规范), so two titles sharing only "通用技术条件"
stay far apart while a local standard restating a national one with a region, a qualifier or another
document type stays close. Titles and scopes are weighed separately, each with the frequencies of its own
field (scopes are full of 本文件规定了 … 适用于, which titles never say). Pure: no Django.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .similarity import title_units

Weight = Callable[[str], float]
TITLE_WEIGHT = 0.7  # of the score, when both scopes are known; the title alone otherwise
# "第1部分：", "第 12 部分" (full-width digits too); "部分" elsewhere in a title stays.
_PART = re.compile(r"第\s*[0-9\uff10-\uff19]+\s*部分\s*[：:]?")


def uniform(unit: str) -> float:
    return 1.0


def units(text: str) -> Counter[str]:
    """The units compared and indexed for coordination: title_units without part designations."""
    return title_units(_PART.sub(" ", text))


class IdfWeights:
    """weight(unit) = ln((documents + 1) / (frequency + 1)) ** power, at least `floor`: a unit in every document
    weighs almost nothing, a unit no document has (frequency 0) the most. Memoised per unit."""

    def __init__(self, documents: int, frequencies: Mapping[str, int], *, power: float = 1.0,
                 floor: float = 0.05) -> None:
        self.documents = max(documents, 0)
        self.frequencies = frequencies
        self.power = power
        self.floor = floor
        self._memo: dict[str, float] = {}

    def __call__(self, unit: str) -> float:
        weight = self._memo.get(unit)
        if weight is None:
            frequency = min(self.frequencies.get(unit, 0), self.documents)
            idf = math.log((self.documents + 1) / (frequency + 1))
            weight = self._memo[unit] = max(idf ** self.power if idf > 0 else 0.0, self.floor)
        return weight


@dataclass(frozen=True, slots=True)
class Overlap:
    score: float  # 0.0 (nothing shared) to 1.0 (same title and scope)
    title: float
    scope: float | None  # None when either scope is empty
    shared: tuple[str, ...]  # shared title units joined into runs of the other title, longest first (highlighting)
    scope_shared: tuple[str, ...] = ()  # the scopes' shared units of most weight, heaviest first


def weighted_dice(a: Counter[str], b: Counter[str], weight: Weight = uniform) -> float:
    """Dice coefficient of two multisets of units, each unit counting by its weight: 1.0 the same, 0.0 disjoint."""
    total = sum(n * weight(u) for u, n in a.items()) + sum(n * weight(u) for u, n in b.items())
    if not total:
        return 0.0
    return 2 * sum(min(n, b[u]) * weight(u) for u, n in a.items() if u in b) / total


def runs(shared: Iterable[str], text: str) -> list[str]:
    """Join shared character pairs that follow each other in `text` into runs ("机动", "动车" → "机动车"); Latin
    words as they are. Longest first."""
    pairs = {u for u in shared if not u.isascii()}
    found: list[str] = []
    i = 0
    while i < len(text) - 1:
        if text[i:i + 2] in pairs:
            j = i + 1
            while j < len(text) - 1 and text[j:j + 2] in pairs:
                j += 1
            found.append(text[i:j + 1])
            i = j + 1
        else:
            i += 1
    words = [u for u in shared if u.isascii()]
    return sorted(set(found) | set(words), key=lambda r: (-len(r), r))


@dataclass(frozen=True, slots=True)
class Side:
    """One standard's title and scope, with their units (computed once, compared with many others)."""

    title: str
    scope: str
    title_units: Counter[str]
    scope_units: Counter[str]

    @classmethod
    def of(cls, title: str, scope: str = "") -> Side:
        return cls(title, scope, units(title), units(scope) if scope.strip() else Counter())


def compare(side: Side, other: Side, *, title_weight: Weight = uniform, scope_weight: Weight = uniform,
            title_share: float = TITLE_WEIGHT, surface: float = 0.0, with_shared: bool = True) -> Overlap:
    """How much `side` covers what `other` covers; symmetric. The title score is the weighted Dice coefficient
    to the power 1 - surface times the unweighted one to the power surface (surface > 0: the generic words that
    say which aspect a title covers, 试验方法 or 技术要求, count too). With with_shared, `shared` is read in the
    other title (the candidate a reviewer is shown) and `scope_shared` in the other scope."""
    title_score = weighted_dice(side.title_units, other.title_units, title_weight)
    if surface:
        title_score = title_score ** (1 - surface) * weighted_dice(side.title_units, other.title_units) ** surface
    scope_score = None
    score = title_score
    if side.scope_units and other.scope_units:
        scope_score = weighted_dice(side.scope_units, other.scope_units, scope_weight)
        score = title_share * title_score + (1 - title_share) * scope_score
    shared: tuple[str, ...] = ()
    scope_shared: tuple[str, ...] = ()
    if with_shared:
        shared = tuple(runs(side.title_units.keys() & other.title_units.keys(), other.title))
        if scope_score is not None:
            heaviest = sorted(side.scope_units.keys() & other.scope_units.keys(), key=lambda u: (-scope_weight(u), u))
            scope_shared = tuple(runs(heaviest[:12], other.scope))
    return Overlap(score=round(score, 4), title=round(title_score, 4),
                   scope=None if scope_score is None else round(scope_score, 4), shared=shared,
                   scope_shared=scope_shared)


def overlap(title: str, scope: str, other_title: str, other_scope: str, **options: Any) -> Overlap:
    """compare() of two standards given as text (options: those of compare)."""
    return compare(Side.of(title, scope), Side.of(other_title, other_scope), **options)
