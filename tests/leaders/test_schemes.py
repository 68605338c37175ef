"""Key products and schemes set up through the services: each problem named by its indicator and field, checked by
the pure rules (the lowest tier never reaches below the national or industry requirement); refusals write nothing."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.leaders.models import KeyProduct, LeadersEvent, LeadersEventKind, Scheme
from biaozhun.leaders.schemes import IndicatorInput, clean_indicators, rule_indicator
from biaozhun.leaders.services import create_key_product, create_scheme
from biaozhun.rules import leaders as rules

from .scene import efficiency, fridge, noise, scheme

pytestmark = pytest.mark.django_db


def test_a_scheme_stores_its_indicators_and_one_event_with_them():
    plan = scheme(fridge(), efficiency(aliases=["能源效率指数", " 能效指数 "]), noise())
    rows = list(plan.indicators.values_list("position", "name", "direction", "key", "thresholds", "aliases"))
    assert [row[:4] for row in rows] == [(1, "能效指数", "lower", True), (2, "噪声", "lower", False)]
    assert rows[0][4] == ["40", "50"]
    assert rows[0][5] == ["能源效率指数"]  # the indicator's own name is not another name of it
    event = LeadersEvent.objects.get(kind=LeadersEventKind.SCHEME_CREATED)
    assert event.scheme == plan and event.data["indicators"][0]["aliases"] == ["能源效率指数"]
    assert "weight" not in event.data["indicators"][0]
    assert plan.version == 1 and plan.created_by is None


def test_the_key_products_standards_are_kept_undated_so_every_edition_matches():
    product = create_key_product(SYSTEM, year=2026, name="冷藏箱", standards=["GB 12021.2-2015"],
                                 product_codes=[" 84 18 "])
    assert product.standards == ["GB 12021.2"] and product.product_codes == ["8418"]


@pytest.mark.parametrize("indicator, field, words", [
    (efficiency(thresholds=["50", "40"]), "indicators[0].thresholds", "最低一档不得低于标准要求"),
    (efficiency(thresholds=["40", "65"]), "indicators[0].thresholds", "最低一档不得低于标准要求"),
    (efficiency(thresholds=["40", "62"]), "indicators[0].thresholds", "最低一档不得低于标准要求"),  # equal: no tier
    (efficiency(direction="higher", thresholds=["70", "60"]), "indicators[0].thresholds", "严于标准要求"),
    (efficiency(threshold_kind="share", thresholds=["0.3", "0.2"]), "indicators[0].thresholds", "逐档增大"),
    (efficiency(threshold_kind="share", thresholds=["0.3", "1"]), "indicators[0].thresholds", "0 和 1 之间"),
    (efficiency(thresholds=["四十"]), "indicators[0].thresholds", "不是数字"),
    (efficiency(thresholds=["30", "35", "40", "50"]), "indicators[0].thresholds", "2 至 4 档"),
    (efficiency(thresholds=[]), "indicators[0].thresholds", "2 至 4 档"),
    (efficiency(requirement=None), "indicators[0].requirement", "最低一档不得低于它"),
    (efficiency(requirement="六十二"), "indicators[0].requirement", "不是数字"),
    (efficiency(requirement="62.000000001"), "indicators[0].requirement", "8 位小数"),
    (efficiency(direction="up"), "indicators[0].direction", "越高越好"),
    (efficiency(threshold_kind="rank"), "indicators[0].threshold_kind", "固定值"),
    (efficiency(name=" "), "indicators[0].name", "指标名称"),
    (efficiency(unit="%" * 41), "indicators[0].unit", "40 个字符"),
])
def test_a_bad_indicator_is_refused_naming_it_and_nothing_is_written(indicator, field, words):
    product = fridge()
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title="方案", indicators=[indicator])
    assert field in [p["field"] for p in refused.value.errors]
    assert any(words in p["message"] for p in refused.value.errors if p["field"] == field)
    assert not Scheme.objects.exists()
    assert not LeadersEvent.objects.filter(kind=LeadersEventKind.SCHEME_CREATED).exists()


def test_names_and_other_names_may_not_be_shared_by_two_indicators_as_the_mapping_compares_them():
    product = fridge()
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title="方案", indicators=[
            efficiency(aliases=["噪 声"]), noise(), noise(name="能效　指数")])
    fields = [p["field"] for p in refused.value.errors]
    assert fields == ["indicators[1].name", "indicators[2].name"]
    assert "一个声明的指标只能对应方案的一个指标" in refused.value.errors[0]["message"]
    assert not Scheme.objects.exists()


def test_a_scheme_needs_a_key_indicator_and_key_indicators_with_as_many_tiers():
    product = fridge()
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title="方案", indicators=[noise()])
    assert refused.value.errors == [{"field": "indicators", "message": "请至少指定一个关键指标：综合分档由关键指标决定。"}]
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title="方案",
                      indicators=[efficiency(), noise(key=True, thresholds=["36"])])
    assert refused.value.errors[0]["message"] == "关键指标的档数应相同（分档界限个数相同）。"
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title="方案", indicators=[])
    assert refused.value.errors[0]["message"] == "评估方案至少要有一个指标。"
    assert not Scheme.objects.exists()


def test_a_title_is_needed_and_unique_within_the_key_product():
    product = fridge()
    scheme(product, title="2026 方案")
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title=" 2026  方案 ", indicators=[efficiency()])
    assert refused.value.errors[0]["field"] == "title"
    assert Scheme.objects.count() == 1


def test_a_key_product_needs_a_way_to_match_declarations():
    with pytest.raises(ValidationFailed) as refused:
        create_key_product(SYSTEM, year=2026, name="洗衣机")
    assert refused.value.errors[0]["field"] == "keywords"
    assert not KeyProduct.objects.exists()


@pytest.mark.parametrize("changes, field", [
    ({"year": 1999}, "year"), ({"name": ""}, "name"), ({"product_codes": ["84 18/2"]}, "product_codes"),
    ({"match": "some"}, "match"), ({"keywords": [f"词{n}" for n in range(51)]}, "keywords"),
])
def test_a_bad_key_product_is_refused_naming_the_field(changes, field):
    values = {"year": 2026, "name": "洗衣机", "keywords": ["洗衣机"], **changes}
    with pytest.raises(ValidationFailed) as refused:
        create_key_product(SYSTEM, **values)
    assert field in [p["field"] for p in refused.value.errors]
    assert not KeyProduct.objects.exists() and not LeadersEvent.objects.exists()


def test_an_enterprise_cannot_set_key_products_or_schemes_and_nothing_is_written(enterprise_user):
    product = fridge()
    with pytest.raises(PermissionDeniedError):
        create_key_product(enterprise_user, year=2026, name="洗衣机", keywords=["洗衣机"])
    with pytest.raises(PermissionDeniedError):
        create_scheme(enterprise_user, key_product=product, title="方案", indicators=[efficiency()])
    assert KeyProduct.objects.count() == 1 and not Scheme.objects.exists()
    assert LeadersEvent.objects.count() == 1  # the key product's own


_decimals = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000"), places=2, allow_nan=False)


@given(direction=st.sampled_from(["higher", "lower"]), thresholds=st.lists(_decimals, min_size=1, max_size=3),
       requirement=_decimals)
def test_fixed_thresholds_are_accepted_exactly_when_the_pure_rules_accept_them(direction, thresholds, requirement):
    """The page's check and the ranking's rules never disagree (both compare the values as the ranking does)."""
    item = IndicatorInput("能效指数", direction, "fixed", [str(t) for t in thresholds], requirement=str(requirement))
    _cleaned, problems = clean_indicators([item])
    try:
        rules.Indicator("能效指数", rules.Direction(direction), rules.FixedThresholds(tuple(map(float, thresholds))),
                        requirement=float(requirement))
        accepted = True
    except ValueError:
        accepted = False
    assert (problems == []) is accepted


@given(direction=st.sampled_from(["higher", "lower"]), thresholds=st.lists(_decimals, min_size=1, max_size=3),
       requirement=_decimals, values=st.dictionaries(st.text("ABCDEFGH", min_size=1, max_size=2),
                                                     _decimals, max_size=12))
def test_an_accepted_scheme_never_tiers_a_value_below_its_requirement(direction, thresholds, requirement, values):
    item = IndicatorInput("能效指数", direction, "fixed", [str(t) for t in thresholds], requirement=str(requirement))
    cleaned, problems = clean_indicators([item])
    if problems:
        return
    indicator = rule_indicator(cleaned[0])
    tiering = rules.tier_indicator(indicator, {key: float(value) for key, value in values.items()})
    tiered = [key for tier in tiering.tiers for key in tier.keys] + list(tiering.unranked)
    assert all(not indicator.better(float(requirement), float(values[key])) for key in tiered)
    if tiering.tiers:
        assert tiering.tiers[-1].bound == float(requirement)  # the lowest tier's bound is the requirement
