"""A ranking run over real declaration rows: which declarations it reads, how it tiers them (ties to the better
tier, below the requirement excluded, no ranking when all are equal) and what it stores."""

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.declarations.models import DeclarationState
from biaozhun.leaders.models import LeadersEvent, LeadersEventKind, RankingRun, RankingStatus
from biaozhun.leaders.services import run_ranking
from tests.factories.declarations import DeclarationFactory

from .scene import EFFICIENCY, declare, efficiency, fridge, noise, other_product_declaration, scheme

pytestmark = pytest.mark.django_db


def test_a_run_tiers_declarations_by_fixed_thresholds_and_stores_the_tiers_without_order():
    plan = scheme(fridge())
    best = [declare((EFFICIENCY, "eq", v, v)).pk for v in (38, 35)]
    middle = declare((EFFICIENCY, "eq", 45, 45)).pk
    last = declare((EFFICIENCY, "eq", 60, 60)).pk
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.status == RankingStatus.RANKED
    assert run.tiers == [sorted(best), [middle], [last]]
    assert run.declarations == 4 and run.indicator_rows == 4
    assert run.excluded == []
    assert run.indicators[EFFICIENCY]["tiers"][2] == {"tier": 3, "bound": 62.0, "count": 1}


def test_a_value_equal_to_a_threshold_goes_to_the_better_tier():
    plan = scheme(fridge())
    on_bound = declare((EFFICIENCY, "eq", 40, 40)).pk
    just_worse = declare((EFFICIENCY, "eq", "40.01", "40.01")).pk
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.tiers[0] == [on_bound]
    assert run.tiers[1] == [just_worse]


def test_share_thresholds_put_ties_at_the_boundary_in_the_better_tier():
    plan = scheme(fridge(), efficiency(threshold_kind="share", thresholds=["0.25", "0.5"]))
    ids = [declare((EFFICIENCY, "eq", v, v)).pk for v in (30, 30, 30, 50, 55, 58, 59, 61)]
    run = run_ranking(SYSTEM, scheme=plan)
    # The best 25 % of 8 is 2 declarations; the 2nd best value (30) is shared by three, all in tier 1.
    assert run.tiers[0] == sorted(ids[:3])
    assert run.tier_sizes == [3, 1, 4]


def test_a_value_worse_than_the_requirement_is_excluded_with_its_reason():
    plan = scheme(fridge())
    kept = declare((EFFICIENCY, "eq", 45, 45)).pk
    other = declare((EFFICIENCY, "eq", 50, 50)).pk
    too_high = declare((EFFICIENCY, "eq", 63, 63)).pk
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.excluded == [[too_high, EFFICIENCY, "below_requirement", 63.0]]
    assert too_high not in {pk for tier in run.tiers for pk in tier}
    assert run.tiers == [[], [kept, other], []]


def test_no_ranking_when_every_qualified_value_is_equal():
    plan = scheme(fridge())
    ids = sorted(declare((EFFICIENCY, "eq", 45, 45)).pk for _ in range(3))
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.status == RankingStatus.ALL_EQUAL
    assert run.tiers == [] and run.unranked == ids


def test_nobody_qualified_is_said_as_such():
    plan = scheme(fridge())
    declare((EFFICIENCY, "eq", 70, 70))
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.status == RankingStatus.NONE_QUALIFIED and run.tiers == []


def test_only_published_declarations_of_the_key_products_products_take_part():
    plan = scheme(fridge())
    taking_part = declare((EFFICIENCY, "eq", 45, 45)).pk
    declare((EFFICIENCY, "eq", 30, 30), state=DeclarationState.WITHDRAWN)
    other_product_declaration((EFFICIENCY, "eq", 30, 30, "%"))
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.declarations == 1
    assert run.unranked == [taking_part]


def test_a_key_product_may_match_by_the_standard_executed():
    from biaozhun.leaders.services import create_key_product

    product = create_key_product(SYSTEM, year=2026, name="冷藏箱", standards=["GB 12021.2-2015"])
    plan = scheme(product)
    executing = DeclarationFactory(identifier="GB 12021.2-2015", undated="GB 12021.2",
                                   indicators=[(EFFICIENCY, "eq", 45, 45, "%")]).pk
    declare((EFFICIENCY, "eq", 30, 30))  # a refrigerator under its own enterprise standard
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.unranked == [executing]


def test_a_key_product_may_match_by_a_product_code_range_alone_or_with_the_other_conditions():
    from biaozhun.declarations.models import DeclarationProduct
    from biaozhun.leaders.services import create_key_product
    from tests.factories.declarations import ProductFactory

    def coded(code: str, name: str) -> int:
        declaration = DeclarationFactory(products=[], indicators=[(EFFICIENCY, "eq", 45, 45, "%")])
        DeclarationProduct.objects.create(declaration=declaration, product=ProductFactory(
            enterprise=declaration.enterprise, name=name, code=code))
        return declaration.pk

    in_range = coded("84182100", "冷柜")
    fridge_in_range = coded("84181020", "家用电冰箱")
    coded("85161000", "电热水器")
    fridge_without_code = declare((EFFICIENCY, "eq", 45, 45)).pk
    by_code = create_key_product(SYSTEM, year=2026, name="制冷器具", product_codes=["8418"])
    assert run_ranking(SYSTEM, scheme=scheme(by_code)).unranked == sorted([in_range, fridge_in_range])
    both = create_key_product(SYSTEM, year=2026, name="冰箱", keywords=["电冰箱"], product_codes=["8418"],
                              match="all")
    assert run_ranking(SYSTEM, scheme=scheme(both)).unranked == [fridge_in_range]
    either = create_key_product(SYSTEM, year=2026, name="冰箱或冷柜", keywords=["电冰箱"], product_codes=["8418"])
    assert run_ranking(SYSTEM, scheme=scheme(either)).unranked == sorted([in_range, fridge_in_range,
                                                                          fridge_without_code])


def test_key_indicators_decide_the_combined_tier_and_other_indicators_must_meet_their_requirement():
    plan = scheme(fridge(), efficiency(), noise())
    leader = declare((EFFICIENCY, "eq", 38, 38), ("噪声", "le", None, 44, "dB(A)")).pk
    second = declare((EFFICIENCY, "eq", 45, 45), ("噪声", "le", None, 35, "dB(A)")).pk
    too_loud = declare((EFFICIENCY, "eq", 30, 30), ("噪声", "le", None, 46, "dB(A)")).pk
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.tiers == [[leader], [second], []]
    assert run.excluded == [[too_loud, "噪声", "below_requirement", 46.0]]


def test_a_run_writes_one_event_and_the_digest_repeats_on_unchanged_declarations():
    plan = scheme(fridge())
    declare((EFFICIENCY, "eq", 38, 38))
    declare((EFFICIENCY, "eq", 45, 45))
    first, second = run_ranking(SYSTEM, scheme=plan), run_ranking(SYSTEM, scheme=plan)
    assert first.inputs_digest == second.inputs_digest and len(first.inputs_digest) == 64
    declare((EFFICIENCY, "eq", 50, 50))
    assert run_ranking(SYSTEM, scheme=plan).inputs_digest != first.inputs_digest
    events = LeadersEvent.objects.filter(kind=LeadersEventKind.RANKED, run=first)
    assert list(events.values_list("data__status", "data__tier_sizes")) == [("ranked", [1, 1, 0])]


def test_ranking_is_refused_to_an_enterprise_and_writes_nothing(enterprise_user):
    plan = scheme(fridge())
    declare((EFFICIENCY, "eq", 38, 38))
    events = LeadersEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        run_ranking(enterprise_user, scheme=plan)
    assert not RankingRun.objects.exists()
    assert LeadersEvent.objects.count() == events
