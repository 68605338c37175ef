"""对标达标: how an enterprise's declared indicators compare with the same indicators of the standards it chose.

An indicator of a standard is matched to the enterprise's indicator of the same name; names are compared after
NFKC normalisation (full-width forms, compatibility characters), case folding and removal of spaces. Units are
compared after NFKC normalisation and removal of spaces, case kept (``mg`` is not ``Mg``); NFKC makes ``㎎`` ``mg``
and ``℃`` ``°C``. Values are not converted between units: a matching name with another unit is not comparable.

The standard's direction says what meeting means: higher is better — the declared value is at least the required
one; lower is better — at most. Equal meets. Arithmetic is decimal (a float is read through its shortest text, so
0.3 − 0.1 is 0.2). For every pair the outcome is one of

- ``meets``, with the margin (how much better, ≥ 0, in the unit);
- ``below``, with the shortfall (how much worse, > 0, in the unit);
- ``not_comparable``: the same indicator in another unit;
- ``no_reference``: an indicator of the enterprise that none of the chosen standards holds (one row);
- ``not_declared``: an indicator of a chosen standard that the enterprise did not declare (one row per standard).

Rows follow the enterprise's indicators in their order, each with the standards in the order given, then the
indicators it did not declare. Pure: no Django.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from biaozhun.rules.leaders import Direction, Number


class Outcome(StrEnum):
    MEETS = "meets"
    BELOW = "below"
    NOT_COMPARABLE = "not_comparable"
    NO_REFERENCE = "no_reference"
    NOT_DECLARED = "not_declared"


@dataclass(frozen=True, slots=True)
class Declared:
    name: str
    unit: str
    value: Number


@dataclass(frozen=True, slots=True)
class Required:
    standard: str  # the standard's number, as shown
    name: str
    unit: str
    value: Number
    direction: Direction


@dataclass(frozen=True, slots=True)
class Gap:
    name: str
    outcome: Outcome
    declared: Declared | None = None
    required: Required | None = None
    margin: Decimal | None = None  # meets: how much better than required (≥ 0)
    shortfall: Decimal | None = None  # below: how much worse than required (> 0)


def same_name(a: str, b: str) -> bool:
    return _name(a) == _name(b)


def same_unit(a: str, b: str) -> bool:
    return _unit(a) == _unit(b)


def compare(declared: Sequence[Declared], required: Sequence[Required]) -> list[Gap]:
    """The gap report's rows (see the module's text)."""
    rows: list[Gap] = []
    matched: set[int] = set()
    for own in declared:
        references = [(index, req) for index, req in enumerate(required) if same_name(own.name, req.name)]
        if not references:
            rows.append(Gap(own.name, Outcome.NO_REFERENCE, declared=own))
        for index, req in references:
            matched.add(index)
            rows.append(_compare(own, req))
    rows.extend(Gap(req.name, Outcome.NOT_DECLARED, required=req)
                for index, req in enumerate(required) if index not in matched)
    return rows


def _compare(own: Declared, req: Required) -> Gap:
    if not same_unit(own.unit, req.unit):
        return Gap(own.name, Outcome.NOT_COMPARABLE, declared=own, required=req)
    better_by = _decimal(own.value) - _decimal(req.value)
    if req.direction is Direction.LOWER:
        better_by = -better_by
    if better_by >= 0:
        return Gap(own.name, Outcome.MEETS, declared=own, required=req, margin=better_by)
    return Gap(own.name, Outcome.BELOW, declared=own, required=req, shortfall=-better_by)


def _name(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _unit(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _decimal(value: Number) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{value!r} is not a number")
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number
