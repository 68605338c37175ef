"""Rows of the role × action matrix for the work plan (tests/accounts/test_policy.py)."""

from tests.fixtures.policy import SIGNED_IN, Fixture, Row

STAFF = frozenset({"secretariat_user", "ministry_user", "bureau_user", "reviewer_user", "admin_user"})

ROWS = [
    Row("workplan.view", None, STAFF),
    Row("workplan.manage", None, frozenset({"admin_user"})),
    Row("workplan.see_task", Fixture("ministry_task"), STAFF),
    Row("workplan.see_task", Fixture("group_task"), STAFF | {"social_organisation_user"}),
    # Progress is reported by the task's units only: lead (the ministry) or co-responsible (the bureau).
    Row("workplan.report", Fixture("ministry_task"), frozenset({"ministry_user"})),
    Row("workplan.report", Fixture("group_task"), frozenset({"social_organisation_user", "bureau_user"})),
    Row("workplan.report", None, frozenset()),
    Row("workplan.move", Fixture("ministry_task"), frozenset({"ministry_user", "admin_user"})),
    Row("workplan.move", Fixture("group_task"), frozenset({"social_organisation_user", "bureau_user", "admin_user"})),
    Row("workplan.own", None, SIGNED_IN),
]
