"""How a declared indicator row becomes the value a scheme indicator ranks (pure: no Django).

Matching. A row belongs to a scheme indicator when its name is the indicator's name, or one of the other names
the scheme lists for it (``aliases``: "能源效率指数" for "能效指数"), after NFKC normalisation, case folding and
removal of spaces, and their units are the same after NFKC normalisation and removal of spaces (rules/gaps.py
`same_name` / `same_unit`, the 对标达标 semantics). A scheme never gives one name to two indicators (schemes.py
checks it). A matching name with another unit is not converted: the indicator counts as not declared, with the
reason ``unit_differs``. Rows of other indicators are ignored.

The guaranteed value. A declared row binds the product by its comparator; what it guarantees in the scheme's
direction (better is higher, or better is lower) is what is ranked:

==========  =================================  ==================================
comparator  higher is better                   lower is better
==========  =================================  ==================================
eq (= x)    x                                  x
ge (≥ x)    x (the guaranteed minimum)         nothing: ``no_guarantee``
le (≤ x)    nothing: ``no_guarantee``          x (the guaranteed maximum)
range a–b   a (the worst value it allows)      b (the worst value it allows)
text        not a number (``not_a_number``)    not a number
==========  =================================  ==================================

A declaration with two rows of the same indicator is ranked on the worse of the two guarantees (a text row, which
cannot be ranked, counts as the worse). Values are read as the database stores them and compared as binary
floating point; the scheme's thresholds and requirement are converted the same way, so equal decimals compare equal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import IntEnum, StrEnum

from biaozhun.rules.gaps import same_name, same_unit
from biaozhun.rules.leaders import Direction

NOT_A_NUMBER = math.nan


class MappingReason(StrEnum):
    """Why a declared indicator did not give a value, beside rules.leaders.Reason."""

    UNIT_DIFFERS = "unit_differs"
    NO_GUARANTEE = "no_guarantee"


class Take(IntEnum):
    """Which column of a row holds its guaranteed value (or why none does)."""

    LOWER = 0
    UPPER = 1
    EITHER = 2  # eq: lower, or upper when lower is empty
    TEXT = 3
    NO_GUARANTEE = 4
    UNIT_DIFFERS = 5
    IGNORE = 6  # not an indicator of the scheme


def take(comparator: str, direction: Direction) -> Take:
    higher = direction is Direction.HIGHER
    if comparator == "eq":
        return Take.EITHER
    if comparator == "ge":
        return Take.LOWER if higher else Take.NO_GUARANTEE
    if comparator == "le":
        return Take.UPPER if not higher else Take.NO_GUARANTEE
    if comparator == "range":
        return Take.LOWER if higher else Take.UPPER
    return Take.TEXT


def value_of(how: Take, lower: object, upper: object) -> float | None:
    """The guaranteed value; None when the row guarantees nothing; NaN for text (or a number missing where the
    comparator needs it)."""
    if how is Take.NO_GUARANTEE or how is Take.UNIT_DIFFERS or how is Take.IGNORE:
        return None
    if how is Take.TEXT:
        return NOT_A_NUMBER
    value = lower if how is Take.LOWER or (how is Take.EITHER and lower is not None) else upper
    return NOT_A_NUMBER if value is None else float(value)  # type: ignore[arg-type]


def guaranteed(comparator: str, lower: object, upper: object, direction: Direction) -> float | None:
    """The value a row guarantees in the direction (see the table above)."""
    return value_of(take(comparator, direction), lower, upper)


Wanted = tuple[str, str] | tuple[str, str, Sequence[str]]  # (name, unit[, other names])


class Matcher:
    """Maps (name, unit) of declared rows to the position of a scheme indicator, remembering each distinct pair.
    Indicators are (name, unit) or (name, unit, other names)."""

    def __init__(self, indicators: Sequence[Wanted]) -> None:
        self._indicators = [(wanted[0], wanted[1], (wanted[0], *(wanted[2] if len(wanted) > 2 else ())))
                            for wanted in indicators]
        self._seen: dict[tuple[str, str], tuple[int | None, bool]] = {}

    def match(self, name: str, unit: str) -> tuple[int | None, bool]:
        """(index of the scheme indicator or None, whether the unit matches too)."""
        found = self._seen.get((name, unit))
        if found is None:
            found = (None, False)
            for index, (_wanted, wanted_unit, names) in enumerate(self._indicators):
                if any(same_name(name, other) for other in names):
                    found = (index, same_unit(unit, wanted_unit))
                    if found[1]:
                        break
            self._seen[(name, unit)] = found
        return found


class RowPlan:
    """A row's key ("name␟unit␟comparator", selectors/ranking.py) → (name of the scheme indicator or "", Take as an
    int, whether higher is better), learnt once per distinct key (a few hundred at most), so a million rows cost a
    million dictionary look-ups."""

    def __init__(self, indicators: Sequence[Wanted], directions: list[Direction], separator: str) -> None:
        self._indicators = indicators
        self._match = Matcher(indicators).match
        self._directions = directions
        self._separator = separator
        self.known: dict[str, tuple[str, int, bool]] = {}

    def learn(self, key: str) -> tuple[str, int, bool]:
        name, unit, comparator = (key.split(self._separator) + ["", ""])[:3]
        index, unit_matches = self._match(name, unit) if name else (None, False)
        if index is None:
            plan = ("", int(Take.IGNORE), False)
        else:
            direction = self._directions[index]
            how = take(comparator, direction) if unit_matches else Take.UNIT_DIFFERS
            plan = (self._indicators[index][0], int(how), direction is Direction.HIGHER)
        self.known[key] = plan
        return plan
