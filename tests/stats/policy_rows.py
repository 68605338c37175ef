"""Rows of the role × action matrix (tests/accounts/test_policy.py) for the statistics."""

from tests.fixtures.policy import ALL, Row

STAFF = frozenset({"ministry_user", "bureau_user", "reviewer_user", "admin_user"})
ROWS = [
    Row("stats.view", None, ALL),
    Row("stats.view_internal", None, STAFF),
    Row("stats.manage_indicators", None, frozenset({"admin_user"})),
    Row("stats.snapshot", None, frozenset({"admin_user"})),
]
