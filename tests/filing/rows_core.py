from tests.fixtures.policy import ALL, Fixture, Row

ROWS = [
    Row("filing.submit", Fixture("jb_target"), frozenset({"ministry_user"})),
    Row("filing.submit", Fixture("db32_target"), frozenset({"bureau_user"})),
    Row("filing.submit", Fixture("db33_target"), frozenset()),
    Row("filing.revise", Fixture("bureau_filing"), frozenset({"bureau_user"})),
    Row("filing.withdraw", Fixture("bureau_filing"), frozenset({"bureau_user"})),
    Row("filing.approve_city", Fixture("city_filing"), frozenset({"bureau_user"})),
    Row("filing.approve_city", Fixture("bureau_filing"), frozenset()),
    Row("filing.review", Fixture("bureau_filing"), frozenset({"reviewer_user", "admin_user"})),
    Row("filing.view", Fixture("bureau_filing"), frozenset({"bureau_user", "reviewer_user", "admin_user"})),
    Row("filing.view", Fixture("city_filing"), frozenset({"bureau_user", "reviewer_user", "admin_user"})),
    Row("filing.view", Fixture("accepted_filing"), ALL),
    Row("filing.view_text", Fixture("bureau_filing"), frozenset({"bureau_user", "reviewer_user", "admin_user"})),
    Row("filing.work", None, frozenset({"ministry_user", "bureau_user", "reviewer_user", "admin_user"})),
    Row("filing.conclude_review", Fixture("jb_standard"), frozenset({"ministry_user"})),
    Row("filing.edit_rules", None, frozenset({"admin_user"})),
    Row("filing.sweep", None, frozenset({"admin_user"})),
]
