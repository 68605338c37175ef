"""The fixed vocabulary of the numbering rules: national prefixes, number schemes, ISO/IEC words.

Industry, engineering and region codes are data (see tables.py); what is here is grammar.
"""

from __future__ import annotations

import re
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

# ISO / IEC (decision 0033)
INTERNATIONAL_LEADS = frozenset({"ISO", "IEC", "IWA", "CISPR"})
IEC_LEADS = frozenset({"IEC", "CISPR"})  # IEC's own style for supplements: /AMD1:2013, +AMD1:2016 CSV
# Co-publishers after the lead; CEI is IEC in French ("ISO/CEI 27001").
CO_PUBLISHERS = {p: p for p in ("ISO", "IEC", "IEEE", "ASTM", "SAE", "CIE", "HL7", "ASME", "OECD")} | {"CEI": "IEC"}
LEADING_CO_PUBLISHERS = frozenset({"IEEE", "ASTM", "SAE"})  # lead only before /ISO or /IEC: IEEE/ISO/IEC 29119-1
TYPES = {
    "TR": "TR", "TS": "TS", "PAS": "PAS", "TTA": "TTA", "R": "R", "GUIDE": "Guide", "SRD": "SRD", "ISP": "ISP",
    "DATA": "DATA",
}  # fmt: skip
TYPE_NAMES = frozenset(TYPES.values())
STAGES = frozenset({"PWI", "NP", "AWI", "WD", "CD", "CDV", "DIS", "FDIS", "PRF", "FCD", "DP"})
STAGE_ALIASES = {"NWIP": "NP"}
# A stage written as one word with the type: token -> (stage as printed, type). PDTR is the old name of CD TR.
COMBINED_STAGES = {
    "DTR": ("DTR", "TR"), "DTS": ("DTS", "TS"), "DPAS": ("DPAS", "PAS"), "FDTR": ("FDTR", "TR"),
    "FDTS": ("FDTS", "TS"), "PDTR": ("CD", "TR"), "PDTS": ("CD", "TS"), "DGUIDE": ("DGuide", "Guide"),
    "FDGUIDE": ("FDGuide", "Guide"),
}  # fmt: skip
GLUED_STAGES = frozenset(stage for stage, _ in COMBINED_STAGES.values() if stage != "CD")
# Supplements: word -> kind. IEC-led identifiers take only amendments, corrigenda and interpretation sheets.
SUPPLEMENT_KINDS = {
    "AMD": "amd", "AM": "amd", "A": "amd", "COR": "cor", "ISH": "ish", "ADD": "add", "ADDENDUM": "add", "SUPPL": "suppl",
    "SUP": "suppl", "SUPPLEMENT": "suppl", "EXT": "ext",
}  # fmt: skip
IEC_SUPPLEMENT_KINDS = frozenset({"amd", "cor", "ish"})
# Draft supplements written as one word: token -> (stage as printed, kind). PDAM is the old name of CD Amd,
# FPDAM of DAmd.
DRAFT_SUPPLEMENTS = {
    "DAMD": ("DAmd", "amd"), "DAM": ("DAmd", "amd"), "FDAMD": ("FDAmd", "amd"), "FDAM": ("FDAmd", "amd"),
    "FPDAM": ("DAmd", "amd"), "PDAMD": ("CD", "amd"), "PDAM": ("CD", "amd"), "DCOR": ("DCor", "cor"),
    "FDCOR": ("FDCor", "cor"), "FCOR": ("FDCor", "cor"), "PDCOR": ("CD", "cor"), "DAD": ("DAdd", "add"),
    "DADD": ("DAdd", "add"), "DSUPPL": ("DSuppl", "suppl"), "FDSUPPL": ("FDSuppl", "suppl"),
}  # fmt: skip
GLUED_SUPPLEMENT_STAGES = frozenset(stage for stage, _ in DRAFT_SUPPLEMENTS.values() if stage != "CD")
SUPPLEMENT_STAGES = frozenset({"PWI", "NP", "AWI", "WD", "CD", "PRF"})  # written "/CD Amd 1"
# "/DIS Amd 1" is ISO's DAmd; "/FDIS Cor 1" its FDCor
SPELLED_DRAFT_STAGES = {("DIS", "amd"): "DAmd", ("FDIS", "amd"): "FDAmd", ("DIS", "cor"): "DCor",
                        ("FDIS", "cor"): "FDCor", ("DIS", "suppl"): "DSuppl", ("DIS", "add"): "DAdd"}  # fmt: skip
# Value-added publications of IEC, written after the identifier: redline, commented, extended, series, package,
# pre-release, database versions. CSV alone (no +AMD listed) is a consolidated version too.
VAP = frozenset({"CSV", "RLV", "CMV", "EXV", "SER", "PAC", "PRV", "DB"})
PRESENTATION_VAP = frozenset({"RLV", "CMV", "EXV", "PRV"})  # the same edition presented otherwise
# Languages: ISO 639-1 codes and ISO's one-letter forms (E, F, R, S), printed in this order then alphabetically.
LANGUAGE_LETTERS = {"E": "en", "F": "fr", "R": "ru", "S": "es"}
LANGUAGE_ORDER = ("en", "fr", "ru", "es", "ar", "zh", "de", "ja")
LANGUAGES = frozenset({
    "en", "fr", "ru", "es", "ar", "zh", "de", "ja", "it", "pt", "ko", "nl", "sv", "fi", "da", "no", "pl", "cs",
    "hu", "el", "tr", "he", "uk", "ro", "sk", "sl", "hr", "bg", "lt", "lv", "et", "fa", "th", "vi", "id", "ms",
})  # fmt: skip
# Words that name a committee or the directives, not a publication: refused with what they are.
COMMITTEE_WORDS = frozenset({"TC", "SC", "JTC", "WG", "JWG", "TMB", "SMB", "PC", "SWG", "AHG", "SYC", "CASCO",
                             "COPOLCO", "DEVCO", "CAB", "CS"})  # fmt: skip
DIRECTIVE_WORDS = frozenset({"DIRECTIVES", "DIRECTIVE", "DIR", "SUPPLEMENT"})
# ISO/IEC words as Russian texts write them (ГОСТ references): ИСО/МЭК ТО 19791, ИСО/ПМС 1956/2, Руководство ИСО 2.
CYRILLIC_WORDS = {
    "ИСО": "ISO", "МЭК": "IEC", "ТО": "TR", "ТС": "TS", "ПМС": "DIS", "ОПМС": "FDIS", "РУКОВОДСТВО": "GUIDE",
    "РУКОВОДСТВА": "GUIDE",
}  # fmt: skip
JOINT_PUBLISHERS = frozenset({"IDF"})  # ISO 707:2008 | IDF 50:2008 (dairy standards carry both numbers)


_LETTERS = re.compile(r"[A-Z]+")


def starts_international(text: str, pos: int = 0) -> bool:
    """ISO, IEC, IWA, CISPR, JTC (refused later), IEEE/ASTM/SAE before /ISO or /IEC, a draft stage before IWA
    ("AWI IWA 36"), or ISO/IEC glued to a type or stage with the separator lost (IECTS, ISODIS)."""
    match = _LETTERS.match(text, pos)
    if match is None:
        return False
    word, end = match.group(), match.end()
    if word in INTERNATIONAL_LEADS or word == "JTC":
        return True
    if word in LEADING_CO_PUBLISHERS:
        return text.startswith(("/ISO", "/IEC"), end)
    if word in STAGES:
        return text.startswith(" IWA", end)
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
    """Insert a draft stage: ISO/DIS, ISO/CD TR, ISO/DTS, ISO/IEC DIS, ISO/IEC CD TR, ISO/DGuide, ISO/AWI IWA."""
    publishers, doc_type = split_international_prefix(prefix)
    middle = stage if stage in GLUED_STAGES or doc_type is None else f"{stage} {doc_type}"
    if publishers == ("ISO",):
        return f"ISO/{middle}"
    if publishers == ("IWA",):
        return f"ISO/{stage} IWA"
    return f"{'/'.join(publishers)} {middle}"
