"""The routing table's matching: first matching rule with a handler wins, else the national administration."""

from biaozhun.rules.feedback_routing import FALLBACK, Facts, Rule, Target, route

HANDLERS = {Target.TC_SECRETARIAT: 11, Target.COMPETENT_DEPARTMENT: 22, Target.REGION_BUREAU: 33}
RULES = [
    Rule(1, 10, Target.TC_SECRETARIAT),
    Rule(2, 20, Target.COMPETENT_DEPARTMENT, tier="industry"),
    Rule(3, 30, Target.REGION_BUREAU, tier="local"),
]


def _resolver(available):
    return lambda rule: rule.organisation_id if rule.target == Target.ORGANISATION else available.get(rule.target)


def test_the_committee_secretariat_comes_first_when_it_exists():
    decision = route(Facts("industry", "content", "SAC/TC 28"), RULES, _resolver(HANDLERS), fallback=99)
    assert (decision.organisation_id, decision.target, decision.rule_id) == (11, Target.TC_SECRETARIAT, 1)


def test_a_rule_without_a_handler_gives_way_to_the_next():
    available = {Target.COMPETENT_DEPARTMENT: 22}
    decision = route(Facts("industry", "content"), RULES, _resolver(available), fallback=99)
    assert (decision.organisation_id, decision.rule_id) == (22, 2)


def test_nothing_matching_goes_to_the_national_administration():
    decision = route(Facts("group", "content"), RULES, _resolver({}), fallback=99)
    assert (decision.organisation_id, decision.target, decision.rule_id) == (99, FALLBACK, None)
    assert route(Facts("group", "content"), RULES, _resolver({}), fallback=None) is None


def test_priority_orders_the_rules_whatever_their_order_in_the_table():
    special = Rule(9, 5, Target.ORGANISATION, category="conflict", organisation_id=77)
    decision = route(Facts("national", "conflict", "SAC/TC 28"), [*RULES, special], _resolver(HANDLERS), 99)
    assert decision.organisation_id == 77
    decision = route(Facts("national", "content", "SAC/TC 28"), [*RULES, special], _resolver(HANDLERS), 99)
    assert decision.organisation_id == 11


def test_a_committee_prefix_covers_its_subcommittees_only():
    rule = Rule(5, 1, Target.ORGANISATION, tc_prefix="SAC/TC 28", organisation_id=55)
    assert rule.matches(Facts("national", "content", "SAC/TC 28"))
    assert rule.matches(Facts("national", "content", "SAC/TC 28/SC 1"))
    assert not rule.matches(Facts("national", "content", "SAC/TC 280"))


def test_a_manual_rule_stops_routing_so_the_item_waits_for_a_person():
    hold = Rule(7, 1, Target.MANUAL, category="other")
    assert route(Facts("national", "other", "SAC/TC 28"), [*RULES, hold], _resolver(HANDLERS), 99) is None
    assert route(Facts("national", "content", "SAC/TC 28"), [*RULES, hold], _resolver(HANDLERS), 99).organisation_id == 11
