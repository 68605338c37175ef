"""Plan numbers (计划号): format, nature letter, round trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.plan_numbers import PlanNumberError, parse_plan_number


def test_a_plan_number_parses_into_its_parts():
    plan = parse_plan_number("20190001-T-469")
    assert (plan.year, plan.sequence, plan.nature, plan.department) == (2019, 1, "recommended", "469")


def test_spacing_case_and_full_width_hyphens_are_forgiven():
    assert str(parse_plan_number(" 20190001－q－469 ")) == "20190001-Q-469"


@pytest.mark.parametrize("text, fragment", [
    ("2019001-T-469", "expected YYYYNNNN-T-NNN"),
    ("20190001-X-469", "must be Q, T or Z"),
    ("20190000-T-469", "starts at 0001"),
    ("20190001-T-46", "expected YYYYNNNN-T-NNN"),
])
def test_malformed_numbers_say_what_was_expected(text, fragment):
    with pytest.raises(PlanNumberError, match=fragment):
        parse_plan_number(text)


def test_the_letter_must_agree_with_the_projects_nature():
    with pytest.raises(PlanNumberError, match="mandatory project's plan number has Q, not T"):
        parse_plan_number("20190001-T-469", nature="mandatory")
    assert parse_plan_number("20190001-Z-469", nature="guidance").nature == "guidance"


@given(st.integers(1990, 2099), st.integers(1, 9999), st.sampled_from("QTZ"), st.integers(0, 999))
def test_format_and_parse_round_trip(year, sequence, letter, department):
    text = f"{year}{sequence:04d}-{letter}-{department:03d}"
    assert str(parse_plan_number(text)) == text
