from tests.fixtures.policy import ALL, Fixture, Row

ROWS = [
    Row("catalog.view", None, ALL),
    Row("catalog.edit", None, frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.review", Fixture("tc28_standard"), frozenset({"reviewer_user", "admin_user", "secretariat_user"})),
    Row("catalog.review", Fixture("tc151_standard"), frozenset({"reviewer_user", "admin_user"})),
    # The filing authority that owns an industry or local standard's code concludes its periodic review.
    Row("catalog.review", Fixture("jb_standard"), frozenset({"reviewer_user", "admin_user", "ministry_user"})),
    Row("catalog.review", Fixture("db32_standard"), frozenset({"reviewer_user", "admin_user", "bureau_user"})),
    Row("catalog.record_conversion", Fixture("jb_standard"), frozenset({"reviewer_user", "admin_user", "ministry_user"})),
    Row("catalog.record_conversion", Fixture("db32_standard"), frozenset({"reviewer_user", "admin_user", "bureau_user"})),
    Row("catalog.record_conversion", Fixture("tc28_standard"), frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.import", None, frozenset({"admin_user"})),
    Row("catalog.export_bulk", None, ALL),
    Row("catalog.export_unlimited", None, frozenset({"admin_user"})),
    Row("catalog.attach_fulltext", None, frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.read_any_text", Fixture("tc28_standard"), frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.set_text_access", Fixture("tc28_standard"), frozenset({"admin_user"})),
    Row("catalog.withdraw", Fixture("tc28_standard"), frozenset({"admin_user"})),
    # Law art. 39: a group standard (T/CAS, registered in 11) by the national administration or Beijing's bureau;
    # ``bureau`` is Jiangsu's; a national standard never by this rule.
    Row("catalog.abolish_group", Fixture("cas_edition"), frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.abolish_group", Fixture("tc28_standard"), frozenset()),
]
