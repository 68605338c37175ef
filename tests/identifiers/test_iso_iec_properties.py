"""Property tests for ISO/IEC identifiers: canonical -> parse -> canonical is stable, and every other spelling of
the same document (edition, languages, stages, supplements, separators, case, width) reads as the same canonical
form."""

import re

from hypothesis import given
from hypothesis import strategies as st

from biaozhun.identifiers import Tier, parse
from biaozhun.identifiers.api import parse_full

from .strategies import identifiers, international
from .test_properties import SETTINGS

FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/-.:+()"}
LETTER_OF = {"en": "E", "fr": "F", "ru": "R", "es": "S"}


def _languages(match: re.Match[str], how: int) -> str:
    codes = match.group(1).split(",")
    if how == 0 and all(c in LETTER_OF for c in codes):
        return "(" + "/".join(LETTER_OF[c] for c in codes) + ")"
    if how == 1:
        return " (" + ", ".join(c.upper() for c in reversed(codes)) + ")"
    return "(" + "-".join(codes) + ")"


# (pattern, replacements): each rewrites the canonical text into another spelling of the same document.
REWRITES: list[tuple[str, list]] = [
    (r" ED([0-9]+)(?![.0-9])", [r" Ed.\1", r" Ed \1", r" Edition \1", r", Ed. \1", r" ED\1.0", r" ed\1"]),
    (r" ED([0-9]+\.[0-9]+)", [r" Ed \1", r" Edition \1"]),
    (r"\(([a-z]{2}(?:,[a-z]{2})*)\)$", [lambda m: _languages(m, 0), lambda m: _languages(m, 1),
                                        lambda m: _languages(m, 2)]),
    (r"^(ISO(?:/[A-Z0-9]+)*) CD (TR|TS) ", [r"\1 PD\2 "]),
    (r"^ISO/CD (TR|TS) ", [r"ISO/PD\1 "]),
    (r"^ISO/NP ", ["ISO/NWIP "]),
    (r"/DAmd ", ["/DAM ", "/DIS Amd ", "/DAMD "]),
    (r"/FDAmd ", ["/FDAM ", "/FDIS Amd "]),
    (r"/CD Amd ", ["/PDAM ", "/PDAmd "]),
    (r"/CD Cor ", ["/PDCOR "]),
    (r"/DCor ", ["/DCOR ", "/DIS Cor "]),
    (r"/Amd ([0-9])", [r"/AMD\1", r"/Amd.\1", r"/Amd. \1", r"/AMD \1"]),
    (r"/Cor ([0-9])", [r"/COR.\1", r"/Cor\1"]),
    (r"/Add ([0-9])", [r"/ADD \1", r"/Addendum \1"]),
    (r"/Suppl ([0-9])", [r"/Suppl.\1", r"/SUPPL \1", r"/Supplement \1"]),
    (r"\+AMD([0-9])", [r"+A\1", r" + AMD\1"]),
    (r"^(IEC|CISPR) (TR|TS|PAS|SRD) ", [r"\1/\2 "]),
    (r"^ISO/IEC ", ["ISO/CEI ", "ISO / IEC "]),
    (r"^ISO/IEC ([0-9])", [r"ISO/IEC\1"]),
    (r" \| IDF ", ["|IDF ", " |IDF "]),
    (r"^ISO/(TR|TS|PAS) ", [r"ISO \1 ", r"ISO\1 "]),
    (r"^ISO/(DIS|FDIS|CD|WD|AWI|PRF) ", [r"ISO \1 ", r"ISO\1 "]),
    (r"Guide ", ["GUIDE ", "guide "]),
    (r"DGuide ", ["DGUIDE "]),
]


@st.composite
def respelled(draw) -> tuple[str, str]:
    """(canonical, another spelling of the same identifier)."""
    canonical = draw(st.one_of(international(), identifiers)).canonical
    text = canonical
    for pattern, replacements in REWRITES:
        if re.search(pattern, text) and draw(st.booleans()):
            text = re.sub(pattern, draw(st.sampled_from(replacements)), text, count=1)
    styling = draw(st.sampled_from(["as is", "lower", "full width", "spaced slashes"]))
    if styling == "lower":
        text = text.lower()
    elif styling == "full width":
        text = "".join(FULL_WIDTH.get(c, c) for c in text.upper())
    elif styling == "spaced slashes":
        text = text.replace("/", " / ")
    return canonical, text


@SETTINGS
@given(international())
def test_canonical_form_of_every_iso_iec_class_reads_back_as_itself(value):
    canonical = value.canonical
    ident = parse(canonical)
    assert ident == value, canonical
    assert parse(ident.canonical).canonical == canonical
    assert parse_full(canonical) == ident


@SETTINGS
@given(respelled())
def test_two_spellings_of_the_same_document_give_the_same_canonical_form(pair):
    canonical, text = pair
    assert parse(text).canonical == canonical, text


@SETTINGS
@given(international())
def test_the_dated_reference_is_itself_an_identifier_without_edition_or_languages(value):
    dated = parse(value.dated)
    assert dated.tier is Tier.INTERNATIONAL and dated.edition is None and dated.languages == ()
    assert (dated.number, dated.part, dated.year, dated.supplements) == (
        value.number, value.part, value.year, value.supplements)  # fmt: skip
