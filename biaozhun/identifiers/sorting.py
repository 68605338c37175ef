"""Natural sort order: GB/T 2 before GB/T 10, part 1.2 before 1.10, undated before dated, then by year."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .enums import Tier
from .model import NO_SUFFIXES

if TYPE_CHECKING:
    from .model import Identifier
    from .tables import CodeTables

_CHUNK = re.compile(r"[0-9]+|[^0-9]+")
_TIER_RANK = {tier: rank for rank, tier in enumerate(Tier)}

NaturalKey = tuple[tuple[int, int, str], ...]


def natural_key(text: str | None) -> NaturalKey:
    """ "D65-04" -> ((1, 0, "D"), (0, 65, "65"), (1, 0, "-"), (0, 4, "04")); numbers sort before text."""
    if not text:
        return ()
    return tuple((0, int(c), c) if "0" <= c[0] <= "9" else (1, 0, c) for c in _CHUNK.findall(text))


def identifier_key(ident: Identifier) -> tuple:
    return (
        _TIER_RANK[ident.tier],
        natural_key(ident.prefix),
        natural_key(ident.number),
        natural_key(ident.part),
        ident.all_parts,
        -1 if ident.year is None else ident.year,
        ident.stage or "",
        tuple((s.kind, natural_key(s.number), -1 if s.year is None else s.year) for s in ident.supplements),
        identifier_key(ident.adopted) if ident.adopted is not None else (),
        _suffixes_key(ident.suffixes),
    )


def _suffixes_key(suffixes) -> tuple:
    if suffixes == NO_SUFFIXES:
        return ()
    return (suffixes.iteration or 0, suffixes.joint_number or "", suffixes.vap or "", natural_key(suffixes.edition),
            suffixes.languages, suffixes.base_stage or "")  # fmt: skip


def sort_key(value: Identifier | str, tables: CodeTables | None = None) -> tuple:
    """Key for sorted(): accepts an Identifier or text (parsed; IdentifierError if malformed)."""
    if isinstance(value, str):
        from .api import parse

        value = parse(value, tables)
    return identifier_key(value)
