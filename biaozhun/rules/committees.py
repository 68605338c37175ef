"""Committee composition: no stakeholder category may hold more than half of the voting seats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

MAX_SHARE = 0.5


def overweight_categories(categories: Iterable[str], max_share: float = MAX_SHARE) -> list[tuple[str, int, int]]:
    """(category, seats, total) for each category holding more than `max_share` of the seats."""
    counts = Counter(categories)
    total = sum(counts.values())
    return sorted((category, seats, total) for category, seats in counts.items() if seats > total * max_share)



class Status(StrEnum):
    """A committee's status (the model's CommitteeStatus takes these values)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    MERGED = "merged"


# Status moves of a committee: (from, to) → the event kind that records it. Revoked and merged are final.
STATUS_MOVES: dict[tuple[str, str], str] = {
    (Status.ACTIVE, Status.SUSPENDED): Status.SUSPENDED.value,
    (Status.SUSPENDED, Status.ACTIVE): "reinstated",
    (Status.ACTIVE, Status.REVOKED): Status.REVOKED.value,
    (Status.SUSPENDED, Status.REVOKED): Status.REVOKED.value,
    (Status.ACTIVE, Status.MERGED): Status.MERGED.value,
    (Status.SUSPENDED, Status.MERGED): Status.MERGED.value,
}


def status_move(current: str, target: str) -> str | None:
    """The event kind of moving a committee from ``current`` to ``target``, or None if that move is not allowed."""
    return STATUS_MOVES.get((current, target))
