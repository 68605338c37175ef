"""The pure comparison of a declared indicator with a limit of a national standard (law art. 21)."""

from decimal import Decimal as D

import pytest

from biaozhun.rules.indicator_limits import (
    Binding,
    Declared,
    Limit,
    LimitKind,
    conversion,
    in_scope,
    normalise_name,
    normalise_unit,
    weaker,
)

SULFUR_MAX = Limit(LimitKind.AT_MOST, D("10"), "mg/kg")
EFFICIENCY_MIN = Limit(LimitKind.AT_LEAST, D("90"), "%")


@pytest.mark.parametrize(("declared", "expected"), [
    (Declared(Binding.AT_MOST, None, D("50"), "mg/kg"), True),
    (Declared(Binding.AT_MOST, None, D("10"), "mg/kg"), False),
    (Declared(Binding.AT_MOST, None, D("8"), "mg/kg"), False),
    (Declared(Binding.EQUAL, D("12"), D("12"), "mg/kg"), True),
    (Declared(Binding.RANGE, D("2"), D("10.5"), "mg/kg"), True),
    (Declared(Binding.RANGE, D("2"), D("9"), "mg/kg"), False),
    (Declared(Binding.AT_LEAST, D("5"), None, "mg/kg"), True),  # no upper bound: anything above 10 allowed
])
def test_a_maximum_is_broken_by_any_declaration_allowing_more(declared, expected):
    assert weaker(declared, SULFUR_MAX) is expected


@pytest.mark.parametrize(("declared", "expected"), [
    (Declared(Binding.AT_LEAST, D("85"), None, "%"), True),
    (Declared(Binding.AT_LEAST, D("90"), None, "%"), False),
    (Declared(Binding.RANGE, D("88"), D("95"), "%"), True),
    (Declared(Binding.AT_MOST, None, D("99"), "%"), True),
    (Declared(Binding.EQUAL, D("92"), D("92"), "%"), False),
])
def test_a_minimum_is_broken_by_any_declaration_allowing_less(declared, expected):
    assert weaker(declared, EFFICIENCY_MIN) is expected


def test_units_are_converted_within_a_family_before_comparing():
    assert weaker(Declared(Binding.AT_MOST, None, D("0.012"), "g/kg"), SULFUR_MAX) is True  # 12 mg/kg
    assert weaker(Declared(Binding.AT_MOST, None, D("9000"), "µg/kg"), SULFUR_MAX) is False  # 9 mg/kg
    assert weaker(Declared(Binding.AT_MOST, None, D("10"), "ppm"), SULFUR_MAX) is False
    assert weaker(Declared(Binding.AT_MOST, None, D("15"), "毫克/千克"), SULFUR_MAX) is True
    lead = Limit(LimitKind.AT_MOST, D("0.01"), "mg/L")
    assert weaker(Declared(Binding.AT_MOST, None, D("20"), "μg/L"), lead) is True
    assert weaker(Declared(Binding.AT_MOST, None, D("10"), "ug/l"), lead) is False


def test_units_of_other_kinds_and_words_are_not_compared():
    assert weaker(Declared(Binding.AT_MOST, None, D("50"), "mg/L"), SULFUR_MAX) is None
    assert weaker(Declared(Binding.AT_MOST, None, D("50"), "份"), SULFUR_MAX) is None
    assert weaker(Declared(Binding.TEXT, None, None, "mg/kg"), SULFUR_MAX) is None


def test_spellings_of_units_and_names_are_normalised():
    assert normalise_unit("ＭＧ／ｋｇ") == "mg/kg"
    assert normalise_unit("mg/m³") == normalise_unit("毫克/立方米") == "mg/m3"
    assert normalise_name(" 硝酸盐（以N计） ") == normalise_name("硝酸盐(以n计)")
    assert conversion("g/kg", "mg/kg") == D(1000)
    assert conversion("mg/kg", "mg/L") is None


def test_scope_keywords_match_product_names_or_the_standard_title():
    assert in_scope(["车用柴油"], ["0号车用柴油", ""]) is True
    assert in_scope(["车用柴油"], ["船用燃料油", "企业标准 车用柴油"]) is True
    assert in_scope(["车用柴油"], ["船用燃料油"]) is False
    assert in_scope([], ["anything"]) is True
