"""Canonical text of an Identifier.

Chinese: ASCII, one space between prefix and number, "-" before the year (GB/T 1.1-2020, DB44/1989-2017,
GB 2762-2017/XG1-2021, GB/T 19001-2016/ISO 9001:2015). ISO/IEC in the publisher's own style
(ISO/TR 10013:2001, ISO/IEC TR 20000-11:2015, IEC TR 62443-3-1:2009, ISO 9001:2015/Amd 1:2024,
IEC 60335-1:2010/AMD1:2013, IEC 60335-1:2020+AMD1:2023 CSV). Then, for ISO/IEC, the suffixes in one order:
" | IDF 50:2008", an IEC value-added version (" RLV"), the edition (" ED2"), the languages ("(en,fr)"):
ISO/IEC 17025:2005/Cor 1:2006 ED1(fr). Decision 0033.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .enums import Tier
from .vocabulary import GLUED_SUPPLEMENT_STAGES, IEC_LEADS, PRESENTATION_VAP, staged_international_prefix

if TYPE_CHECKING:
    from .model import Identifier

_ISO_KINDS = {"amd": "Amd", "cor": "Cor", "ish": "ISH", "add": "Add", "suppl": "Suppl", "ext": "Ext"}
_IEC_KINDS = {"amd": "AMD", "cor": "COR", "ish": "ISH", "csv": "AMD"}


def _head(ident: Identifier, prefix: str, with_part: bool = True) -> str:
    number = ident.number
    if with_part and ident.part is not None:
        number += ("-" if ident.tier is Tier.INTERNATIONAL else ".") + ident.part
    if ident.tier is Tier.LOCAL and prefix.startswith("DB") and prefix[2:].isdigit():
        return f"{prefix}/{number}"  # mandatory local standard: DB44/1989-2017
    return f"{prefix} {number}"


def format_reference(ident: Identifier, with_part: bool = True) -> str:
    """Canonical form without year, supplements, adoption, stage and "(all parts)"; optionally without part."""
    return _head(ident, ident.prefix, with_part)


def format_identifier(ident: Identifier) -> str:
    """The canonical text; parse(format_identifier(x)) == x."""
    if ident.tier is Tier.INTERNATIONAL:
        return _international(ident)
    out = _head(ident, ident.prefix)
    if ident.year is not None:
        out += f"{':' if ident.prefix == 'CECS' else '-'}{ident.year}"
    for sup in ident.supplements:
        out += f"/XG{sup.number}" if sup.year is None else f"/XG{sup.number}-{sup.year}"
    if ident.adopted is not None:
        out += "/" + format_identifier(ident.adopted)
    if ident.all_parts:
        out += " (all parts)"
    return out


def format_dated(ident: Identifier) -> str:
    """The canonical form without edition number, languages and presentation versions (RLV, CMV, EXV, PRV)."""
    extra = ident.suffixes
    if ident.tier is not Tier.INTERNATIONAL or (
        extra.edition is None and not extra.languages and (extra.vap is None or extra.vap not in PRESENTATION_VAP)
    ):
        return format_identifier(ident)
    return _international(ident, suffixes=False)


def _international(ident: Identifier, suffixes: bool = True) -> str:
    stage, sups, extra = ident.stage, ident.supplements, ident.suffixes
    prefix = ident.prefix
    iteration = "" if extra.iteration is None else f".{extra.iteration}"
    if stage is not None and not sups:
        prefix = staged_international_prefix(prefix, stage)
    elif extra.base_stage is not None:
        prefix = staged_international_prefix(prefix, extra.base_stage)  # ISO/IEC DIS 23008-1/DAmd 2
    out = _head(ident, prefix)
    if stage is not None and not sups:
        out += iteration
    if ident.year is not None:
        out += f":{ident.year}"
    iec = prefix.split("/", 1)[0].split(" ", 1)[0] in IEC_LEADS
    last = len(sups) - 1
    for index, sup in enumerate(sups):
        year = "" if sup.year is None else f":{sup.year}"
        if sup.kind == "csv":
            out += f"+AMD{sup.number}{year}"
            if index == last or sups[index + 1].kind != "csv":
                out += " CSV"
        elif iec:
            out += f"/{_IEC_KINDS[sup.kind]}{sup.number}{year}"
        else:
            number = f" {sup.number}" if sup.number else ""
            if stage is not None and index == last:
                word = "" if stage in GLUED_SUPPLEMENT_STAGES else f" {_ISO_KINDS[sup.kind]}"
                out += f"/{stage}{word}{number}{iteration}{year}"
            else:
                out += f"/{_ISO_KINDS[sup.kind]}{number}{year}"
    if extra.joint_number is not None:
        out += f" | {extra.joint_number}"
    if extra.vap is not None and (suffixes or extra.vap not in PRESENTATION_VAP):
        out += f" {extra.vap}"
    if suffixes and extra.edition is not None:
        out += f" ED{extra.edition}"
    if suffixes and extra.languages:
        out += f"({','.join(extra.languages)})"
    if ident.all_parts:
        out += " (all parts)"
    return out
