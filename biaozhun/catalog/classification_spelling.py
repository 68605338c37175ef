"""Read classification codes as people write them in real files (pure: no Django, no database).

CCS (中国标准文献分类号): "A10", but also "A 10", "Ａ１０", "a10", a path through the classification
("A 综合-A10/19 …-A14 …": the code is the one the table has, A14), or the CCS field holding the ICS code too
("A14；03.120.10", "A14/03.120.10"). ICS: "03.120.10", but also "03_120_10", "ICS 03.120.10", full-width digits,
or several codes in one cell ("03.120.10；13.020"). What was written is kept by the caller for the record's
history; these functions only say what it means.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from biaozhun.identifiers.normalise import TRANSLATION

_ICS = re.compile(r"(?<![0-9.])([0-9]{2})[._]([0-9]{3})(?:[._]([0-9]{2}))?(?![0-9])")
_CCS = re.compile(r"(?<![A-Z])([A-Z]) ?([0-9]) ?([0-9])(?![0-9]| ?/ ?[0-9])")
_LABELS = re.compile(r"(?<![A-Z])(?:ICS|CCS)(?![A-Z]):?")
_SEPARATORS = re.compile(r"[;,、\s]+")


@dataclass(frozen=True, slots=True)
class CcsReading:
    """What a CCS cell says: `code` when exactly one code of the table is in it; `unknown` the codes found that
    the table lacks; `ambiguous` the several table codes found; `ics` ICS codes written in the same cell."""

    code: str | None
    ics: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


def _ascii(text: str) -> str:
    return text.translate(TRANSLATION)  # full-width → ASCII, upper case, every dash "-", odd spaces " "


def ics_code(match: re.Match) -> str:
    return ".".join(group for group in match.groups() if group)


def read_ccs(text: str, known: Collection[str]) -> CcsReading:
    """The CCS code (and any ICS codes) in one cell, judged against the `known` level-3 codes."""
    plain = text.strip().upper()
    if plain in known:
        return CcsReading(plain)
    s = _ascii(text)
    ics = tuple(dict.fromkeys(ics_code(m) for m in _ICS.finditer(s)))
    s = _LABELS.sub(" ", _ICS.sub(" ", s))
    found = list(dict.fromkeys("".join(m.groups()) for m in _CCS.finditer(s)))
    in_table = [code for code in found if code in known]
    if len(in_table) == 1:
        return CcsReading(in_table[0], ics)
    if len(in_table) > 1:
        return CcsReading(None, ics, ambiguous=tuple(in_table))
    return CcsReading(None, ics, unknown=tuple(found))


def read_ics(items: list) -> list[str]:
    """ICS codes from a list of cells, each possibly holding several codes in any spelling; non-text items are
    passed through for the caller to refuse."""
    codes: list = []
    for item in items:
        if not isinstance(item, str):
            codes.append(item)
            continue
        s = _LABELS.sub(" ", _ascii(item)).replace("_", ".")
        for piece in _SEPARATORS.split(s):
            piece = piece.strip(".")
            if piece and piece not in codes:
                codes.append(piece)
    return codes

