"""Committee composition: no stakeholder category may hold more than half of the voting seats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MAX_SHARE = 0.5


def overweight_categories(categories: Iterable[str], max_share: float = MAX_SHARE) -> list[tuple[str, int, int]]:
    """(category, seats, total) for each category holding more than `max_share` of the seats."""
    counts = Counter(categories)
    total = sum(counts.values())
    return sorted((category, seats, total) for category, seats in counts.items() if seats > total * max_share)
