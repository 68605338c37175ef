"""Rows of the role × action matrix for leaders (tests/accounts/test_policy.py)."""

from tests.fixtures.policy import ALL, Fixture, Row

ADMINISTRATION = frozenset({"reviewer_user", "admin_user"})
SIGNED_IN_ACTIVE = ALL - {"public_user", "inactive_user"}

ROWS = [
    Row("leaders.view", None, ALL),
    Row("leaders.view_list", Fixture("leaders_notice_list"), ALL),
    Row("leaders.view_list", Fixture("leaders_draft_list"), ADMINISTRATION),
    Row("leaders.manage", None, ADMINISTRATION),
    Row("leaders.rank", None, ADMINISTRATION),
    Row("leaders.view_runs", None, ADMINISTRATION),
    Row("leaders.decide_objection", None, ADMINISTRATION),
    Row("leaders.object", Fixture("leaders_notice_list"), SIGNED_IN_ACTIVE),
    Row("leaders.object", Fixture("leaders_draft_list"), frozenset()),
    Row("leaders.compare", None, frozenset({"enterprise_user"})),
    Row("leaders.compare", Fixture("own_declaration"), frozenset({"enterprise_user"})),
    Row("leaders.compare", Fixture("others_declaration"), frozenset()),
]
