"""The pure rules of this part: the translation workflow table and reading and comparing indicator values."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.indicators import Verdict, Why, compare, number, parse
from biaozhun.rules.translations import (
    FINAL,
    MOVES,
    MoveRefused,
    TranslationState,
    allowed_moves,
    by_undertaker,
    check_move,
)

S = TranslationState


# --- the workflow ---------------------------------------------------------------------------------------------
def test_the_forward_path_runs_from_planned_to_published():
    path = [S.PLANNED, S.TRANSLATING, S.REVIEW, S.APPROVED, S.PUBLISHED]
    for state, to in zip(path, path[1:], strict=False):
        check_move(state, to)


def test_review_may_send_the_text_back_and_every_open_state_may_be_cancelled():
    check_move(S.REVIEW, S.TRANSLATING)
    for state in set(S) - FINAL:
        check_move(state, S.CANCELLED)


@pytest.mark.parametrize("state", sorted(FINAL))
def test_published_and_cancelled_are_final(state):
    assert allowed_moves(state) == ()
    with pytest.raises(MoveRefused):
        check_move(state, S.PLANNED)


def test_a_refused_move_names_the_allowed_ones():
    with pytest.raises(MoveRefused) as refused:
        check_move(S.PLANNED, S.APPROVED)
    assert refused.value.allowed == (S.TRANSLATING, S.CANCELLED)


def test_the_undertaking_unit_makes_only_the_start_and_the_hand_in():
    ours = {(state, to) for state, moves in MOVES.items() for to in moves if by_undertaker(state, to)}
    assert ours == {(S.PLANNED, S.TRANSLATING), (S.TRANSLATING, S.REVIEW)}


# --- reading values -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, lower, upper, lower_in, upper_in", [
    ("≤ 0.5", None, "0.5", True, True),
    ("<=0.5", None, "0.5", True, True),
    ("不大于 5", None, "5", True, True),
    ("不超过5", None, "5", True, True),
    ("max. 5", None, "5", True, True),
    ("≥3", "3", None, True, True),
    ("不小于 3", "3", None, True, True),
    ("不低于3", "3", None, True, True),
    ("at least 3", "3", None, True, True),
    ("< 5", None, "5", True, False),
    ("小于5", None, "5", True, False),
    ("＞5", "5", None, False, True),
    ("大于 5", "5", None, False, True),
    ("10～20", "10", "20", True, True),
    ("10~20", "10", "20", True, True),
    ("10-20", "10", "20", True, True),
    ("10 至 20", "10", "20", True, True),
    ("20-10", "10", "20", True, True),
    ("-5～5", "-5", "5", True, True),
    ("0.5 ± 0.1", "0.4", "0.6", True, True),
    ("5", "5", "5", True, True),
    ("0,5", "0.5", "0.5", True, True),
    ("1,000", "1000", "1000", True, True),
    ("1×10⁻³", "0.001", "0.001", True, True),
    ("1e-3", "0.001", "0.001", True, True),
])
def test_values_are_read_as_standards_write_them(text, lower, upper, lower_in, upper_in):
    found = parse(text)
    assert found is not None and not found.anything
    assert found.lower == (Decimal(lower) if lower else None)
    assert found.upper == (Decimal(upper) if upper else None)
    assert (found.lower_included, found.upper_included) == (lower_in, upper_in)


@pytest.mark.parametrize("text", ["—", "——", "-", "/", "无", "不要求", "N/A", ""])
def test_a_dash_or_none_means_no_requirement(text):
    assert parse(text).anything


@pytest.mark.parametrize("text", ["符合表 2 的规定", "无可见杂质", "≤", "5-", "≤ 5 或 ≥ 10", "见附录A", "5 以下", "≤ 5 and ≥ 1"])
def test_words_are_text_and_never_guessed(text):
    assert parse(text) is None


def test_a_unit_written_with_the_value_takes_the_place_of_the_rows():
    assert parse("≤ 10 mg/kg", "%").unit == "mg/kg"
    assert parse("≤ 10", "%").unit == "%"


def test_a_number_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        number("abc")


# --- comparing (known answers) --------------------------------------------------------------------------------
@pytest.mark.parametrize("chinese, foreign, unit, verdict", [
    ("≤ 10", "≤ 10.0", "mg/kg", Verdict.SAME),
    ("10～20", "10-20", "", Verdict.SAME),
    ("0.5 ± 0.1", "0.4~0.6", "", Verdict.SAME),
    ("—", "——", "", Verdict.SAME),
    ("≤ 0.5", "≤ 1", "mg/kg", Verdict.STRICTER),
    ("≥ 5", "≥ 3", "", Verdict.STRICTER),
    ("< 5", "≤ 5", "", Verdict.STRICTER),
    ("≥ 60", "> 55", "°C", Verdict.STRICTER),
    ("≤ 2", "—", "", Verdict.STRICTER),
    ("≥3", "≥5", "", Verdict.LOOSER),
    ("不大于 5", "<5", "", Verdict.LOOSER),
    ("810～845", "820～845", "", Verdict.LOOSER),
    ("—", "≤ 2.0", "mg/L", Verdict.LOOSER),
    ("10～20", "15～25", "", Verdict.DIFFERENT),
    ("5", "6", "", Verdict.DIFFERENT),
    ("≤ 0.5", "≥ 0.2", "", Verdict.DIFFERENT),
    ("≤ 10 mg/kg", "≤ 10000 µg/kg", "", Verdict.SAME),
    ("≤ 0.5 mg/kg", "≤ 1 ppm", "", Verdict.STRICTER),
])
def test_known_answers(chinese, foreign, unit, verdict):
    assert compare(chinese, foreign, unit).verdict is verdict


@pytest.mark.parametrize("chinese, foreign, unit, why", [
    ("符合表2", "5", "", Why.CHINESE_TEXT),
    ("5", "clear and bright", "", Why.FOREIGN_TEXT),
    ("≤5 mg/L", "≤5 mg/kg", "", Why.UNITS),
    ("≥ 90 %", "≥ 0.9", "", Why.UNITS),
])
def test_text_and_units_that_cannot_be_converted_are_not_comparable(chinese, foreign, unit, why):
    outcome = compare(chinese, foreign, unit)
    assert (outcome.verdict, outcome.why) == (Verdict.NOT_COMPARABLE, why)


# --- comparing (properties) -----------------------------------------------------------------------------------
values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def requirements(draw) -> str:
    a, b = draw(values), draw(values)
    form = draw(st.sampled_from(["le", "ge", "lt", "gt", "range", "one", "tolerance", "none"]))
    return {"le": f"≤ {a}", "ge": f"不小于 {a}", "lt": f"< {a}", "gt": f"大于{a}", "range": f"{a}～{b}",
            "one": f"{a}", "tolerance": f"{a} ± {abs(b)}", "none": "—"}[form]


MIRROR = {Verdict.STRICTER: Verdict.LOOSER, Verdict.LOOSER: Verdict.STRICTER, Verdict.SAME: Verdict.SAME,
          Verdict.DIFFERENT: Verdict.DIFFERENT, Verdict.NOT_COMPARABLE: Verdict.NOT_COMPARABLE}


@given(requirements())
def test_every_requirement_is_read_and_is_the_same_as_itself(text):
    assert parse(text) is not None
    assert compare(text, text).verdict is Verdict.SAME


@given(requirements(), requirements())
def test_swapping_the_sides_mirrors_the_verdict(a, b):
    assert compare(b, a).verdict is MIRROR[compare(a, b).verdict]


@given(requirements(), requirements(), requirements())
def test_stricter_is_transitive(a, b, c):
    if compare(a, b).verdict is Verdict.STRICTER and compare(b, c).verdict is Verdict.STRICTER:
        assert compare(a, c).verdict is Verdict.STRICTER


@given(requirements(), requirements())
def test_a_unit_conversion_changes_no_verdict(a, b):
    """The same foreign requirement in µg/kg instead of mg/kg: the verdict stays."""
    found = parse(b)
    if found.anything:
        return
    scaled = found.scaled(Decimal(1000), "µg/kg")
    bounds = {"lower": scaled.lower, "upper": scaled.upper}
    if bounds["lower"] is not None and bounds["upper"] is not None:
        text = f"{bounds['lower']}～{bounds['upper']} µg/kg" if bounds["lower"] != bounds["upper"] else \
            f"{bounds['lower']} µg/kg"
        if found.lower != found.upper and not (found.lower_included and found.upper_included):
            return
    elif bounds["upper"] is not None:
        text = f"{'≤' if found.upper_included else '<'} {bounds['upper']} µg/kg"
    else:
        text = f"{'≥' if found.lower_included else '>'} {bounds['lower']} µg/kg"
    assert compare(a, text, "mg/kg").verdict is compare(a, b, "mg/kg").verdict
