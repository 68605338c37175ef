"""Every row of the ISO/IEC test sets (tests/identifiers/data): publications read as their canonical form, the
canonical form reads back as the same value, and what is not a publication is refused with its own code."""

import pytest
from django.utils import translation

from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.identifiers.api import parse_full

from .iso_iec_sets import HOLDOUT, rows

PUBLICATIONS = [row for row in rows() if not row.refused]
REFUSALS = [row for row in rows() if row.refused]


def test_the_sets_are_several_hundred_identifiers_of_every_kind():
    assert len(PUBLICATIONS) >= 1000 and len(REFUSALS) >= 50
    texts = " ".join(row.expected for row in PUBLICATIONS)
    for mark in ("ISO/IEC/IEEE", "IEEE/ISO/IEC", "CISPR", "IEC TR", "IEC SRD", "IEC PAS", "ISO/R ", "IWA ", "/Add ",
                 "/Suppl ", "/DAmd ", "/FDAmd ", "/CD Amd ", "/NP Amd ", "/WD Amd ", ".2", " CSV", " RLV", " ED",
                 "(en)", "(en,fr)", "DGuide", "ISO/IEC CD TR", "ISO/DTS", "ISO/PRF", "ISO/FDIS", "ISO/AWI", "ISO/NP",
                 "ISO/PWI", "-A02", "| IDF", "GB/T"):  # fmt: skip
        assert mark in texts, mark


@pytest.mark.parametrize("row", PUBLICATIONS, ids=str)
def test_each_publication_reads_as_its_canonical_form(row):
    ident = parse(row.text)
    assert ident.canonical == row.expected
    again = parse(ident.canonical)
    assert again == ident and again.canonical == ident.canonical
    assert parse_full(row.text) == ident  # the fast path, where it answers, agrees


@pytest.mark.parametrize("row", REFUSALS, ids=str)
def test_each_refusal_has_its_own_code_and_a_message(row):
    with pytest.raises(IdentifierError) as caught:
        parse(row.text)
    error = caught.value
    assert error.code == row.expected, str(error)
    with translation.override("zh-hans"):
        message = identifier_message(error)
    assert "格式有误" not in message  # every code has its own message, not the fallback


@pytest.mark.parametrize(("text", "says"), [
    ("ISO/TC 46 N 3064", ["N 3064", "ISO/TC 46", "工作文件", "不是标准"]),
    ("ISO/IEC JTC 1/SC 7 N 1234", ["ISO/IEC JTC 1/SC 7", "N 1234", "工作文件"]),
    ("65/789/CDV", ["IEC TC 65", "65/789/CDV", "工作文件"]),
    ("ISO/TC 176", ["ISO/TC 176", "委员会的名称", "不是标准"]),
    ("ISO/IEC Directives, Part 1", ["ISO/IEC DIRECTIVES, PART 1", "导则", "不是标准"]),
    ("ISO 9001.2", ["第 9 个字符", "草案"]),
    ("ISO 9001:2015(XX)", ["XX", "语种"]),
    ("ISO 9001:2015 Ed", ["版次号"]),
])  # fmt: skip
def test_refusals_say_what_the_text_is_in_chinese(text, says):
    with pytest.raises(IdentifierError) as caught:
        parse(text)
    with translation.override("zh-hans"):
        message = identifier_message(caught.value)
    for part in says:
        assert part in message, message


HELD_OUT = rows((HOLDOUT,))
# Known misses of the holdout (decision 0033, known limits): none since a stage repeated after the number with its
# iteration (ISO/IEC CD 17021-CD2) reads as that iteration.
KNOWN_MISSES: set[str] = set()


def _reads_as_expected(row) -> bool:
    try:
        ident = parse(row.text)
    except IdentifierError as error:
        return row.refused and error.code == row.expected
    return not row.refused and ident.canonical == row.expected and parse(ident.canonical) == ident


@pytest.mark.parametrize("row", [
    pytest.param(row, marks=pytest.mark.xfail(strict=True)) if row.text in KNOWN_MISSES else row for row in HELD_OUT
], ids=str)  # fmt: skip
def test_each_held_out_identifier_reads_as_expected(row):
    assert _reads_as_expected(row)


def test_the_holdout_meets_the_goal_of_issue_14():
    publications = [row for row in HELD_OUT if not row.refused]
    refusals = [row for row in HELD_OUT if row.refused]
    assert len(HELD_OUT) >= 1000 and len(refusals) >= 100
    assert sum(map(_reads_as_expected, publications)) >= 0.99 * len(publications)
    assert all(map(_reads_as_expected, refusals))
