"""Which programme tags a new edition inherits (pure). An edition that replaces others, wholly or in part, or that
a project published, carries on their programmes: it gains the tags of the editions it replaces and of its
project, except those it has already and those a person once took off it (a deliberate removal is not undone)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def removed_by_hand(history: Iterable[tuple[Sequence[str], Sequence[str]]]) -> frozenset[str]:
    """The tags ever taken off an edition, from its tagging history as (before, after) pairs of tag codes."""
    removed: set[str] = set()
    for before, after in history:
        removed |= set(before) - set(after)
    return frozenset(removed)


def to_carry(*, own: Iterable[str], inherited: Iterable[str], removed: Iterable[str]) -> list[str]:
    """The tags to add to the edition, sorted."""
    return sorted(set(inherited) - set(own) - set(removed))
