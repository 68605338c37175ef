"""How declared indicator rows map to a scheme's indicators: names and units compared after normalisation, and
each comparator read as the value it guarantees in the scheme's direction."""

import math

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.leaders.mapping import Matcher, guaranteed
from biaozhun.leaders.services import run_ranking
from biaozhun.rules.leaders import Direction

from .scene import EFFICIENCY, declare, efficiency, fridge, scheme


@pytest.mark.parametrize("comparator, lower, upper, direction, expected", [
    ("eq", 3.5, 3.5, Direction.HIGHER, 3.5),
    ("eq", 3.5, 3.5, Direction.LOWER, 3.5),
    ("ge", 3.5, None, Direction.HIGHER, 3.5),
    ("ge", 3.5, None, Direction.LOWER, None),
    ("le", None, 40, Direction.LOWER, 40.0),
    ("le", None, 40, Direction.HIGHER, None),
    ("range", 3.2, 3.8, Direction.HIGHER, 3.2),
    ("range", 3.2, 3.8, Direction.LOWER, 3.8),
])
def test_each_comparator_gives_the_value_it_guarantees_in_the_schemes_direction(comparator, lower, upper,
                                                                                  direction, expected):
    assert guaranteed(comparator, lower, upper, direction) == expected


def test_text_or_a_missing_number_is_not_a_number():
    assert math.isnan(guaranteed("text", None, None, Direction.HIGHER))
    assert math.isnan(guaranteed("ge", None, None, Direction.HIGHER))


def test_names_and_units_match_after_normalisation_but_units_are_never_converted():
    match = Matcher([("能效指数", "%"), ("噪声", "dB(A)")]).match
    assert match("能效 指数", "％") == (0, True)  # a space in the name, a full-width percent sign
    assert match("噪声", "dB") == (1, False)
    assert match("待机功率", "W") == (None, False)


@pytest.mark.django_db
def test_a_run_excludes_rows_that_guarantee_nothing_or_use_another_unit_and_says_why():
    plan = scheme(fridge())
    at_least = declare((EFFICIENCY, "ge", 30, None)).pk  # "at least 30 %" says nothing about how low it is
    other_unit = declare((EFFICIENCY, "eq", 0.3, 0.3, "比值")).pk
    text = declare((EFFICIENCY, "text", None, None)).pk
    missing = declare(("噪声", "eq", 38, 38, "dB(A)")).pk
    ranged = declare((EFFICIENCY, "range", 35, 45)).pk
    exact = declare((EFFICIENCY, "eq", 50, 50)).pk
    run = run_ranking(SYSTEM, scheme=plan)
    reasons = {row[0]: row[2] for row in run.excluded}
    assert reasons == {at_least: "no_guarantee", other_unit: "unit_differs", text: "not_a_number",
                       missing: "not_declared"}
    assert run.tiers == [[], [ranged, exact], []]  # the range is ranked on its worst value, 45


@pytest.mark.django_db
def test_two_rows_of_one_indicator_rank_on_the_worse():
    plan = scheme(fridge(), efficiency(direction="lower"))
    both = declare((EFFICIENCY, "eq", 35, 35), (f" {EFFICIENCY}", "eq", 55, 55)).pk
    other = declare((EFFICIENCY, "eq", 38, 38)).pk
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.tiers == [[other], [], [both]]


def test_other_names_of_an_indicator_map_like_its_own_name():
    match = Matcher([("能效指数", "%", ["能源效率指数", "EEI"]), ("噪声", "dB(A)")]).match
    assert match("能源效率 指数", "%") == (0, True)
    assert match("eei", "％") == (0, True)
    assert match("能效", "%") == (None, False)


@pytest.mark.django_db
def test_a_run_maps_declared_names_through_the_schemes_other_names_and_snapshots_them():
    plan = scheme(fridge(), efficiency(aliases=["能源效率指数"]))
    by_alias = declare(("能源效率指数", "eq", 38, 38)).pk
    by_name = declare((EFFICIENCY, "eq", 45, 45)).pk
    other = declare(("能耗", "eq", 30, 30)).pk
    run = run_ranking(SYSTEM, scheme=plan)
    assert run.tiers == [[by_alias], [by_name], []]
    assert run.excluded == [[other, EFFICIENCY, "not_declared", None]]
    assert run.snapshot["indicators"][0]["aliases"] == ["能源效率指数"]


@pytest.mark.django_db
def test_the_mapping_page_lists_declared_names_with_what_they_map_to(client, reviewer_user,
                                                                       django_assert_max_num_queries):
    from django.urls import reverse

    plan = scheme(fridge(), efficiency(aliases=["能源效率指数"]))
    declare(("能源效率指数", "eq", 38, 38))
    declare((EFFICIENCY, "eq", 45, 45, "比值"))
    declare(("能耗", "eq", 30, 30), ("能耗", "eq", 31, 31))
    client.force_login(reviewer_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("leaders:scheme_mapping", args=[plan.pk]))
    rows = {row.name: row for row in response.context["names"]}
    assert rows["能耗"].rows == 2 and rows["能耗"].indicator == ""
    assert rows["能源效率指数"].indicator == "能效指数 (%)" and rows["能源效率指数"].unit_matches
    assert rows[EFFICIENCY].unit == "比值" and not rows[EFFICIENCY].unit_matches
    assert "单位不同，不比较" in response.content.decode()
