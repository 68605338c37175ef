"""How alike two standard titles are, for the title continuity check when a revision is published into an
existing series (a new edition of GB 7258 should still be about 机动车运行安全技术条件).

The measure is the Dice coefficient over the titles' units: the bigrams of each CJK run (a one-character run
counts as itself) and the Latin words, so word order, spacing, punctuation, full-width forms and part numbers
matter little and shared terms matter most. 1.0 is the same title, 0.0 nothing in common. Pure: no Django.
"""

from __future__ import annotations

from collections import Counter

from .tokens import cjk_runs, latin_words


def title_units(title: str) -> Counter[str]:
    units: Counter[str] = Counter()
    for run in cjk_runs(title):
        if len(run) == 1:
            units[run] += 1
        else:
            units.update(run[i:i + 2] for i in range(len(run) - 1))
    units.update(latin_words(title))
    return units


def title_similarity(first: str, second: str) -> float:
    """The Dice coefficient of the two titles' units (multiset), between 0.0 and 1.0."""
    a, b = title_units(first), title_units(second)
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0 if first.strip() == second.strip() else 0.0
    return 2 * sum((a & b).values()) / total
