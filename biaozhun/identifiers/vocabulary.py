"""The fixed vocabulary of the numbering rules: national prefixes, number schemes, ISO/IEC words.

Industry, engineering and region codes are data (see tables.py); what is here is grammar.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Nature

M, R, G = Nature.MANDATORY, Nature.RECOMMENDED, Nature.GUIDANCE


@dataclass(frozen=True, slots=True)
class Scheme:
    """How the number after a Chinese prefix is written."""

    lead_letters: int = 0  # letters allowed before the digits: JTG D60, TSG ZF001
    suffix_letter: bool = False  # one letter after the digits: GJB 9001C, QJ 1234A, GJB 150.1A
    hyphen: bool = False  # hyphen groups inside the number: GSB 04-3053, JTG/T D65-04
    coded_lead: bool = False  # the first group is a class/region code: a year needs two groups after it
    slash_digit: bool = False  # JTG F80/1-2017
    colon_year: bool = False  # CECS 102:2002 keeps its colon
    inner_hyphen: bool = False  # hyphen groups before a part or the year: T/XYZ AB12-003.2-2024


PLAIN = Scheme()
LETTERED = Scheme(suffix_letter=True)
ENGINEERING = Scheme(lead_letters=2, suffix_letter=True, hyphen=True, slash_digit=True)
CODED = Scheme(hyphen=True, coded_lead=True)
ORGANISATION = Scheme(lead_letters=2, suffix_letter=True, inner_hyphen=True)
ASSOCIATION = Scheme(suffix_letter=True, colon_year=True)

# National-level codes: nature by suffix ("" = bare code) and number scheme.
NATIONAL: dict[str, tuple[dict[str, Nature | None], Scheme]] = {
    "GB": ({"": M, "T": R, "Z": G}, PLAIN),
    "GBZ": ({"": M, "T": R}, PLAIN),  # occupational health
    "GBJ": ({"": M, "T": R}, PLAIN),  # national engineering standards before GB 50xxx
    "GJB": ({"": None, "Z": G}, LETTERED),  # military
    "JJF": ({"": None}, PLAIN),  # metrology technical specifications
    "JJG": ({"": None}, PLAIN),  # metrology verification regulations
    "GSB": ({"": None}, CODED),  # reference materials: GSB 04-3053-2013
}
INDUSTRY_NATURES: dict[str, Nature | None] = {"": M, "T": R, "Z": G}
METROLOGY = frozenset({"JJF", "JJG"})  # take a (京) / (铁道) qualifier

# Local engineering-construction codes (number = region/class code + serial): DBJ 15-101-2014.
LOCAL_ENGINEERING: dict[str, tuple[dict[str, Nature | None], str | None]] = {
    "DBJ": ({"": M, "T": R}, None),
    "DGJ": ({"": M}, "31"),  # Shanghai: DGJ 08-9-2013
    "DG/TJ": ({"": R}, "31"),  # Shanghai: DG/TJ 08-2001-2016
}
ASSOCIATION_CODES = frozenset({"CECS"})  # pre-2017 association standards: CECS 102:2002

# ISO / IEC
INTERNATIONAL_LEADS = frozenset({"ISO", "IEC", "IWA"})
CO_PUBLISHERS = frozenset({"ISO", "IEC", "IEEE", "ASTM", "SAE", "CIE", "HL7", "ASME"})
TYPES = {"TR": "TR", "TS": "TS", "PAS": "PAS", "TTA": "TTA", "R": "R", "GUIDE": "Guide", "SRD": "SRD"}
TYPE_NAMES = frozenset(TYPES.values())
STAGES = frozenset({"PWI", "NP", "AWI", "WD", "CD", "CDV", "DIS", "FDIS", "PRF"})
COMBINED_STAGES = {"DTR": "TR", "DTS": "TS", "DPAS": "PAS", "PDTR": "TR", "PDTS": "TS"}
SUPPLEMENT_KINDS = {"AMD": "amd", "A": "amd", "COR": "cor", "ISH": "ish"}
DRAFT_SUPPLEMENTS = {
    "DAMD": ("DAmd", "amd"), "DAM": ("DAmd", "amd"), "FDAMD": ("FDAmd", "amd"), "FDAM": ("FDAmd", "amd"),
    "PDAMD": ("PDAmd", "amd"), "PDAM": ("PDAmd", "amd"), "DCOR": ("DCor", "cor"),
}  # fmt: skip
GLUED_SUPPLEMENT_STAGES = frozenset(stage for stage, _ in DRAFT_SUPPLEMENTS.values())
SUPPLEMENT_STAGES = frozenset({"NP", "AWI", "WD", "CD", "PRF"})  # written "/CD Amd 1"


def starts_international(word: str) -> bool:
    """ISO, IEC, IWA, or one of them glued to a type or stage with the separator lost (IECTS, ISODIS)."""
    if word in INTERNATIONAL_LEADS:
        return True
    rest = word[3:]
    return word[:3] in ("ISO", "IEC") and (rest in TYPES or rest in STAGES or rest in COMBINED_STAGES)


def split_international_prefix(prefix: str) -> tuple[tuple[str, ...], str | None]:
    """ "ISO/IEC TR" -> (("ISO", "IEC"), "TR"); "ISO/TR" -> (("ISO",), "TR"); "IEC" -> (("IEC",), None)."""
    tokens = prefix.replace(" ", "/").split("/")
    if tokens[-1] in TYPE_NAMES and len(tokens) > 1:
        return tuple(tokens[:-1]), tokens[-1]
    return tuple(tokens), None


def international_prefix(publishers: tuple[str, ...], doc_type: str | None) -> str:
    """ISO's style: a slash before the type for ISO alone ("ISO/TR"), a space otherwise ("ISO/IEC TR", "IEC TR")."""
    head = "/".join(publishers)
    if doc_type is None:
        return head
    if publishers == ("ISO",) and doc_type != "Guide":
        return f"ISO/{doc_type}"
    return f"{head} {doc_type}"


def staged_international_prefix(prefix: str, stage: str) -> str:
    """Insert a draft stage: ISO/DIS, ISO/CD TR, ISO/DTS, ISO/IEC DIS, ISO/IEC CD TR."""
    publishers, doc_type = split_international_prefix(prefix)
    middle = stage if stage in COMBINED_STAGES or doc_type is None else f"{stage} {doc_type}"
    if publishers == ("ISO",):
        return f"ISO/{middle}"
    return f"{'/'.join(publishers)} {middle}"
