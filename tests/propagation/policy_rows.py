"""Rows of the role × action matrix for change propagation (tests/accounts/test_policy.py). ``tc28_flag`` is a flag
of ``tc_secretariat`` (whose secretary is ``secretariat_user``); ``enterprise_flag`` one of ``enterprise`` (whose
admin is ``enterprise_user``)."""

from tests.fixtures.policy import Fixture, Row

NATIONAL = {"reviewer_user", "admin_user"}
ACTING = {"enterprise_user", "social_organisation_user", "secretariat_user", "ministry_user", "bureau_user"}
ROWS = [
    Row("propagation.work", None, frozenset({*ACTING, *NATIONAL})),
    Row("propagation.view", Fixture("tc28_flag"), frozenset({"secretariat_user", *NATIONAL})),
    Row("propagation.view", Fixture("enterprise_flag"), frozenset({"enterprise_user", *NATIONAL})),
    Row("propagation.resolve", Fixture("tc28_flag"), frozenset({"secretariat_user", "admin_user"})),
    Row("propagation.resolve", Fixture("enterprise_flag"), frozenset({"enterprise_user", "admin_user"})),
    Row("propagation.oversee", None, frozenset(NATIONAL)),
    Row("propagation.propagate", None, frozenset({"admin_user"})),
]
