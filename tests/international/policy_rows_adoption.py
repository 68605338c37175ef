"""Rows of the role × action matrix for adoption (tests/accounts/test_policy.py reads them via policy_rows.py)."""

from tests.fixtures.policy import Row
from tests.fixtures.roles import ROLE_FIXTURES

ACTIVE = frozenset(role for role in ROLE_FIXTURES if role not in ("inactive_user", "public_user"))
ROWS = [
    Row("international.adoption_view", None, frozenset(ROLE_FIXTURES)),
    Row("international.adoption_export", None, ACTIVE),
]
