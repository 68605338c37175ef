"""Rows of the role × action matrix for feedback (tests/accounts/test_policy.py). ``feedback_item`` is a visitor's
item routed to ``tc_secretariat`` (whose secretary is ``secretariat_user``); ``own_item`` is ``registered_user``'s."""

from tests.fixtures.policy import ALL, Fixture, Row

NATIONAL = {"reviewer_user", "admin_user"}
ROWS = [
    Row("feedback.submit", None, ALL),
    Row("feedback.track", None, ALL),
    Row("feedback.view", Fixture("feedback_item"), frozenset({"secretariat_user", *NATIONAL})),
    Row("feedback.view", Fixture("own_item"), frozenset({"registered_user", "secretariat_user", *NATIONAL})),
    Row("feedback.handle", Fixture("feedback_item"), frozenset({"secretariat_user"})),
    Row("feedback.close", Fixture("own_item"), frozenset({"registered_user", "secretariat_user"})),
    Row("feedback.reassign", Fixture("feedback_item"), frozenset({"secretariat_user", *NATIONAL})),
    # A social organisation answers the feedback on its group standards.
    Row("feedback.work", None, frozenset({"secretariat_user", "ministry_user", "bureau_user", "social_organisation_user",
                                          *NATIONAL})),
    Row("feedback.oversee", None, frozenset(NATIONAL)),
    Row("feedback.export", None, frozenset({"ministry_user", "bureau_user", *NATIONAL})),
    Row("feedback.export", Fixture("export_subscription"), frozenset({"admin_user"})),
    Row("feedback.edit_settings", None, frozenset({"admin_user"})),
    Row("feedback.sweep", None, frozenset({"admin_user"})),
]
