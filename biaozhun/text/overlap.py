"""How much two standards cover the same subject, from their titles and scopes, and which words they share.

Units are words: jieba's search-mode segmentation (a long word and the words inside it: 电动汽车, 电动, 汽车),
spaces and punctuation left out, Latin words lower-cased, part designations dropped ("第2部分" says where a text
sits in its series, not what it covers). Character pairs were tried first: an inserted word (爆破作业安全规程
beside 爆破安全规程) makes pairs across its edges (破作, 业安) that no other title has, so they weighed most and
pulled true restatements apart (docs/decisions/0013). Each unit counts by its weight, normally its inverse
document frequency among the standards compared with, to a power (`IdfWeights`): a word naming the subject
(充电站, 锂离子) counts many times a word every other title has (技术, 要求, 规范), so two titles sharing only
"通用技术条件" stay far apart while a local standard restating a national one with a qualifier or another
document type stays close. Titles and scopes are weighed separately, each with the frequencies of its own
field (scopes are full of 本文件规定了 … 适用于, which titles never say), and scopes can only raise a score.
Pure: no Django.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .tokens import fold, is_skipped, squeeze, squeeze_with_offsets

Weight = Callable[[str], float]
TITLE_WEIGHT = 0.7  # share of the title in the score with scopes (compare)
# Shared one-character title words (的, 与; but 砂, 铅) and shared scope words (本文件, 规定) weighing less are not
# shown as shared.
SHOWN_WEIGHT = 1.0
# jieba's search mode (long words and the words inside them, those counting SUBWORD) rather than its precise
# mode alone, where 爆破作业 and 爆破 share nothing (docs/decisions/0013).
SEARCH_MODE = True
SUBWORD = 0.5
# "第1部分：", "第 12 部分" (full-width digits too); "部分" elsewhere in a title stays.
_PART = re.compile(r"第\s*[0-9\uff10-\uff19]+\s*部分\s*[：:]?")


def uniform(unit: str) -> float:
    return 1.0


# A place named with its administrative suffix, and where a text applies ("本文件适用于江西省行政区域内…"): they
# say where, not what (without_places).
_SUFFIX = "(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)"
_AREA = re.compile(r"(?:行政区域|行政区划)(?:范围)?内?")


@cache
def _segmenter():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # not its dictionary-loading messages
    jieba.initialize()
    return jieba


def units(text: str) -> Counter[str]:
    """The units compared and indexed for coordination: the words of jieba's search mode, without spaces,
    punctuation and part designations. (A new Counter each time; the segmentation is cached.)"""
    return Counter(dict(_words(text)))


@lru_cache(maxsize=32_768)
def _words(text: str) -> tuple[tuple[str, int], ...]:
    text = fold(_PART.sub(" ", text)).lower()
    if not text.strip():
        return ()
    jieba = _segmenter()
    words = Counter(word for word in jieba.cut(text) if not all(is_skipped(c) for c in word))
    if not SEARCH_MODE:
        return tuple(words.items())
    found: Counter = Counter(word for word in jieba.cut_for_search(text) if not all(is_skipped(c) for c in word))
    inner = found - words  # the words inside longer ones (电动, 汽车 of 电动汽车) count SUBWORD each
    return tuple({**{word: n * SUBWORD for word, n in inner.items()}, **words}.items())


def without_places(text: str, places: Iterable[str]) -> str:
    """`text` without the places (names such as 江西 or 南京市) written with their administrative suffix
    (江西省, 南京市) and without "行政区域内": what a local standard says of where it applies. A place name without
    its suffix stays (地理标志产品 江西绿茶)."""
    names = sorted({re.sub(_SUFFIX + "$", "", place) for place in places if place}, key=len, reverse=True)
    if names:
        text = re.sub("(?:" + "|".join(map(re.escape, names)) + ")" + _SUFFIX, " ", text)
    return _AREA.sub(" ", text)


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
    """The stretches of `text` made of shared words, adjacent ones joined ("电动汽车" and "充电站" in
    "电动汽车充电站通用要求" → "电动汽车充电站"), as written in `text` (spaces inside kept). Longest first."""
    squeezed, offsets = squeeze_with_offsets(text)
    covered = [False] * len(squeezed)
    for word in shared:
        word = squeeze(word)
        start = squeezed.find(word) if word else -1
        while start != -1:
            covered[start:start + len(word)] = [True] * len(word)
            start = squeezed.find(word, start + 1)
    found: list[str] = []
    i = 0
    while i < len(squeezed):
        if covered[i]:
            j = i
            while j + 1 < len(squeezed) and covered[j + 1]:
                j += 1
            found.append(text[offsets[i]:offsets[j] + 1])
            i = j + 1
        else:
            i += 1
    return sorted(set(found), key=lambda r: (-len(r), r))


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
            title_share: float = TITLE_WEIGHT, with_shared: bool = True) -> Overlap:
    """How much `side` covers what `other` covers; symmetric: the weighted Dice coefficient of the titles, raised
    to title_share × that + (1 − title_share) × the scopes' when both scopes are known and that is more. With
    with_shared, `shared` is read in the other title (the candidate a reviewer is shown), `scope_shared` in the
    other scope."""
    title_score = weighted_dice(side.title_units, other.title_units, title_weight)
    scope_score = None
    score = title_score
    if side.scope_units and other.scope_units:
        scope_score = weighted_dice(side.scope_units, other.scope_units, scope_weight)
        # Scopes can only raise the score: two scopes say the same thing in more words than two titles, so
        # even a restatement's scopes score lower than its titles, and a standard with no scope must not outrank
        # the same title with one.
        score = max(title_score, title_share * title_score + (1 - title_share) * scope_score)
    shared: tuple[str, ...] = ()
    scope_shared: tuple[str, ...] = ()
    if with_shared:
        shared = tuple(runs([u for u in side.title_units.keys() & other.title_units.keys()
                             if len(u) > 1 or title_weight(u) >= SHOWN_WEIGHT], other.title))
        if scope_score is not None:
            heaviest = sorted(side.scope_units.keys() & other.scope_units.keys(), key=lambda u: (-scope_weight(u), u))
            scope_shared = tuple(runs([u for u in heaviest[:12] if scope_weight(u) >= SHOWN_WEIGHT], other.scope))
    return Overlap(score=round(score, 4), title=round(title_score, 4),
                   scope=None if scope_score is None else round(scope_score, 4), shared=shared,
                   scope_shared=scope_shared)


def overlap(title: str, scope: str, other_title: str, other_scope: str, **options: Any) -> Overlap:
    """compare() of two standards given as text (options: those of compare)."""
    return compare(Side.of(title, scope), Side.of(other_title, other_scope), **options)
