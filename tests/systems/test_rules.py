"""The pure arithmetic of standard systems (biaozhun/rules/systems.py): trees, 标龄, missing entries, roll-up."""

from datetime import date

import pytest

from biaozhun.rules.systems import (
    Gaps,
    NodeRow,
    Problem,
    age_in_years,
    age_start,
    build_tree,
    is_outdated,
    planned_is_missing,
    rollup,
    system_total,
    would_cycle,
)


def _rows(*pairs):
    return [NodeRow(code, parent, f"节点{code}", line) for line, (code, parent) in enumerate(pairs, start=2)]


def test_a_tree_is_built_depth_first_with_siblings_in_the_order_given():
    tree, problems = build_tree(_rows(("100", ""), ("200", ""), ("101", "100"), ("101.2", "101"), ("101.1", "101")))
    assert problems == []
    assert tree.order == ["100", "101", "101.2", "101.1", "200"]
    assert tree.depth == {"100": 0, "101": 1, "101.2": 2, "101.1": 2, "200": 0}
    assert tree.subtree("101") == ["101", "101.2", "101.1"]
    assert tree.ancestors("101.1") == ["101", "100"]


def test_a_code_given_twice_is_named_with_the_line_that_had_it_first():
    _tree, problems = build_tree(_rows(("100", ""), ("101", "100"), ("101", "100")))
    assert [(p.problem, p.code, p.line, p.other) for p in problems] == [(Problem.DUPLICATE_CODE, "101", 4, "3")]


def test_full_width_codes_are_read_as_their_ascii_form_so_they_collide():
    _tree, problems = build_tree(_rows(("１０１", ""), ("101", "")))
    assert [p.problem for p in problems] == [Problem.DUPLICATE_CODE]


def test_a_cycle_is_refused_and_named():
    tree, problems = build_tree(_rows(("100", ""), ("a", "c"), ("b", "a"), ("c", "b")))
    assert {p.problem for p in problems} == {Problem.CYCLE}
    assert "a → " in problems[0].other or "b → " in problems[0].other or "c → " in problems[0].other
    assert tree.order == ["100"]  # nodes of the cycle are not placed


def test_a_node_that_is_its_own_parent_is_a_cycle():
    _tree, problems = build_tree(_rows(("100", "100")))
    assert [p.problem for p in problems] == [Problem.CYCLE]


def test_an_unknown_parent_and_a_malformed_code_are_refused():
    _tree, problems = build_tree([NodeRow("100", "999", "x", 2), NodeRow("1 0", "", "x", 3), NodeRow("", "", "x", 4),
                                  NodeRow("300", "", " ", 5)])
    assert [(p.problem, p.line) for p in problems] == [(Problem.UNKNOWN_PARENT, 2), (Problem.BAD_CODE, 3),
                                                        (Problem.BAD_CODE, 4), (Problem.EMPTY_NAME, 5)]


def test_moving_a_node_below_its_own_descendant_would_cycle():
    parents = {"100": "", "101": "100", "101.1": "101"}
    assert would_cycle(parents, "100", "101.1")
    assert would_cycle(parents, "101", "101")
    assert not would_cycle(parents, "101.1", "100")


@pytest.mark.parametrize("today, outdated", [(date(2024, 6, 1), False), (date(2024, 6, 2), True)])
def test_a_standard_is_outdated_the_day_after_its_fifth_anniversary(today, outdated):
    assert is_outdated(date(2019, 6, 1), today) is outdated


def test_age_counts_whole_years_from_implementation_or_a_later_confirmation():
    assert age_start(date(2010, 1, 1), date(2009, 6, 1), None) == date(2010, 1, 1)
    assert age_start(None, date(2009, 6, 1), None) == date(2009, 6, 1)
    assert age_start(date(2010, 1, 1), None, date(2022, 3, 1)) == date(2022, 3, 1)
    assert age_in_years(date(2019, 6, 2), date(2024, 6, 1)) == 4
    assert age_in_years(None, date(2024, 6, 1)) is None
    assert not is_outdated(None, date(2024, 6, 1))
    assert is_outdated(date(2016, 2, 29), date(2021, 3, 1))


def test_a_planned_entry_is_filled_by_its_number_or_without_one_by_a_title_spaces_and_case_ignored():
    assert not planned_is_missing(title="x", number="GB/T 99999-2025", filled_titles=[], filled_numbers=["gb/t99999"])
    assert planned_is_missing(title="信息技术 词汇", number="GB/T 99999", filled_titles=["信息技术 词汇"],
                              filled_numbers=[])
    assert not planned_is_missing(title="信息技术 数据质量评价", number="", filled_titles=["信息技术 数据质量 评价"],
                                  filled_numbers=[])
    assert planned_is_missing(title="信息技术 新词汇", number="", filled_titles=["信息技术 词汇"], filled_numbers=[])


def test_gaps_roll_up_the_tree_counting_a_shared_thing_once():
    tree, _ = build_tree(_rows(("100", ""), ("101", "100"), ("102", "100"), ("200", "")))
    own = {"101": Gaps(missing=frozenset({1}), not_adopted=frozenset({7, 8})),
           "102": Gaps(outdated=frozenset({3}), not_adopted=frozenset({8, 9})),
           "100": Gaps(missing=frozenset({2})),
           "200": Gaps(not_adopted=frozenset({9}))}
    rolled = rollup(tree, own)
    assert rolled["100"].counts() == {"standards": 0, "projects": 0, "planned": 0, "missing": 2, "outdated": 1,
                                      "not_adopted": 3}
    assert rolled["101"] == own["101"]
    total = system_total(tree, rolled)
    assert (len(total.missing), len(total.outdated), len(total.not_adopted), total.total) == (2, 1, 3, 6)
