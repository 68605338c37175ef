"""Hypothesis strategies that build valid Identifier values of every tier (not via the parser)."""

from hypothesis import strategies as st

from biaozhun.identifiers import NO_SUFFIXES, Identifier, Nature, Suffixes, Supplement, Tier, default_tables
from biaozhun.identifiers.international import SUPPLEMENT_SEGMENT
from biaozhun.identifiers.vocabulary import (
    COMBINED_STAGES,
    DRAFT_SUPPLEMENTS,
    LANGUAGE_ORDER,
    LANGUAGES,
    STAGES,
    SUPPLEMENT_STAGES,
    VAP,
    international_prefix,
)

TABLES = default_tables()
INDUSTRY = sorted(TABLES.industry_codes)
ENGINEERING = sorted(TABLES.engineering_codes)
PROVINCES = sorted(TABLES.province_codes)
CITIES = sorted(TABLES.city_codes)
M, R, G = Nature.MANDATORY, Nature.RECOMMENDED, Nature.GUIDANCE
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

years = st.integers(1900, 2099)
optional_years = st.none() | years
digits = st.from_regex(r"[0-9]{1,6}", fullmatch=True)
short_digits = st.from_regex(r"[0-9]{1,4}", fullmatch=True)
letter = st.sampled_from(UPPER)
# hyphen groups that can never be read as a year (1 or 3 digits, or 2 digits below 50)
safe_group = st.from_regex(r"[0-9]|[0-9]{3}|[0-4][0-9]", fullmatch=True)


@st.composite
def parts(draw, letters: bool = False) -> str | None:
    if not draw(st.booleans()):
        return None
    segment = st.builds(lambda d, s: d + s, short_digits, st.sampled_from(["", *UPPER]) if letters else st.just(""))
    return ".".join(draw(st.lists(segment, min_size=1, max_size=3)))


@st.composite
def plain_number(draw, letters: bool = False) -> tuple[str, str | None]:
    number = draw(digits) + (draw(st.sampled_from(["", "A", "B", "C"])) if letters else "")
    return number, draw(parts(letters))


@st.composite
def hyphen_number(draw, lead_letters: bool, coded: bool, slash: bool = False) -> tuple[str, str | None]:
    """ENGINEERING / CODED numbers: either a dot part or hyphen groups (and JTG's /n)."""
    lead = draw(st.sampled_from(["", "", "D", "ZF", "T"])) if lead_letters else ""
    number = lead + draw(short_digits)
    if not coded and draw(st.booleans()):
        return number, draw(parts())
    if slash and draw(st.booleans()):
        number += "/" + draw(st.from_regex(r"[0-9]{1,2}", fullmatch=True))
    count = 1 if coded else draw(st.integers(0, 2))
    return number + "".join("-" + draw(safe_group) for _ in range(count)), None


def xg_list(year: int | None) -> st.SearchStrategy[tuple[Supplement, ...]]:
    if year is None:
        return st.just(())
    xg = st.builds(lambda n, y: Supplement("xg", n, y), st.from_regex(r"[1-9][0-9]?", fullmatch=True), optional_years)
    return st.lists(xg, max_size=2).map(tuple)


ISO_KINDS = ["amd", "cor", "ish", "add", "suppl", "ext"]
IEC_KINDS = ["amd", "cor", "ish"]
# part segments: digits (never a 4-digit year), letters and digits (ISO 105-A02, 8802-1Q), letters (62087-BD)
part_segment = st.from_regex(r"[0-9]{1,3}|[A-Z][0-9]{2}|[0-9][A-Z]|[A-Z]{2,5}", fullmatch=True).filter(
    lambda seg: not SUPPLEMENT_SEGMENT.match(seg)
)
languages = st.lists(st.sampled_from(sorted(LANGUAGES)), max_size=3, unique=True).map(
    lambda codes: tuple(sorted(codes, key=lambda c: (LANGUAGE_ORDER.index(c) if c in LANGUAGE_ORDER else 99, c)))
)
editions = st.none() | st.from_regex(r"[1-9]|[1-9]\.[1-9]", fullmatch=True)


def _number(lead: str, doc_type: str | None) -> st.SearchStrategy[str]:
    if lead == "IEC" and doc_type != "Guide":
        return st.from_regex(r"6[0-3][0-9]{3}|8[0-2][0-9]{3}", fullmatch=True)  # IEC 529 would read IEC 60529
    return st.from_regex(r"[1-9][0-9]{0,5}", fullmatch=True)


@st.composite
def international(draw, nested: bool = False) -> Identifier:
    lead = draw(st.sampled_from(["ISO", "ISO", "IEC", "IEC", "IWA", "CISPR", "IEEE"]))
    publishers: tuple[str, ...] = (lead,)
    doc_type = None
    stage = None
    if lead == "IEEE":
        publishers = draw(st.sampled_from([("IEEE", "ISO", "IEC"), ("IEEE", "ISO"), ("IEEE", "IEC")]))
    elif lead in ("ISO", "IEC"):
        extra = draw(st.sampled_from([(), (), ("IEC",), ("IEEE",), ("IEC", "IEEE"), ("ASTM",), ("ISO",)]))
        publishers += tuple(p for p in extra if p != lead)
    if lead != "IWA":
        doc_type = draw(st.sampled_from([None, None, "TR", "TS", "PAS", "Guide", "SRD", "TTA", "R", "ISP"]))
    if draw(st.integers(0, 4)) == 0:
        combined = [s for s, t in COMBINED_STAGES.values() if t == doc_type and s != "CD"]
        stage = draw(st.sampled_from(sorted(STAGES) + combined))
    iec = publishers[0] in ("IEC", "CISPR")
    number = draw(_number(lead, doc_type))
    part = draw(st.none() | st.lists(part_segment, min_size=1, max_size=3).map("-".join))
    if iec and part is not None and draw(st.integers(0, 5)) == 0:
        part += "/" + draw(st.from_regex(r"[0-9]", fullmatch=True))  # IEC 60695-2-1/1: a sheet
    year = draw(optional_years)
    supplements: tuple[Supplement, ...] = ()
    iteration = None
    number_of = st.from_regex(r"[1-9][0-9]?", fullmatch=True)
    if stage is None and draw(st.booleans()):
        if iec and year is not None:
            csv = draw(st.lists(st.builds(lambda n, y: Supplement("csv", n, y), number_of, years), max_size=2))
            rest = draw(st.lists(st.builds(Supplement, st.sampled_from(IEC_KINDS), number_of, optional_years),
                                 max_size=2))
            supplements = (*csv, *rest)
        elif not iec:
            kinds = st.sampled_from(ISO_KINDS)
            if year is not None:
                supplements = tuple(draw(st.lists(st.builds(Supplement, kinds, number_of, optional_years), max_size=2)))
            if supplements and supplements[-1].kind == "suppl" and draw(st.booleans()):
                supplements = (*supplements[:-1], Supplement("suppl", "", supplements[-1].year))  # /Suppl:1993
            if draw(st.booleans()) and (year is None or supplements):
                # a draft supplement comes last; it may follow an undated number (ISO/IEC Guide 98-3/NP Suppl 2)
                kind = draw(st.sampled_from(["amd", "cor", "add", "suppl"]))
                glued = [s for s, k in DRAFT_SUPPLEMENTS.values() if k == kind and s != "CD"]
                stage = draw(st.sampled_from(sorted(SUPPLEMENT_STAGES) + glued))
                supplements = (*supplements, Supplement(kind, draw(number_of), draw(optional_years)))
    if stage is not None and draw(st.booleans()):
        iteration = draw(st.integers(2, 9))
    all_parts = not nested and year is None and not supplements and draw(st.booleans())
    csv_listed = any(s.kind == "csv" for s in supplements)
    vaps = sorted(VAP - {"CSV"}) + (["CSV"] if iec and not csv_listed else [])
    return Identifier(
        Tier.INTERNATIONAL, international_prefix(publishers, doc_type), number, None, part, year,
        supplements=supplements, stage=stage, co_publishers=publishers if len(publishers) > 1 else (),
        all_parts=all_parts, suffixes=Suffixes(
            draw(editions), draw(languages), iteration, draw(st.none() | st.sampled_from(vaps)),
            None if iec else draw(st.none() | st.sampled_from(["IDF 50", "IDF 20-1:2014", "IDF 26:2004"])),
        ) if draw(st.booleans()) else NO_SUFFIXES,
    )  # fmt: skip


@st.composite
def _head(draw) -> dict:
    """Tier, prefix and code fields of a Chinese identifier, with the number it takes."""
    kind = draw(st.sampled_from(["national", "gsb", "industry", "composite", "engineering", "local", "dbj",
                                 "metrology", "group", "enterprise", "cecs"]))  # fmt: skip
    if kind == "national":
        prefix, nature, lettered = draw(st.sampled_from([
            ("GB", M, False), ("GB/T", R, False), ("GB/Z", G, False), ("GBZ", M, False), ("GBZ/T", R, False),
            ("GBJ", M, False), ("GBJ/T", R, False), ("GJB", None, True), ("GJB/Z", G, True), ("JJF", None, False),
            ("JJG", None, False),
        ]))  # fmt: skip
        number, part = draw(plain_number(lettered))
        return {"tier": Tier.NATIONAL, "prefix": prefix, "nature": nature, "number": number, "part": part}
    if kind == "gsb":
        number, part = draw(hyphen_number(False, True))
        return {"tier": Tier.NATIONAL, "prefix": "GSB", "nature": None, "number": number, "part": part}
    suffix, nature = draw(st.sampled_from([("", M), ("/T", R), ("/Z", G)]))
    if kind in ("industry", "composite"):
        code = draw(st.sampled_from(INDUSTRY))
        co: tuple[str, ...] = ()
        if kind == "composite":
            co = (code, draw(st.sampled_from([c for c in INDUSTRY if c != code])))
        number, part = draw(plain_number(True))
        prefix = "/".join(co or (code,)) + suffix
        return {"tier": Tier.INDUSTRY, "prefix": prefix, "nature": nature, "industry_code": code,
                "co_publishers": co, "number": number, "part": part}  # fmt: skip
    if kind == "engineering":
        code = draw(st.sampled_from(ENGINEERING))
        number, part = draw(hyphen_number(True, False, slash=True))
        return {"tier": Tier.INDUSTRY, "prefix": code + suffix, "nature": nature, "industry_code": code,
                "number": number, "part": part}  # fmt: skip
    if kind == "local":
        region = draw(st.sampled_from(PROVINCES + CITIES))
        number, part = draw(plain_number())
        prefix = f"DB{region}{suffix}"
        return {"tier": Tier.LOCAL, "prefix": prefix, "nature": nature, "region_code": region,
                "number": number, "part": part}  # fmt: skip
    if kind == "dbj":
        prefix, nature, region = draw(st.sampled_from([
            ("DBJ", M, None), ("DBJ/T", R, None), ("DGJ", M, "31"), ("DG/TJ", R, "31"), ("DBJ50/T", R, "50"),
            ("DBJ43/T", R, "43"),
        ]))  # fmt: skip
        number, part = draw(hyphen_number(False, region is None or prefix in ("DGJ", "DG/TJ")))
        return {"tier": Tier.LOCAL, "prefix": prefix, "nature": nature, "region_code": region,
                "number": number, "part": part}  # fmt: skip
    if kind == "metrology":
        code = draw(st.sampled_from(["JJF", "JJG"]))
        name = draw(st.sampled_from(["京", "沪", "粤", "铁道", "民航", "电子"]))
        region = TABLES.province_abbreviations.get(name)
        number, part = draw(plain_number())
        return {"tier": Tier.LOCAL if region else Tier.INDUSTRY, "prefix": f"{code}({name})", "nature": None,
                "region_code": region, "number": number, "part": part}  # fmt: skip
    if kind == "cecs":
        number, part = draw(plain_number(True))
        return {"tier": Tier.GROUP, "prefix": "CECS", "nature": None, "org_code": "CECS", "number": number,
                "part": part}  # fmt: skip
    org = draw(st.from_regex(r"[A-Z][A-Z0-9]{0,5}(-[A-Z][A-Z0-9]{0,2})?", fullmatch=True))
    lead = draw(st.sampled_from(["", "", "A", "JX"]))
    number, part = draw(plain_number(True))
    if kind == "group":
        return {"tier": Tier.GROUP, "prefix": f"T/{org}", "nature": None, "org_code": org,
                "number": lead + number, "part": part}  # fmt: skip
    if draw(st.booleans()):
        org = (
            draw(st.from_regex(r"[0-9]{2,6}", fullmatch=True))
            + " "
            + draw(st.from_regex(r"[A-Z]{2,4}", fullmatch=True))
        )
    category = draw(st.sampled_from(["", "", "/J", "/G", "/Z"]))
    return {"tier": Tier.ENTERPRISE, "prefix": f"Q/{org}{category}", "nature": None, "org_code": org,
            "number": lead + number, "part": part}  # fmt: skip


@st.composite
def chinese(draw) -> Identifier:
    fields = draw(_head())
    year = draw(optional_years)
    supplements = draw(xg_list(year))
    adopted = draw(st.none() | international(nested=True)) if draw(st.integers(0, 3)) == 0 else None
    all_parts = year is None and adopted is None and draw(st.booleans())
    return Identifier(year=year, supplements=supplements, adopted=adopted, all_parts=all_parts, **fields)


identifiers = st.one_of(chinese(), international())
