from tests.fixtures.policy import ALL, SIGNED_IN, Fixture, Row

STAFF = frozenset({"reviewer_user", "admin_user"})

ROWS = [
    Row("committees.create", None, frozenset({"admin_user"})),
    Row("committees.edit", Fixture("tc28_committee"), frozenset({"admin_user"})),
    Row("committees.decide", Fixture("tc28_committee"), frozenset({"admin_user"})),
    Row("committees.manage", Fixture("tc28_committee"), frozenset({"secretariat_user", "admin_user"})),
    Row("committees.terms", Fixture("tc28_committee"), frozenset({"admin_user"})),
    Row("committees.view_contacts", Fixture("tc28_committee"), SIGNED_IN),
    # Establishment: a State Council department, a provincial bureau, a social organisation's admin, the administration.
    Row("committees.apply", None, frozenset({"ministry_user", "bureau_user", "social_organisation_user", "admin_user"})),
    Row("committees.apply", Fixture("ministry"), frozenset({"ministry_user"})),
    Row("committees.edit_application", Fixture("draft_application"), frozenset({"ministry_user"})),
    Row("committees.propose_change", Fixture("tc28_committee"), frozenset({"secretariat_user", "admin_user"})),
    Row("committees.view_application", Fixture("draft_application"), frozenset({"ministry_user"}) | STAFF),
    Row("committees.view_application", Fixture("notice_application"), ALL),
    Row("committees.comment", Fixture("notice_application"), SIGNED_IN),
    Row("committees.comment", Fixture("draft_application"), frozenset()),
    Row("committees.identify_commenters", Fixture("notice_application"), frozenset({"ministry_user"}) | STAFF),
    Row("committees.review", None, STAFF),
    Row("committees.decide_application", Fixture("submitted_application"), frozenset({"admin_user"})),
]
