"""对标达标: the gap report compares an enterprise's indicators with the chosen standards' ones. Pure."""

from decimal import Decimal

import pytest

from biaozhun.rules.gaps import Declared, Outcome, Required, compare
from biaozhun.rules.leaders import Direction

LIMIT = Required("GB 2763-2021", "铅（以Pb计）", "mg/kg", 0.2, Direction.LOWER)
PURITY = Required("GB/T 5009.1-2003", "纯度", "%", 99.5, Direction.HIGHER)


def _one(declared, required):
    [row] = compare([declared], [required])
    return row


def test_a_value_within_a_limit_meets_it_with_its_margin():
    row = _one(Declared("铅（以Pb计）", "mg/kg", 0.15), LIMIT)
    assert row.outcome is Outcome.MEETS and row.margin == Decimal("0.05") and row.shortfall is None


def test_a_value_over_a_limit_is_below_the_standard_by_the_excess():
    row = _one(Declared("铅(以Pb计)", "mg/kg", 0.3), LIMIT)  # half-width brackets: the same name
    assert row.outcome is Outcome.BELOW and row.shortfall == Decimal("0.1") and row.margin is None


def test_a_minimum_is_met_at_or_above_it_and_missed_below_it():
    assert _one(Declared("纯度", "%", 99.5), PURITY).outcome is Outcome.MEETS  # equal meets
    row = _one(Declared("纯度", "%", 99.2), PURITY)
    assert row.outcome is Outcome.BELOW and row.shortfall == Decimal("0.3")


def test_another_unit_is_not_comparable_and_units_keep_their_case():
    assert _one(Declared("铅（以Pb计）", "μg/kg", 150), LIMIT).outcome is Outcome.NOT_COMPARABLE
    assert _one(Declared("铅（以Pb计）", "Mg/kg", 0.1), LIMIT).outcome is Outcome.NOT_COMPARABLE
    assert _one(Declared("铅（以Pb计）", "㎎/kg", 0.1), LIMIT).outcome is Outcome.MEETS  # the same unit, one glyph


def test_names_match_whatever_their_width_case_and_spacing():
    required = Required("Q/ABC 001-2024", "Moisture content", "%", 12, Direction.LOWER)
    assert _one(Declared("ｍｏｉｓｔｕｒｅ  CONTENT", "%", 11), required).outcome is Outcome.MEETS


def test_the_report_lists_every_standard_for_an_indicator_and_what_neither_side_has():
    stricter = Required("T/CNFIA 001-2022", "铅（以Pb计）", "mg/kg", 0.1, Direction.LOWER)
    declared = [Declared("铅（以Pb计）", "mg/kg", 0.15), Declared("色泽", "", 1)]
    rows = compare(declared, [LIMIT, stricter, PURITY])
    assert [(r.name, r.outcome, r.required.standard if r.required else None) for r in rows] == [
        ("铅（以Pb计）", Outcome.MEETS, "GB 2763-2021"),
        ("铅（以Pb计）", Outcome.BELOW, "T/CNFIA 001-2022"),
        ("色泽", Outcome.NO_REFERENCE, None),
        ("纯度", Outcome.NOT_DECLARED, "GB/T 5009.1-2003"),
    ]
    assert rows[1].shortfall == Decimal("0.05")


@pytest.mark.parametrize("value", [True, "0.1", float("nan"), Decimal("Infinity")])
def test_a_value_that_is_not_a_finite_number_is_refused(value):
    with pytest.raises((TypeError, ValueError)):
        compare([Declared("铅（以Pb计）", "mg/kg", value)], [LIMIT])
