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


def _with_prefix(ident: Identifier, prefix: str, rest: str) -> str:
    """`rest` (number, part, year) after `prefix`: a mandatory local standard is written DB44/1989, others with a
    space (DB44/T 1989, GB 2760)."""
    local_mandatory = ident.tier is Tier.LOCAL and not prefix.endswith(("/T", "/Z"))
    return f"{prefix}/{rest}" if local_mandatory else f"{prefix} {rest}"


def number_variants(text: str) -> list[str]:
    """Other forms of a typed number that a reader may have meant, most likely first: the same number with the
    other nature (GB ↔ GB/T ↔ GB/Z, JB ↔ JB/T, DB11 ↔ DB11/T), without its year, and both.

    number_variants("GB 19001-2016") -> ["GB/T 19001-2016", "GB/Z 19001-2016", "GB 19001", "GB/T 19001", "GB/Z 19001"]
    """
    try:
        ident = parse(text.strip())
    except IdentifierError:
        return []
    base = {Tier.NATIONAL: "GB", Tier.INDUSTRY: ident.industry_code, Tier.LOCAL: f"DB{ident.region_code}"}.get(
        ident.tier)
    prefixes = [ident.prefix]
    if base and ident.prefix.startswith(base):
        suffixes = ("", "/T", "/Z") if ident.tier is Tier.NATIONAL else ("", "/T")
        prefixes += [base + suffix for suffix in suffixes if base + suffix != ident.prefix]
    dated, undated = ident.canonical, ident.undated
    if ident.adopted is not None and dated.endswith("/" + ident.adopted.canonical):  # GB/T 19001-2016/ISO 9001:2015
        dated = dated[: -len(ident.adopted.canonical) - 1]
    forms = []
    for source in ([dated, undated] if ident.year else [undated]):
        rest = source[len(ident.prefix) :].lstrip(" /")
        forms += [_with_prefix(ident, prefix, rest) for prefix in prefixes]
    typed = compact(dated)
    out: list[str] = []
    for form in forms:
        if compact(form) != typed and form not in out:
            out.append(form)
    return out
