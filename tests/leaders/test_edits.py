"""Editing key products and schemes: a new version and one event with what changed; a stale or refused edit writes
nothing; and a run keeps the scheme it ranked by, so an edit never changes its results or the list drawn from it."""

from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.leaders.models import KeyProduct, LeadersEvent, LeadersEventKind, RankingRun, Scheme
from biaozhun.leaders.services import (
    KeyProductInput,
    StaleEdit,
    create_key_product,
    create_scheme,
    run_ranking,
    update_key_product,
    update_scheme,
)
from biaozhun.leaders.services.ranking import collect, inputs_digest
from biaozhun.rules import leaders as rules

from .scene import EFFICIENCY, at, declare, efficiency, fridge, list_in_notice, noise, scheme

pytestmark = pytest.mark.django_db


def _edit(plan: Scheme, actor=SYSTEM, **changes) -> Scheme:
    values = {"title": plan.title, "note": plan.note, "indicators": [efficiency()], **changes}
    return update_scheme(actor, scheme=plan, expected_version=changes.pop("expected_version", plan.version),
                         **{k: v for k, v in values.items() if k != "expected_version"})


def test_an_edit_is_a_new_version_with_one_event_holding_what_changed():
    plan = scheme(fridge())
    edited = _edit(plan, indicators=[efficiency(thresholds=["38", "48"]), noise()])
    assert edited.version == 2
    assert list(edited.indicators.values_list("name", "thresholds")) == [(EFFICIENCY, ["38", "48"]),
                                                                          ("噪声", ["36", "40"])]
    event = LeadersEvent.objects.get(kind=LeadersEventKind.SCHEME_CHANGED)
    assert (event.scheme, event.data["version"]) == (edited, 2)
    assert set(event.data["before"]) == set(event.data["after"]) == {"indicators"}
    assert event.data["before"]["indicators"][0]["thresholds"] == ["40", "50"]


def test_an_edit_that_changes_nothing_writes_nothing():
    plan = scheme(fridge())
    assert _edit(plan).version == 1
    assert not LeadersEvent.objects.filter(kind=LeadersEventKind.SCHEME_CHANGED).exists()


def test_an_edit_of_a_version_someone_else_changed_is_refused_and_writes_nothing():
    plan = scheme(fridge())
    _edit(plan, title="第二版")
    with pytest.raises(StaleEdit) as refused:
        _edit(plan, title="第三版", expected_version=1)
    assert refused.value.status == 409 and "已有其他人修改" in refused.value.message
    assert Scheme.objects.get().title == "第二版"
    assert LeadersEvent.objects.filter(kind=LeadersEventKind.SCHEME_CHANGED).count() == 1


def test_a_bad_edit_is_refused_naming_the_field_and_the_scheme_stays_as_it_was():
    plan = scheme(fridge())
    with pytest.raises(ValidationFailed) as refused:
        _edit(plan, indicators=[efficiency(thresholds=["70"])])
    assert refused.value.errors[0]["field"] == "indicators[0].thresholds"
    plan.refresh_from_db()
    assert plan.version == 1 and list(plan.indicators.values_list("thresholds", flat=True)) == [["40", "50"]]


def test_only_the_owner_or_an_administrator_edits_a_scheme_and_a_refusal_writes_nothing(reviewer_user, admin_user):
    from tests.factories.accounts import UserFactory

    other_reviewer = UserFactory(member_of=reviewer_user.memberships.get().organisation,
                                 member_of__role="reviewer")
    product = create_key_product(reviewer_user, year=2026, name="家用电冰箱", keywords=["电冰箱"])
    plan = create_scheme(reviewer_user, key_product=product, title="方案", indicators=[efficiency()])
    with pytest.raises(PermissionDeniedError):
        _edit(plan, other_reviewer, title="别人改的")
    with pytest.raises(PermissionDeniedError):
        update_key_product(other_reviewer, product=product, expected_version=1,
                           data=KeyProductInput(year=2026, name="冰箱", keywords=["电冰箱"]))
    assert not LeadersEvent.objects.filter(kind__in=[LeadersEventKind.SCHEME_CHANGED,
                                                     LeadersEventKind.KEY_PRODUCT_CHANGED]).exists()
    assert _edit(plan, reviewer_user, title="本人改的").version == 2
    assert _edit(Scheme.objects.get(), admin_user, title="管理员改的").version == 3


def test_a_key_product_edit_keeps_history_and_its_year_and_name_are_fixed_once_a_list_is_public():
    leader_list = list_in_notice(date(2026, 6, 8))
    product = leader_list.key_product
    data = KeyProductInput(year=2026, name=product.name, keywords=["电冰箱", "冷藏箱"], product_codes=["8418"])
    edited = update_key_product(SYSTEM, product=product, data=data, expected_version=1)
    assert (edited.version, edited.keywords, edited.product_codes) == (2, ["电冰箱", "冷藏箱"], ["8418"])
    event = LeadersEvent.objects.get(kind=LeadersEventKind.KEY_PRODUCT_CHANGED)
    assert event.data == {"version": 2, "before": {"keywords": ["电冰箱"], "product_codes": []},
                          "after": {"keywords": ["电冰箱", "冷藏箱"], "product_codes": ["8418"]}}
    for change in ({"year": 2027}, {"name": "冰箱"}):
        with pytest.raises(ValidationFailed) as refused:
            update_key_product(SYSTEM, product=product, expected_version=2,
                               data=KeyProductInput(**{**vars(data), **change}))
        assert refused.value.errors[0]["field"] == next(iter(change))
        assert "名单和领跑者标识上写着它的年度和名称" in refused.value.errors[0]["message"]
    product.refresh_from_db()
    assert (product.year, product.name, product.version) == (2026, "家用电冰箱", 2)


def test_an_edit_after_a_run_changes_neither_the_run_nor_its_list(client, reviewer_user):
    leader_list = list_in_notice(date(2026, 6, 8))
    run = leader_list.run
    before = RankingRun.objects.values("tiers", "excluded", "indicators", "inputs_digest", "snapshot").get(pk=run.pk)
    entries = list(leader_list.entries.values_list("declaration_id", "state"))
    with at(date(2026, 6, 9)):
        _edit(run.scheme, title="改过的方案", indicators=[efficiency(thresholds=["30", "45"], requirement="60",
                                                                aliases=["能源效率指数"])])
    assert RankingRun.objects.values("tiers", "excluded", "indicators", "inputs_digest", "snapshot").get(
        pk=run.pk) == before
    assert list(leader_list.entries.values_list("declaration_id", "state")) == entries
    assert before["snapshot"]["indicators"][0]["thresholds"] == ["40", "50"]
    client.force_login(reviewer_user)
    page = client.get(reverse("leaders:run", args=[run.pk])).content.decode()
    assert "2026 方案" in page and "改过的方案" not in page and "40 / 50" in page
    assert "现为第 2 版" in page  # the page says the scheme changed since, and that this run stands
    listed = client.get(leader_list.get_absolute_url()).content.decode()
    assert "2026 方案" in listed and "改过的方案" not in listed
    rerun = run_ranking(SYSTEM, scheme=Scheme.objects.get())
    assert rerun.scheme_version == 2 and rerun.snapshot["scheme"]["title"] == "改过的方案"
    assert rerun.tiers != run.tiers  # the new thresholds rank differently: the old run did not follow them


_values = st.lists(st.integers(min_value=30, max_value=70), min_size=1, max_size=8)
_thresholds = st.lists(st.integers(min_value=20, max_value=61), min_size=1, max_size=3, unique=True)


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=_values, first=_thresholds, second=_thresholds, requirement=st.integers(min_value=62, max_value=75))
def test_a_run_ranked_again_from_its_snapshot_gives_its_stored_result_whatever_edit_followed(values, first, second,
                                                                                             requirement):
    """The run's snapshot alone reproduces its tiers and inputs digest after any edit of the scheme."""
    product = create_key_product(SYSTEM, year=2026, name=f"电冰箱 {KeyProduct.objects.count()}",
                                 keywords=["电冰箱"])
    plan = create_scheme(SYSTEM, key_product=product, title="方案", indicators=[
        efficiency(thresholds=[str(t) for t in sorted(first)], requirement="62")])
    for value in values:
        declare((EFFICIENCY, "eq", value, value))
    run = run_ranking(SYSTEM, scheme=plan)
    _edit(plan, indicators=[efficiency(thresholds=[str(t) for t in sorted(second)], requirement=str(requirement))])
    run.refresh_from_db()
    indicators, declarations, _notes, _rows = collect(run.snapshot)
    again = rules.tier_scheme(indicators, declarations)
    assert [list(tier.keys) for tier in again.tiers] == run.tiers
    assert inputs_digest(indicators, declarations) == run.inputs_digest
    assert [row["thresholds"] for row in run.snapshot["indicators"]] == [[str(t) for t in sorted(first)]]
