"""The assessment's pure rules (biaozhun/rules/assessment.py): scores, the weighted total, grades, measures, how
projects, reviews and seats count, and the validation of a scheme; examples and properties."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from biaozhun.rules import assessment as rules
from biaozhun.rules.assessment import (
    DEFAULT_SCHEME,
    Delivery,
    Grade,
    Indicator,
    Measure,
    Ratio,
    SchemeProblem,
    balance_ratio,
    grade_of,
    measure_for,
    project_delivery,
    review_base,
    review_on_time,
    scheme_from_dict,
    score,
    total,
    validate_scheme,
)

ratios = st.floats(min_value=0, max_value=1, allow_nan=False)
scores = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


# --- Scores --------------------------------------------------------------------------------------------------
def test_a_ratio_scores_full_at_its_full_mark_nothing_at_its_zero_mark_and_linearly_between():
    assert score(0.9, full_at=0.9, zero_at=0.5) == 100.0
    assert score(0.5, full_at=0.9, zero_at=0.5) == 0.0
    assert score(0.7, full_at=0.9, zero_at=0.5) == pytest.approx(50.0)
    assert score(None, full_at=0.9, zero_at=0.5) is None


@given(ratios, ratios, ratios, ratios)
def test_a_score_stays_within_0_and_100_and_never_falls_as_the_ratio_rises(a, b, full, zero):
    assume(full > zero)
    low, high = sorted((a, b))
    assert 0 <= score(low, full_at=full, zero_at=zero) <= score(high, full_at=full, zero_at=zero) <= 100


def test_thresholds_in_the_wrong_order_are_a_programming_error():
    with pytest.raises(ValueError):
        score(0.5, full_at=0.5, zero_at=0.9)


def test_a_ratio_with_nothing_to_count_is_not_applicable():
    assert Ratio(0, 0).value is None and not Ratio(0, 0).applicable
    assert Ratio(2, 4).value == 0.5
    with pytest.raises(ValueError):
        Ratio(5, 4)


# --- Total, grade, measure -----------------------------------------------------------------------------------
def test_the_total_is_the_weighted_mean_of_what_applies_and_a_missing_weight_is_shared():
    weights = {"a": 50, "b": 30, "c": 20}
    assert total({"a": 100.0, "b": 50.0, "c": 0.0}, weights) == 65.0
    # c is not applicable: a and b share its weight, (50×100 + 30×50) / 80 = 81.25 → 81.2 (one decimal)
    assert total({"a": 100.0, "b": 50.0, "c": None}, weights) == 81.2
    assert total({"a": None, "b": None, "c": None}, weights) is None


@given(st.dictionaries(st.sampled_from("abcdefg"), scores, min_size=1),
       st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 100), min_size=1))
def test_the_total_lies_between_the_lowest_and_highest_applicable_score(given_scores, weights):
    result = total(given_scores, weights)
    counted = [value for code, value in given_scores.items() if value is not None and weights.get(code, 0) > 0]
    if not counted:
        assert result is None
    else:
        assert min(counted) - 0.05 <= result <= max(counted) + 0.05


@pytest.mark.parametrize(("value", "grade"), [(100, Grade.EXCELLENT), (90, Grade.EXCELLENT), (89.9, Grade.GOOD),
                                               (75, Grade.GOOD), (74.9, Grade.PASS), (60, Grade.PASS),
                                               (59.9, Grade.FAIL), (0, Grade.FAIL), (None, None)])
def test_grades_follow_the_boundaries_of_the_scheme(value, grade):
    assert grade_of(value, DEFAULT_SCHEME) is grade


@given(st.floats(min_value=0, max_value=100), st.floats(min_value=0, max_value=100))
def test_a_higher_total_never_gets_a_worse_grade(a, b):
    order = [Grade.FAIL, Grade.PASS, Grade.GOOD, Grade.EXCELLENT]
    low, high = sorted((a, b))
    assert order.index(grade_of(low, DEFAULT_SCHEME)) <= order.index(grade_of(high, DEFAULT_SCHEME))


def test_a_failing_grade_calls_for_correction_suspension_or_revocation_by_how_low_and_what_came_before():
    assert measure_for(Grade.PASS, 60.0, [], DEFAULT_SCHEME) is None
    assert measure_for(Grade.FAIL, 55.0, [], DEFAULT_SCHEME) is Measure.CORRECTION
    assert measure_for(Grade.FAIL, 40.0, [], DEFAULT_SCHEME) is Measure.SUSPENSION
    assert measure_for(Grade.FAIL, 20.0, [None], DEFAULT_SCHEME) is Measure.REVOCATION
    # Failing a second year in a row: one step more, never beyond revocation.
    assert measure_for(Grade.FAIL, 55.0, [Grade.FAIL], DEFAULT_SCHEME) is Measure.SUSPENSION
    assert measure_for(Grade.FAIL, 40.0, [Grade.FAIL], DEFAULT_SCHEME) is Measure.REVOCATION
    assert measure_for(Grade.FAIL, 20.0, [Grade.FAIL], DEFAULT_SCHEME) is Measure.REVOCATION
    assert measure_for(Grade.FAIL, 55.0, [Grade.PASS, Grade.FAIL], DEFAULT_SCHEME) is Measure.CORRECTION


@given(st.floats(min_value=0, max_value=59.9), st.floats(min_value=0, max_value=59.9),
       st.sampled_from([None, Grade.PASS, Grade.FAIL]))
def test_a_lower_failing_total_never_calls_for_a_milder_measure(a, b, previous):
    low, high = sorted((a, b))
    measures = list(rules.MEASURES)
    assert measures.index(measure_for(Grade.FAIL, low, [previous], DEFAULT_SCHEME)) >= \
        measures.index(measure_for(Grade.FAIL, high, [previous], DEFAULT_SCHEME))


# --- How records count ---------------------------------------------------------------------------------------
START, END = date(2025, 1, 1), date(2025, 12, 31)


@pytest.mark.parametrize(("deadline", "delivered", "ended", "outcome"), [
    (date(2025, 6, 30), date(2025, 6, 30), None, Delivery.ON_TIME),  # on the very day
    (date(2025, 6, 30), date(2025, 7, 1), None, Delivery.LATE),
    (date(2024, 12, 31), None, None, Delivery.LATE),  # undelivered past its deadline: late each year
    (date(2025, 10, 31), date(2026, 1, 10), None, Delivery.LATE),  # delivered only after the year
    (date(2024, 6, 30), date(2024, 5, 1), None, None),  # delivered in an earlier year
    (date(2025, 5, 31), None, date(2025, 4, 1), None),  # terminated
    (date(2026, 6, 30), None, None, None),  # not yet due
    (END, None, None, None),  # due on the last day: not yet late
])
def test_a_project_counts_by_when_it_went_to_approval_against_its_deadline(deadline, delivered, ended, outcome):
    assert project_delivery(deadline=deadline, delivered_on=delivered, ended_on=ended, start=START,
                            end=END) is outcome


@given(days, st.one_of(st.none(), days), st.one_of(st.none(), days))
def test_a_project_delivered_in_the_year_always_counts_and_one_delivered_before_never_does(deadline, delivered,
                                                                                             ended):
    outcome = project_delivery(deadline=deadline, delivered_on=delivered, ended_on=ended, start=START, end=END)
    if delivered is not None and START <= delivered <= END:
        assert outcome is (Delivery.ON_TIME if delivered <= deadline else Delivery.LATE)
    if delivered is not None and delivered < START:
        assert outcome is None
    if outcome is Delivery.ON_TIME:
        assert delivered is not None and delivered <= deadline


def test_a_review_is_on_time_until_the_grace_after_it_fell_due():
    base = date(2019, 2, 1)
    assert review_on_time(base=base, concluded_on=date(2025, 1, 31), years=5, grace_months=12)
    assert not review_on_time(base=base, concluded_on=date(2025, 2, 1), years=5, grace_months=12)
    assert review_base(date(2018, 3, 1), [date(2021, 5, 1), date(2025, 2, 1)], date(2025, 2, 1)) == date(2021, 5, 1)
    assert review_base(None, [], date(2025, 2, 1)) is None


def test_seats_beyond_half_are_what_balance_loses():
    assert balance_ratio(["producer"] * 6 + ["user"] * 4, min_seats=4) == (Ratio(9, 10), [("producer", 6, 10)])
    assert balance_ratio(["producer"] * 5 + ["user"] * 5, min_seats=4)[0] == Ratio(10, 10)
    assert balance_ratio(["producer"] * 3, min_seats=4)[0] == Ratio(0, 0)  # too few seats: not applicable


@given(st.lists(st.sampled_from(["producer", "user", "consumer", "research"]), max_size=40))
def test_balance_is_full_exactly_when_no_category_holds_more_than_half(seats):
    ratio, overweight = balance_ratio(seats)
    if not seats:
        assert not ratio.applicable
    else:
        assert (ratio.numerator == ratio.denominator) == (not overweight)
        assert ratio.numerator >= ratio.denominator // 2


# --- The scheme ----------------------------------------------------------------------------------------------
def test_the_default_scheme_is_valid_and_survives_storage():
    data = DEFAULT_SCHEME.as_dict()
    assert scheme_from_dict(data) == DEFAULT_SCHEME
    assert sum(DEFAULT_SCHEME.weights.values()) == 100
    assert {rule.code for rule in DEFAULT_SCHEME.indicators} == set(Indicator)


def _problems(**changes):
    data = DEFAULT_SCHEME.as_dict() | changes
    scheme, problems = validate_scheme(data)
    assert scheme is None
    return {(p.field, p.code) for p in problems}


def test_every_problem_of_a_scheme_names_its_field():
    indicators = DEFAULT_SCHEME.as_dict()["indicators"]
    bad = [dict(indicators[0], full_at=0.4), dict(indicators[1], weight=120), *indicators[2:]]
    assert _problems(indicators=bad) == {("indicators.projects_on_time.full_at", SchemeProblem.THRESHOLD_ORDER),
                                         ("indicators.reviews_on_time.weight", SchemeProblem.WEIGHT_RANGE)}
    assert _problems(indicators=indicators[1:]) >= {("indicators", SchemeProblem.INDICATOR_SET)}
    assert _problems(pass_from=80.0) == {("pass_from", SchemeProblem.BOUND_ORDER)}
    assert _problems(suspend_below=70.0) == {("suspend_below", SchemeProblem.MEASURE_ORDER)}
    assert _problems(correction_days=0) == {("correction_days", SchemeProblem.DAYS_RANGE)}
    assert _problems(good_from="七十五") == {("good_from", SchemeProblem.MISSING)}
    manual = [{"code": "Secretariat", "name_zh": "", "name_en": "", "weight": 10},
              {"code": "openness", "name_zh": "公开透明", "name_en": "", "weight": 10}]
    assert _problems(manual_items=manual) == {("manual_items[0].code", SchemeProblem.ITEM_CODE),
                                              ("manual_items[0].name_zh", SchemeProblem.ITEM_NAME)}


def test_weights_must_add_up_to_100():
    manual = [{"code": "secretariat", "name_zh": "秘书处工作", "name_en": "", "weight": 25}]
    assert _problems(manual_items=manual) == {("weights", SchemeProblem.WEIGHT_SUM)}


@given(st.lists(st.integers(0, 40), min_size=len(Indicator), max_size=len(Indicator)))
def test_a_scheme_is_accepted_exactly_when_its_weights_add_up_to_100(weights):
    data = DEFAULT_SCHEME.as_dict()
    data["indicators"] = [dict(row, weight=w) for row, w in zip(data["indicators"], weights, strict=True)]
    data["manual_items"] = []
    scheme, problems = validate_scheme(data)
    assert (scheme is not None) == (sum(weights) == 100)
    if scheme is not None:
        assert scheme_from_dict(scheme.as_dict()) == scheme

