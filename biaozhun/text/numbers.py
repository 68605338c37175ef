"""Number keys: the forms under which a standard number is found, and the key a typed number looks up.

Keys are compact (lower case, no spaces or slashes, ":" before a year written "-"):
GB/T 4208.2-2008 -> gbt4208.2-2008 (edition), gbt4208.2 (undated), gbt4208 (series), 4208, 4208.2,
4208-2008, 4208.2-2008; and "=gbt4208.2-2008", "=gbt4208.2", which mark an exact match. A double number also
gets the keys of the adopted identifier except the exact ones (GB/T 19001-2016/ISO 9001:2015 is found by
"ISO 9001", after ISO 9001 itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from biaozhun.identifiers import Identifier, IdentifierError, Tier, parse
from biaozhun.identifiers.formatting import format_reference

EXACT = "="
_DIGITS = re.compile(r"\d+(?:\.\d+)*(?:-\d{4})?")
_COMPACT_DROP = str.maketrans({" ": None, "/": None, ":": "-"})


def compact(identifier: str) -> str:
    return identifier.lower().translate(_COMPACT_DROP)


def _own_keys(ident: Identifier) -> set[str]:
    dated = compact(format_reference(ident, with_part=True) + (f"-{ident.year}" if ident.year else ""))
    undated = compact(ident.undated)
    keys = {dated, undated, compact(ident.series), EXACT + dated, EXACT + undated, ident.number}
    separator = "-" if ident.tier is Tier.INTERNATIONAL else "."
    numbered = f"{ident.number}{separator}{ident.part}" if ident.part else ident.number
    keys.add(numbered)
    if ident.year:
        keys.update({f"{ident.number}-{ident.year}", f"{numbered}-{ident.year}"})
    return keys


def number_keys(identifier: str) -> list[str]:
    """Every key of a catalogue identifier; an unparsable one (should not happen) gets its compact form."""
    try:
        ident = parse(identifier)
    except IdentifierError:
        return [compact(identifier), EXACT + compact(identifier)]
    keys = _own_keys(ident)
    if ident.adopted is not None:  # found by the adopted number, but not as an exact match: that is the original
        keys |= {key for key in _own_keys(ident.adopted) if not key.startswith(EXACT)}
    return sorted(keys)


@dataclass(frozen=True, slots=True)
class NumberQuery:
    """What a typed number looks up: `key` finds the editions, `exact` marks the one typed in full."""

    key: str
    exact: str | None
    canonical: str | None


def read_number(text: str) -> NumberQuery | None:
    """"GB/T 19001" -> key gbt19001; "gbt19001-2016" -> gbt19001-2016; "19001" -> 19001; words -> None."""
    text = text.strip()
    if not text:
        return None
    if _DIGITS.fullmatch(text):
        return NumberQuery(key=text, exact=None, canonical=None)
    try:
        ident = parse(text)
    except IdentifierError:
        return None
    dated = format_reference(ident, with_part=True) + (f"-{ident.year}" if ident.year else "")
    key = compact(dated)
    return NumberQuery(key=key, exact=EXACT + key, canonical=ident.canonical)
