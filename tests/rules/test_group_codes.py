"""The group code (团体代号) a social organisation may claim: well-formed, and clashing with no standard code and no
other organisation's code. Pure: no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.identifiers import Tier, parse
from biaozhun.rules.group_codes import (
    MAX_LENGTH,
    Finding,
    Problem,
    check_group_code,
    check_shape,
    normalise_group_code,
)

INDUSTRY = {"JB", "YY", "DB", "JGJ", "CJJ", "QC", "SJ"}


def problems(code: str, taken=()) -> list[Problem]:
    return [finding.problem for finding in check_group_code(code, industry_codes=INDUSTRY, taken=taken)]


@pytest.mark.parametrize("code", ["CAS", "CESA", "CSAE", "ZZB", "C5", "CAAMTB", "A1B2C3D4E5", "CAST"])
def test_real_looking_codes_may_be_claimed(code):
    assert problems(code) == []


@pytest.mark.parametrize("code, problem", [
    ("", Problem.EMPTY),
    ("C", Problem.LENGTH),
    ("ABCDEFGHIJK", Problem.LENGTH),
    ("cas", Problem.LOWER_CASE),
    ("Cas", Problem.LOWER_CASE),
    ("1CAS", Problem.FIRST_NOT_LETTER),
    ("CA-S", Problem.CHARACTER),
    ("CA S", Problem.CHARACTER),
    ("中标协", Problem.CHARACTER),
])
def test_malformed_codes_are_refused_with_what_is_wrong(code, problem):
    assert problem in problems(code)


@pytest.mark.parametrize("code, clash", [
    ("GB", "GB"), ("GBT", "GB"), ("GBZ", "GBZ"), ("GJB", "GJB"), ("JJF", "JJF"), ("GSB", "GSB"), ("CECS", "CECS"),
])
def test_national_level_codes_and_their_nature_letters_are_refused(code, clash):
    assert check_group_code(code, industry_codes=INDUSTRY) == [Finding(Problem.NATIONAL, clash)]


@pytest.mark.parametrize("code, clash", [("JB", "JB"), ("JBT", "JB"), ("YYZ", "YY"), ("JGJ", "JGJ"), ("QC", "QC")])
def test_industry_codes_of_the_table_are_refused(code, clash):
    assert check_group_code(code, industry_codes=INDUSTRY) == [Finding(Problem.INDUSTRY, clash)]


def test_an_industry_code_added_to_the_table_counts_at_once():
    assert problems("NX") == []
    assert check_group_code("NX", industry_codes={"NX"}) == [Finding(Problem.INDUSTRY, "NX")]


@pytest.mark.parametrize("code", ["DB", "DB11", "DB3301", "DB11T", "DBJ", "DGJ", "DGTJ"])
def test_local_codes_are_refused(code):
    assert problems(code) == [Problem.LOCAL]


@pytest.mark.parametrize("code", ["ISO", "IEC", "IWA"])
def test_international_leads_are_refused(code):
    assert problems(code) == [Problem.INTERNATIONAL]


def test_another_organisations_code_is_refused_whatever_its_case():
    assert check_group_code("CAS", industry_codes=INDUSTRY, taken=["cas"]) == [Finding(Problem.TAKEN, "CAS")]
    assert problems("CAS", taken=["CESA", "CSAE"]) == []


def test_a_code_that_only_extends_a_taken_one_is_not_a_clash():
    """T/CAST (中国科协) and T/CAS (中国标准化协会) are both real: the nature-letter rule is for standard codes only."""
    assert problems("CAST", taken=["CAS"]) == []


@pytest.mark.parametrize("typed, stored", [
    ("cas", "CAS"), (" T/CAS ", "CAS"), ("t/cesa", "CESA"), ("ＣＡＳ", "CAS"), ("C S A E", "CSAE"),
])
def test_forms_normalise_what_people_type(typed, stored):
    assert normalise_group_code(typed) == stored


def test_shape_problems_are_all_reported_together():
    assert {f.problem for f in check_shape("1a-")} == {Problem.LOWER_CASE, Problem.CHARACTER,
                                                        Problem.FIRST_NOT_LETTER}


CODES = st.from_regex(rf"[A-Z][A-Z0-9]{{1,{MAX_LENGTH - 1}}}", fullmatch=True)


@given(code=CODES)
def test_every_code_that_may_be_claimed_parses_back_as_that_organisation(code):
    if check_group_code(code, industry_codes=INDUSTRY):
        return
    ident = parse(f"T/{code} 115-2005")
    assert (ident.tier, ident.org_code, ident.number, ident.year) == (Tier.GROUP, code, "115", 2005)
