"""How a declared indicator row becomes the value a scheme indicator ranks (pure: no Django).

Matching. A row belongs to a scheme indicator when their names are the same after NFKC normalisation, case folding
and removal of spaces, and their units are the same after NFKC normalisation and removal of spaces
(rules/gaps.py `same_name` / `same_unit`, the 对标达标 semantics). A matching name with another unit is not
converted: the indicator counts as not declared, with the reason ``unit_differs``. Rows of other indicators are
ignored.

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

A declaration with two rows of the same indicator is ranked on the worse of the two guarantees. Values are read as
the database stores them and compared as binary floating point; the scheme's thresholds and requirement are
converted the same way, so equal decimals compare equal.
"""

from __future__ import annotations

import math
from enum import StrEnum

from biaozhun.rules.gaps import same_name, same_unit
from biaozhun.rules.leaders import Direction

NOT_A_NUMBER = math.nan


class MappingReason(StrEnum):
    """Why a declared indicator did not give a value, beside rules.leaders.Reason."""

    UNIT_DIFFERS = "unit_differs"
    NO_GUARANTEE = "no_guarantee"


def guaranteed(comparator: str, lower: object, upper: object, direction: Direction) -> float | None:
    """The value the row guarantees in the direction; None when it guarantees nothing; NaN for text (or a number
    missing where the comparator needs it)."""
    higher = direction is Direction.HIGHER
    if comparator == "eq":
        value = lower if lower is not None else upper
    elif comparator == "ge":
        if not higher:
            return None
        value = lower
    elif comparator == "le":
        if higher:
            return None
        value = upper
    elif comparator == "range":
        value = lower if higher else upper
    else:
        return NOT_A_NUMBER
    return NOT_A_NUMBER if value is None else float(value)  # type: ignore[arg-type]


class Matcher:
    """Maps (name, unit) of declared rows to the position of a scheme indicator, remembering each distinct pair
    (a few hundred at most), so that a million rows cost a million dictionary look-ups."""

    def __init__(self, indicators: list[tuple[str, str]]) -> None:
        self._indicators = indicators
        self._seen: dict[tuple[str, str], tuple[int | None, bool]] = {}

    def match(self, name: str, unit: str) -> tuple[int | None, bool]:
        """(index of the scheme indicator or None, whether the unit matches too)."""
        found = self._seen.get((name, unit))
        if found is None:
            found = (None, False)
            for index, (wanted, wanted_unit) in enumerate(self._indicators):
                if same_name(name, wanted):
                    found = (index, same_unit(unit, wanted_unit))
                    if found[1]:
                        break
            self._seen[(name, unit)] = found
        return found
