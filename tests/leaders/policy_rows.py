"""Rows of the role × action matrix for leaders (tests/accounts/test_policy.py). Key products and schemes are set up
by the administration and edited by their owner (the reviewer who created them) or an administrator:
``leaders_reviewers_scheme`` is ``reviewer_user``'s, ``leaders_system_scheme`` the platform's (the demo's)."""

from tests.fixtures.policy import ALL, Fixture, Row

ADMINISTRATION = frozenset({"reviewer_user", "admin_user"})
ADMIN = frozenset({"admin_user"})
SIGNED_IN_ACTIVE = ALL - {"public_user", "inactive_user"}

ROWS = [
    Row("leaders.view", None, ALL),
    Row("leaders.view_list", Fixture("leaders_notice_list"), ALL),
    Row("leaders.view_list", Fixture("leaders_draft_list"), ADMINISTRATION),
    Row("leaders.manage", None, ADMINISTRATION),
    Row("leaders.manage", Fixture("leaders_system_product"), ADMINISTRATION),
    Row("leaders.edit_product", None, ADMINISTRATION),
    Row("leaders.edit_product", Fixture("leaders_reviewers_product"), ADMINISTRATION),
    Row("leaders.edit_product", Fixture("leaders_system_product"), ADMIN),
    Row("leaders.edit_scheme", Fixture("leaders_reviewers_scheme"), ADMINISTRATION),
    Row("leaders.edit_scheme", Fixture("leaders_system_scheme"), ADMIN),
    Row("leaders.rank", None, ADMINISTRATION),
    Row("leaders.rank", Fixture("leaders_system_scheme"), ADMINISTRATION),
    Row("leaders.view_runs", None, ADMINISTRATION),
    Row("leaders.decide_objection", None, ADMINISTRATION),
    Row("leaders.object", Fixture("leaders_notice_list"), SIGNED_IN_ACTIVE),
    Row("leaders.object", Fixture("leaders_draft_list"), frozenset()),
    Row("leaders.compare", None, frozenset({"enterprise_user"})),
    Row("leaders.compare", Fixture("own_declaration"), frozenset({"enterprise_user"})),
    Row("leaders.compare", Fixture("others_declaration"), frozenset()),
]
