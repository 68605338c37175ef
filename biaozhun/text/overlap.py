"""How much two standards cover the same subject, from their titles and scopes, and which words they share.

Units are those of text.similarity (CJK character pairs, Latin words). The score weighs the titles' Dice
coefficient with the scopes' (when both have one), so a local standard titled like a national one, or one whose
scope repeats another's, scores high whatever its word order or punctuation. Pure: no Django.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .similarity import title_units

TITLE_WEIGHT = 0.7  # of the score, when both scopes are known; the title alone otherwise


@dataclass(frozen=True, slots=True)
class Overlap:
    score: float  # 0.0 (nothing shared) to 1.0 (same title and scope)
    title: float
    scope: float | None  # None when either scope is empty
    shared: tuple[str, ...]  # shared units, longest runs first (for highlighting)


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _runs(units: set[str], text: str) -> list[str]:
    """Join shared character pairs that follow each other in `text` into runs ("机动", "动车" → "机动车")."""
    runs: list[str] = []
    i = 0
    while i < len(text) - 1:
        if text[i:i + 2] in units:
            j = i + 1
            while j < len(text) - 1 and text[j:j + 2] in units:
                j += 1
            runs.append(text[i:j + 1])
            i = j + 1
        else:
            i += 1
    words = [u for u in units if u.isascii()]
    return sorted(set(runs) | set(words), key=lambda r: (-len(r), r))


def overlap(title: str, scope: str, other_title: str, other_scope: str) -> Overlap:
    a, b = title_units(title), title_units(other_title)
    title_score = _dice(a, b)
    scope_score = None
    shared_units = set(a) & set(b)
    if scope.strip() and other_scope.strip():
        sa, sb = title_units(scope), title_units(other_scope)
        scope_score = _dice(sa, sb)
        score = TITLE_WEIGHT * title_score + (1 - TITLE_WEIGHT) * scope_score
    else:
        score = title_score
    return Overlap(score=round(score, 4), title=round(title_score, 4),
                   scope=None if scope_score is None else round(scope_score, 4),
                   shared=tuple(_runs(shared_units, title)))
