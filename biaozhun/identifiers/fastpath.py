"""Fast path: one regex and a dict lookup for the common shapes (GB/T 19001-2016, GB/T19001-2016,
DB33/T 1303-2023, DB44/1989-2017, T/CAS 115-2005, GB 2760-86, GB 2762-2017/XG1-2021, ISO 9001:2015,
GB/T 19001-2016/ISO 9001:2015).

It only ever returns what the full parser returns for the same text, or None to defer to it
(tests/identifiers/test_properties.py checks this on generated and mutated input).
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from .enums import Tier
from .model import NO_SUFFIXES, Identifier, Supplement
from .tables import CodeTables
from .vocabulary import CODED, INDUSTRY_NATURES, NATIONAL

_CHINESE = re.compile(
    r"((?:DB[0-9]{4}|DB[0-9]{2}|[A-Z]+)(?:/[A-Z]+)*/?)( ?)([0-9]+)(?:\.([0-9]+(?:\.[0-9]+)*))?(?:-([0-9]{4}|[5-9][0-9]))?"
    r"(?:/XG([0-9]+)(?:-([0-9]{4}))?)?"
    r"(?:/(ISO|IEC|ISO/IEC) ([0-9]+)((?:-[0-9]+)*):([0-9]{4}))?"
)
_INTERNATIONAL = re.compile(r"(ISO|IEC|ISO/IEC) ([0-9]+)((?:-[0-9]+)*)(?::([0-9]{4}))?")
_ORG = re.compile(r"[A-Z][A-Z0-9]*")
_ISO_IEC = ("ISO", "IEC")
_NATIONAL, _INDUSTRY, _LOCAL, _GROUP, _ENTERPRISE, _INTL = (
    Tier.NATIONAL, Tier.INDUSTRY, Tier.LOCAL, Tier.GROUP, Tier.ENTERPRISE, Tier.INTERNATIONAL,
)  # fmt: skip

_FIELDS = (
    "tier", "prefix", "number", "nature", "part", "year", "industry_code", "region_code", "org_code",
    "supplements", "stage", "co_publishers", "adopted", "all_parts", "suffixes",
)  # fmt: skip
if tuple(f.name for f in fields(Identifier)) != _FIELDS:  # pragma: no cover - guards _build below
    raise RuntimeError("Identifier fields changed: update fastpath._build")
_NEW = object.__new__
_S0, _S1, _S2, _S3, _S4, _S5, _S6, _S7, _S8, _S9, _S10, _S11, _S12, _S13, _S14 = (
    getattr(Identifier, name).__set__ for name in _FIELDS
)

Template = tuple[Tier, str, Any, str | None, str | None]  # tier, prefix, nature, industry_code, region_code


def _build(
    tier: Tier, prefix: str, number: str, nature: Any, part: str | None, year: int | None, industry: str | None,
    region: str | None, org: str | None, supplements: tuple[Supplement, ...], co: tuple[str, ...],
    adopted: Identifier | None,
) -> Identifier:  # fmt: skip
    """Identifier(...) without the frozen __init__'s per-field object.__setattr__ (about twice as fast)."""
    obj = _NEW(Identifier)
    _S0(obj, tier)
    _S1(obj, prefix)
    _S2(obj, number)
    _S3(obj, nature)
    _S4(obj, part)
    _S5(obj, year)
    _S6(obj, industry)
    _S7(obj, region)
    _S8(obj, org)
    _S9(obj, supplements)
    _S10(obj, None)
    _S11(obj, co)
    _S12(obj, adopted)
    _S13(obj, False)
    _S14(obj, NO_SUFFIXES)
    return obj


def prefix_table(tables: CodeTables) -> dict[str, Template]:
    """Prefix text exactly as it stands before the number ("GB/T ", glued "GB/T", "DB44/") -> template."""
    cached = tables._compiled.get("fast")
    if cached is not None:
        return cached
    table: dict[str, Template] = {}

    def add(prefix: str, template: Template) -> None:
        table[prefix + " "] = template
        if prefix != "DB":  # "DB1234" is a local code, not the earthquake industry
            table[prefix] = template

    for code, (natures, scheme) in NATIONAL.items():
        if scheme is not CODED:
            for letter, nature in natures.items():
                prefix = f"{code}/{letter}" if letter else code
                add(prefix, (_NATIONAL, prefix, nature, None, None))
    for code in tables.industry_codes | tables.engineering_codes:
        for letter, nature in INDUSTRY_NATURES.items():
            prefix = f"{code}/{letter}" if letter else code
            add(prefix, (_INDUSTRY, prefix, nature, code, None))
    for region in tables.province_codes | tables.city_codes:
        for letter, nature in INDUSTRY_NATURES.items():
            if letter:
                add(f"DB{region}/{letter}", (_LOCAL, f"DB{region}/{letter}", nature, None, region))
            else:
                table[f"DB{region}/"] = (_LOCAL, f"DB{region}", nature, None, region)
    tables._compiled["fast"] = table
    return table


def _year(text: str) -> int | None:
    year = int(text)
    return year if 1900 <= year <= 2099 else None


def _international(publisher: str, number: str, parts: str, year_text: str | None) -> Identifier | None:
    year = None
    if year_text is not None:
        year = _year(year_text)
        if year is None:
            return None
    elif parts and len(parts) - parts.rfind("-") == 5:
        return None  # "ISO 9001-2015": left to the full parser
    if publisher == "IEC" and len(number) < 5:
        return None  # "IEC 529" (numbered before 1997) is IEC 60529: left to the full parser
    co = _ISO_IEC if publisher == "ISO/IEC" else ()
    return _build(_INTL, publisher, number, None, parts[1:] or None, year, None, None, None, (), co, None)


def fast_parse(text: str, table: dict[str, Template]) -> Identifier | None:
    """The identifier, or None when the text is not one of the common shapes."""
    if text[:1] == "I":
        match = _INTERNATIONAL.fullmatch(text)
        return _international(*match.groups()) if match else None
    match = _CHINESE.fullmatch(text)
    if match is None:
        return None
    head, space, number, part, year_text, xg, xg_year, publisher, adopted_number, adopted_parts, adopted_year = (
        match.groups()
    )
    year = None
    if year_text is not None:
        year = _year(year_text) if len(year_text) == 4 else 1900 + int(year_text)
        if year is None:
            return None
    supplements: tuple[Supplement, ...] = ()
    if xg is not None:
        if year is None or (xg_year is not None and _year(xg_year) is None):
            return None
        supplements = (Supplement("xg", xg, None if xg_year is None else int(xg_year)),)
    adopted = None
    if publisher is not None:
        adopted = _international(publisher, adopted_number, adopted_parts, adopted_year)
        if adopted is None:
            return None
    template = table.get(head + space)
    if template is not None:
        tier, prefix, nature, industry, region = template
        return _build(tier, prefix, number, nature, part, year, industry, region, None, supplements, (), adopted)
    start = head[:2]
    if (start == "T/" or start == "Q/") and _ORG.fullmatch(head, 2):
        tier = _GROUP if start == "T/" else _ENTERPRISE
        return _build(tier, head, number, None, part, year, None, None, head[2:], supplements, (), adopted)
    return None
