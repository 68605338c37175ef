"""How well a mandatory national standard is implemented (强制性国家标准实施情况): four signals of use, each given
points by thresholds, the points added, the sum read as strong / medium / weak. Pure: no Django. The thresholds are
here and nowhere else; the page shows them (stats/templates/stats/implementation.html reads METHOD)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Strength(StrEnum):
    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


# signal → (points 1 from, points 2 from): a signal below the first threshold gives 0 points.
THRESHOLDS: dict[str, tuple[int, int]] = {
    "use": (100, 1000),  # views + online readings + downloads on the portal over the last 12 months
    "citations": (1, 5),  # other standards in force citing it (normative references)
    "declarations": (5, 50),  # enterprises' public self-declarations of products made to it
    "inspections": (1, 5),  # enterprises inspected (双随机) that declared it
}
STRONG_FROM = 5  # points out of 8
MEDIUM_FROM = 2
SIGNALS = tuple(THRESHOLDS)


@dataclass(frozen=True, slots=True)
class Signals:
    use: int = 0
    citations: int = 0
    declarations: int = 0
    inspections: int = 0


@dataclass(frozen=True, slots=True)
class Assessment:
    strength: Strength
    points: int
    points_by_signal: dict[str, int]


def points(signal: str, value: int) -> int:
    low, high = THRESHOLDS[signal]
    return 2 if value >= high else 1 if value >= low else 0


def assess(signals: Signals) -> Assessment:
    """The strength of a standard's implementation from its signals."""
    by_signal = {name: points(name, getattr(signals, name)) for name in SIGNALS}
    total = sum(by_signal.values())
    strength = Strength.STRONG if total >= STRONG_FROM else Strength.MEDIUM if total >= MEDIUM_FROM else Strength.WEAK
    return Assessment(strength, total, by_signal)
