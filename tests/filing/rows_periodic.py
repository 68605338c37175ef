"""Policy rows of periodic review, supersession flags and the review lists (tests/accounts/test_policy.py)."""

from tests.fixtures.policy import Fixture, Row

ROWS = [
    Row("filing.conclude_review", Fixture("db32_standard"), frozenset({"bureau_user"})),
    Row("filing.conclude_review", Fixture("tc28_standard"), frozenset()),  # a national standard: not filed
    Row("filing.view_reviews", Fixture("ministry"), frozenset({"ministry_user", "reviewer_user", "admin_user"})),
    Row("filing.view_reviews", Fixture("bureau"), frozenset({"bureau_user", "reviewer_user", "admin_user"})),
    Row("filing.decide_flag", Fixture("jb_flag"), frozenset({"ministry_user"})),
]
