"""Rows of the role × action matrix for random inspections (tests/accounts/test_policy.py). The inspector's own
rule (record findings) is allowed to no standard role: tests/inspections/test_permissions.py shows it allowed to
the inspector drawn for the enterprise."""

from tests.fixtures.policy import ALL, Fixture, Row

ROWS = [
    Row("inspections.create", Fixture("bureau"), frozenset({"bureau_user"})),
    Row("inspections.create", Fixture("national_administration"), frozenset({"reviewer_user", "admin_user"})),
    Row("inspections.create", Fixture("enterprise"), frozenset()),
    Row("inspections.keep_pool", Fixture("bureau"), frozenset({"bureau_user"})),
    Row("inspections.manage", Fixture("draft_campaign"), frozenset({"bureau_user"})),
    Row("inspections.manage", Fixture("correction_order"), frozenset({"bureau_user"})),
    Row("inspections.view", Fixture("draft_campaign"), frozenset({"bureau_user", "admin_user"})),
    Row("inspections.view", Fixture("committed_campaign"), ALL),
    Row("inspections.view_draw", Fixture("committed_campaign"), frozenset({"bureau_user"})),
    Row("inspections.view_draw", Fixture("drawn_campaign"), ALL),
    Row("inspections.record", Fixture("sampled_item"), frozenset()),
    Row("inspections.view_evidence", Fixture("finding"), frozenset({"bureau_user", "admin_user"})),
    Row("inspections.work", None, frozenset({"bureau_user", "reviewer_user", "admin_user"})),
    Row("inspections.sweep", None, frozenset({"admin_user"})),
    # Law art. 39: the national administration, or the bureau of the enterprise's province (``bureau`` is 32).
    Row("inspections.abolish", Fixture("correction_order"), frozenset({"bureau_user", "reviewer_user", "admin_user"})),
]
