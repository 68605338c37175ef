"""企业标准"领跑者": declared indicator values put into tiers, never below the standard's requirement. Pure."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.leaders import (
    Direction,
    FixedThresholds,
    Indicator,
    Ranking,
    Reason,
    SchemeProblem,
    ShareThresholds,
    scheme_problems,
    tier_indicator,
    tier_scheme,
)

# An air conditioner's energy efficiency ratio (higher is better, the standard requires at least 3.0) and its
# standby power (lower is better, at most 1.0 W).
EER = Indicator("能效比", Direction.HIGHER, FixedThresholds((4.5, 3.8)), requirement=3.0)
STANDBY = Indicator("待机功率", Direction.LOWER, ShareThresholds(("0.2", "0.5")), requirement=1.0)


def test_fixed_thresholds_make_tiers_and_values_below_the_requirement_are_listed_apart():
    result = tier_indicator(EER, {"A": 4.8, "B": 4.0, "C": 3.1, "D": 2.9, "E": 3.0, "F": None, "G": float("nan")})
    assert result.status is Ranking.RANKED
    assert [(t.number, t.bound, t.keys) for t in result.tiers] == [
        (1, 4.5, ("A",)), (2, 3.8, ("B",)), (3, 3.0, ("C", "E"))]  # 3.0 meets a requirement of 3.0
    assert [(e.key, e.reason) for e in result.excluded] == [
        ("D", Reason.BELOW_REQUIREMENT), ("F", Reason.NOT_DECLARED), ("G", Reason.NOT_A_NUMBER)]
    assert result.leaders == ("A",)


def test_a_value_on_a_boundary_goes_to_the_better_tier():
    result = tier_indicator(EER, {"A": 4.5, "B": 3.8, "C": 3.7999})
    assert result.tier_of() == {"A": 1, "B": 2, "C": 3}


def test_shares_count_the_qualified_values_and_ties_at_the_boundary_join_the_better_tier():
    values = {"A": 0.1, "B": 0.2, "C": 0.2, "D": 0.4, "E": 0.5, "F": 0.6, "G": 0.7, "H": 0.8, "I": 0.9, "J": 1.0,
              "K": 1.5}  # K is above the 1.0 W limit: ten qualified values
    result = tier_indicator(STANDBY, values)
    # best 20 % = 2 values: the 2nd best is 0.2, which C shares; best 50 % = 5 values: the 5th best is 0.5
    assert [(t.bound, t.keys) for t in result.tiers] == [
        (0.2, ("A", "B", "C")), (0.5, ("D", "E")), (1.0, ("F", "G", "H", "I", "J"))]
    assert [e.key for e in result.excluded] == ["K"]


def test_ties_can_leave_a_tier_empty():
    result = tier_indicator(STANDBY, {"A": 0.1, "B": 0.1, "C": 0.1, "D": 0.9})  # 20 % and 50 % both end at 0.1
    assert [(t.number, t.keys) for t in result.tiers] == [(1, ("A", "B", "C")), (2, ()), (3, ("D",))]


def test_members_of_a_tier_are_listed_by_key_not_by_value():
    result = tier_indicator(EER, {"Z": 4.6, "A": 4.9, "M": 5.5})
    assert result.tiers[0].keys == ("A", "M", "Z")


@pytest.mark.parametrize("values", [{"A": 3.5, "B": 3.5, "C": 3.5, "D": 1.0}, {"A": 4.9}])
def test_there_is_no_ranking_when_all_qualified_values_are_equal(values):
    result = tier_indicator(EER, values)
    assert result.status is Ranking.ALL_EQUAL
    assert result.tiers == () and result.leaders == ()
    assert result.unranked == tuple(k for k in sorted(values) if values[k] >= 3.0)
    assert result.as_dict()["status"] == "all_equal"


def test_nothing_is_ranked_when_nothing_meets_the_requirement():
    result = tier_indicator(EER, {"A": 2.0, "B": 1.0})
    assert result.status is Ranking.NONE_QUALIFIED and len(result.excluded) == 2


@pytest.mark.parametrize(("direction", "thresholds", "requirement"), [
    (Direction.HIGHER, (3.0, 3.8), 3.0),  # not from the best down
    (Direction.HIGHER, (4.5, 3.0), 3.0),  # the last threshold is the requirement: an empty lowest tier
    (Direction.LOWER, (0.5, 1.2), 1.0),  # a threshold worse than the limit
    (Direction.HIGHER, (), None),
    (Direction.HIGHER, (float("inf"),), None),
])
def test_fixed_thresholds_must_be_better_than_each_other_and_than_the_requirement(direction, thresholds,
                                                                                  requirement):
    with pytest.raises(ValueError):
        Indicator("x", direction, FixedThresholds(thresholds), requirement=requirement)


@pytest.mark.parametrize("shares", [(), ("0",), ("0.3", "0.2"), ("0.5", "1")])
def test_shares_must_increase_between_zero_and_one(shares):
    with pytest.raises(ValueError):
        ShareThresholds(shares)


def test_decimal_values_are_tiered_exactly():
    indicator = Indicator("含量", Direction.HIGHER, FixedThresholds((Decimal("99.95"),)), requirement=Decimal("99.5"))
    result = tier_indicator(indicator, {"A": Decimal("99.95"), "B": Decimal("99.949"), "C": Decimal("99.49")})
    assert result.tier_of() == {"A": 1, "B": 2}
    assert result.as_dict()["tiers"][0]["bound"] == "99.95"


# Properties ------------------------------------------------------------------------------------------------------

_values = st.dictionaries(st.text(alphabet="ABCDEFGH", min_size=1, max_size=3),
                          st.one_of(st.none(), st.integers(min_value=0, max_value=30).map(lambda n: n / 4)),
                          max_size=40)


@st.composite
def _indicators(draw):
    """Share thresholds, or fixed ones 1.5 and 3 steps better than the requirement (or than 4.0 without one)."""
    direction = draw(st.sampled_from(Direction))
    requirement = draw(st.one_of(st.none(), st.sampled_from([2.0, 3.5, 5.0])))
    if draw(st.booleans()):
        shares = draw(st.lists(st.sampled_from(["0.05", "0.1", "0.2", "0.25", "0.5", "0.75"]), min_size=1,
                               max_size=3, unique=True))
        thresholds = ShareThresholds(tuple(sorted(shares, key=Decimal)))
    else:
        base, step = (requirement if requirement is not None else 4.0), (1 if direction is Direction.HIGHER else -1)
        thresholds = FixedThresholds((base + 3 * step, base + 1.5 * step))
    return Indicator("x", direction, thresholds, requirement=requirement)


@given(indicator=_indicators(), values=_values)
def test_every_value_is_in_exactly_one_tier_or_excluded_or_unranked(indicator, values):
    result = tier_indicator(indicator, values)
    placed = [k for t in result.tiers for k in t.keys] + list(result.unranked) + [e.key for e in result.excluded]
    assert sorted(placed) == sorted(values)
    assert len(result.tiers) in (0, indicator.tier_count)


@given(indicator=_indicators(), values=_values)
def test_a_better_value_never_sits_in_a_worse_tier(indicator, values):
    tiers = tier_indicator(indicator, values).tier_of()
    for a in tiers:
        for b in tiers:
            if indicator.better(values[a], values[b]):
                assert tiers[a] <= tiers[b]
            if values[a] == values[b]:
                assert tiers[a] == tiers[b]


@given(indicator=_indicators(), values=_values)
def test_the_lowest_tier_never_reaches_below_the_requirement(indicator, values):
    result = tier_indicator(indicator, values)
    if result.tiers:
        assert result.tiers[-1].bound == indicator.requirement
    for key in [k for t in result.tiers for k in t.keys] + list(result.unranked):
        assert indicator.exclusion(values[key]) is None
    for excluded in result.excluded:
        assert indicator.exclusion(values[excluded.key]) is excluded.reason


@given(indicator=_indicators(), values=_values, order=st.randoms(use_true_random=False))
def test_the_order_of_the_declarations_does_not_matter(indicator, values, order):
    items = list(values.items())
    order.shuffle(items)
    assert tier_indicator(indicator, dict(items)) == tier_indicator(indicator, values)


@given(indicator=_indicators(), values=_values)
def test_ranking_happens_exactly_when_qualified_values_differ(indicator, values):
    result = tier_indicator(indicator, values)
    qualified = {v for v in values.values() if indicator.exclusion(v) is None}
    assert (result.status is Ranking.RANKED) == (len(qualified) > 1)


# A scheme of several indicators ----------------------------------------------------------------------------------

NOISE = Indicator("噪声", Direction.LOWER, FixedThresholds((40, 45)), requirement=52)
LABEL = Indicator("标识", Direction.HIGHER, FixedThresholds((2,)), requirement=1, key=False)  # must be present


def test_a_leader_is_in_the_top_tier_of_every_key_indicator():
    declarations = {
        "A": {"能效比": 4.6, "噪声": 39, "标识": 1},  # top on both: leader
        "B": {"能效比": 4.6, "噪声": 44, "标识": 1},  # second tier on noise
        "C": {"能效比": 3.2, "噪声": 38, "标识": 1},  # third tier on efficiency
        "D": {"能效比": 4.9, "噪声": 55, "标识": 1},  # too loud: excluded
        "E": {"能效比": 4.9, "噪声": 30},  # no label declared: excluded
        "F": {"能效比": 2.0, "噪声": 60, "标识": 0},  # every failure listed
    }
    result = tier_scheme([EER, NOISE, LABEL], declarations)
    assert result.leaders == ("A",)
    assert result.tier_of() == {"A": 1, "B": 2, "C": 3}
    assert all(t.bound is None for t in result.tiers)
    assert [(e.key, e.indicator, e.reason) for e in result.excluded] == [
        ("D", "噪声", Reason.BELOW_REQUIREMENT), ("E", "标识", Reason.NOT_DECLARED),
        ("F", "能效比", Reason.BELOW_REQUIREMENT), ("F", "噪声", Reason.BELOW_REQUIREMENT),
        ("F", "标识", Reason.BELOW_REQUIREMENT)]
    assert result.indicators["噪声"].tier_of() == {"A": 1, "B": 2, "C": 1}
    assert result.indicators["标识"].status is Ranking.ALL_EQUAL  # shown, not combined


def test_a_key_indicator_where_everyone_is_equal_separates_nobody():
    declarations = {"A": {"能效比": 4.6, "噪声": 42}, "B": {"能效比": 3.9, "噪声": 42}}
    result = tier_scheme([EER, NOISE], declarations)
    assert result.indicators["噪声"].status is Ranking.ALL_EQUAL
    assert result.tier_of() == {"A": 1, "B": 2}


def test_a_scheme_where_no_key_indicator_separates_anyone_ranks_nobody():
    result = tier_scheme([EER, NOISE], {"A": {"能效比": 4.6, "噪声": 42}, "B": {"能效比": 4.6, "噪声": 42}})
    assert result.status is Ranking.ALL_EQUAL and result.unranked == ("A", "B") and result.leaders == ()


@pytest.mark.parametrize("indicators", [
    [EER, EER], [LABEL], [EER, Indicator("y", Direction.HIGHER, FixedThresholds((2,)), requirement=1)]])
def test_a_scheme_needs_distinct_names_a_key_indicator_and_matching_tier_counts(indicators):
    with pytest.raises(ValueError):
        tier_scheme(indicators, {})


def test_scheme_problems_names_each_reason_a_set_of_indicators_is_not_a_scheme():
    other = Indicator("y", Direction.HIGHER, FixedThresholds((2,)), requirement=1)
    assert scheme_problems([EER, NOISE]) == []
    assert scheme_problems([]) == [(SchemeProblem.NO_INDICATOR, "")]
    assert scheme_problems([EER, EER]) == [(SchemeProblem.REPEATED_NAME, "能效比")]
    assert scheme_problems([LABEL]) == [(SchemeProblem.NO_KEY_INDICATOR, "")]
    assert scheme_problems([EER, other]) == [(SchemeProblem.KEY_TIER_COUNTS, "")]


_scores = st.integers(min_value=20, max_value=60)


@given(declarations=st.dictionaries(st.sampled_from("ABCDEFGHIJKL"),
                                    st.tuples(st.integers(min_value=25, max_value=55).map(lambda n: n / 10),
                                              _scores), max_size=12),
       order=st.randoms(use_true_random=False))
def test_a_scheme_is_monotonic_and_order_free(declarations, order):
    share = Indicator("能效比", Direction.HIGHER, ShareThresholds(("0.25", "0.5")), requirement=3.0)
    given_ = {k: {"能效比": eer, "噪声": noise} for k, (eer, noise) in declarations.items()}
    result = tier_scheme([share, NOISE], given_)
    items = list(given_.items())
    order.shuffle(items)
    assert tier_scheme([share, NOISE], dict(items)) == result
    tiers = result.tier_of()
    for a in tiers:
        for b in tiers:
            if declarations[a][0] >= declarations[b][0] and declarations[a][1] <= declarations[b][1]:
                assert tiers[a] <= tiers[b]
    placed = [k for t in result.tiers for k in t.keys] + list(result.unranked)
    assert sorted(placed + sorted({e.key for e in result.excluded})) == sorted(declarations)
