"""Key products and schemes: written once through the services, each problem named by its field; the lowest tier
never reaches below the requirement."""

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.leaders.models import KeyProduct, LeadersEvent, LeadersEventKind, Scheme
from biaozhun.leaders.services import create_key_product, create_scheme

from .scene import efficiency, fridge, noise, scheme

pytestmark = pytest.mark.django_db


def test_a_scheme_stores_its_indicators_and_one_event_with_them():
    plan = scheme(fridge(), efficiency(weight="0.6"), noise())
    rows = list(plan.indicators.values_list("position", "name", "direction", "key", "thresholds", "requirement"))
    assert [row[:4] for row in rows] == [(1, "能效指数", "lower", True), (2, "噪声", "lower", False)]
    assert rows[0][4] == ["40", "50"]
    event = LeadersEvent.objects.get(kind=LeadersEventKind.SCHEME_CREATED)
    assert event.scheme == plan and event.data["indicators"][0]["weight"] == "0.6"


def test_the_key_products_standards_are_kept_undated_so_every_edition_matches():
    product = create_key_product(SYSTEM, year=2026, name="冷藏箱", standards=["GB 12021.2-2015"])
    assert product.standards == ["GB 12021.2"]


@pytest.mark.parametrize("indicator, field, words", [
    (efficiency(thresholds=["50", "40"]), "indicators[0].thresholds", "最低一档不得低于标准要求"),
    (efficiency(thresholds=["40", "65"]), "indicators[0].thresholds", "最低一档不得低于标准要求"),
    (efficiency(threshold_kind="share", thresholds=["0.3", "0.2"]), "indicators[0].thresholds", "逐档增大"),
    (efficiency(thresholds=["四十"]), "indicators[0].thresholds", "不是数字"),
    (efficiency(direction="up"), "indicators[0].direction", "越高越好"),
    (efficiency(name=" "), "indicators[0].name", "指标名称"),
])
def test_a_bad_indicator_is_refused_naming_it_and_nothing_is_written(indicator, field, words):
    product = fridge()
    with pytest.raises(ValidationFailed) as refused:
        create_scheme(SYSTEM, key_product=product, title="方案", indicators=[indicator])
    assert field in [p["field"] for p in refused.value.errors]
    assert any(words in p["message"] for p in refused.value.errors)
    assert not Scheme.objects.exists()


def test_a_scheme_needs_a_key_indicator():
    with pytest.raises(ValidationFailed, match="未能发布"):
        create_scheme(SYSTEM, key_product=fridge(), title="方案", indicators=[noise()])


def test_a_key_product_needs_a_way_to_match_declarations():
    with pytest.raises(ValidationFailed) as refused:
        create_key_product(SYSTEM, year=2026, name="洗衣机")
    assert refused.value.errors[0]["field"] == "keywords"
    assert not KeyProduct.objects.exists()


def test_an_enterprise_cannot_set_key_products_or_schemes_and_nothing_is_written(enterprise_user):
    product = fridge()
    with pytest.raises(PermissionDeniedError):
        create_key_product(enterprise_user, year=2026, name="洗衣机", keywords=["洗衣机"])
    with pytest.raises(PermissionDeniedError):
        create_scheme(enterprise_user, key_product=product, title="方案", indicators=[efficiency()])
    assert KeyProduct.objects.count() == 1 and not Scheme.objects.exists()
    assert LeadersEvent.objects.count() == 1  # the key product's own
