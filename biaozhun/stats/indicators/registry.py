"""The registry of indicator functions and the shared `Context` that reads each kind of record once per as-of
date (a year-end recomputation reads the catalogue once for all its indicators)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Values = dict[str, float | None]
Function = Callable[["Context", str], Values]


@dataclass(frozen=True)
class Registered:
    code: str
    function: Function
    dimensions: tuple[str, ...]


REGISTRY: dict[str, Registered] = {}


def indicator(code: str, *, dimensions: tuple[str, ...]) -> Callable[[Function], Function]:
    """Register `function` as the computation of the indicator `code`, for these dimensions."""

    def register(function: Function) -> Function:
        if code in REGISTRY:
            raise ValueError(f"indicator {code!r} is registered twice")
        REGISTRY[code] = Registered(code, function, dimensions)
        return function

    return register


def indicator_codes() -> list[str]:
    return list(REGISTRY)


@dataclass
class Context:
    """The as-of date and the rows read for it, cached for every indicator computed at that date."""

    as_of: date
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, name: str, read: Callable[[], Any]) -> Any:
        if name not in self.cache:
            self.cache[name] = read()
        return self.cache[name]

    @property
    def year_start(self) -> date:
        return date(self.as_of.year, 1, 1)


def compute(code: str, dimension: str, *, as_of: date, context: Context | None = None) -> Values:
    """The values of one indicator for one dimension as of a date (KeyError for an unknown code)."""
    registered = REGISTRY[code]
    if dimension not in registered.dimensions:
        raise ValueError(f"indicator {code!r} has no dimension {dimension!r}")
    context = context or Context(as_of)
    return registered.function(context, dimension)


def tally(rows, key: Callable[[Any], str | None], dimension: str) -> Values:
    """Count rows per key (total: one key ""); rows whose key is None are left out."""
    counts: dict[str, float | None] = {}
    for row in rows:
        name = "" if dimension == "total" else key(row)
        if name is None:
            continue
        counts[name] = (counts.get(name) or 0) + 1
    if dimension == "total" and not counts:
        counts[""] = 0
    return counts


def average(pairs, dimension: str, digits: int = 1) -> Values:
    """The mean of (key, value) pairs per key (total: over all)."""
    sums: dict[str, list[float]] = {}
    for name, value in pairs:
        name = "" if dimension == "total" else name
        if name is None:
            continue
        entry = sums.setdefault(name, [0.0, 0])
        entry[0] += value
        entry[1] += 1
    values: Values = {name: round(total / count, digits) for name, (total, count) in sums.items()}
    if dimension == "total" and not values:
        values[""] = None
    return values
