"""The weighted total with known answers, and the pass mark (pure, no database)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from biaozhun.programmes.scoring import Criterion, weighted_result

CRITERIA = [Criterion("organisation", Decimal(20)), Criterion("standards", Decimal(40)),
            Criterion("implementation", Decimal(40))]


def test_one_evaluator_weighted_total_is_the_weighted_mean():
    result = weighted_result(CRITERIA, [{"organisation": 90, "standards": 80, "implementation": 70}], 60)
    # (20×90 + 40×80 + 40×70) / 100 = 78
    assert result.total == Decimal("78.0")
    assert result.passed is True


def test_two_evaluators_are_averaged_per_criterion_first():
    sheets = [{"organisation": 85, "standards": 88, "implementation": 90},
              {"organisation": 80, "standards": 86, "implementation": 84}]
    result = weighted_result(CRITERIA, sheets, 80)
    # means 82.5, 87, 87 → (20×82.5 + 40×87 + 40×87)/100 = 86.1
    assert result.by_criterion == {"organisation": Decimal("82.5"), "standards": Decimal("87.0"),
                                   "implementation": Decimal("87.0")}
    assert result.total == Decimal("86.1")
    assert result.passed


def test_weights_need_not_add_up_to_100():
    result = weighted_result([Criterion("a", Decimal(1)), Criterion("b", Decimal(3))], [{"a": 100, "b": 60}], 70)
    assert result.total == Decimal("70.0")  # (100 + 180) / 4
    assert result.passed is True  # exactly the pass mark passes


def test_just_below_the_pass_mark_fails():
    result = weighted_result([Criterion("a", Decimal(1))], [{"a": Decimal("79.9")}], 80)
    assert result.total == Decimal("79.9")
    assert result.passed is False


def test_half_a_tenth_rounds_up():
    result = weighted_result([Criterion("a", Decimal(1)), Criterion("b", Decimal(1))], [{"a": 80, "b": Decimal("80.1")}], 0)
    assert result.total == Decimal("80.1")  # 80.05 → 80.1


def test_a_criterion_without_any_score_leaves_no_total_and_no_pass():
    result = weighted_result(CRITERIA, [{"organisation": 100, "standards": 100}], 0)
    assert result.total is None
    assert result.passed is False
    assert result.by_criterion["implementation"] is None


@given(st.lists(st.integers(0, 100), min_size=3, max_size=3))
def test_the_total_lies_between_the_lowest_and_the_highest_score(scores):
    sheet = dict(zip(["organisation", "standards", "implementation"], scores, strict=True))
    total = weighted_result(CRITERIA, [sheet], 60).total
    assert min(scores) <= total <= max(scores)
