from tests.fixtures.policy import ALL, SIGNED_IN, Fixture, Row

SECRETARIAT = frozenset({"secretariat_user", "admin_user"})
NATIONAL = frozenset({"reviewer_user", "admin_user"})

ROWS = [
    Row("development.propose", None, SIGNED_IN),
    Row("development.move", Fixture("tc28_project"), SECRETARIAT),
    Row("development.manage", Fixture("tc28_project"), SECRETARIAT),
    Row("development.decide", Fixture("tc28_project"), NATIONAL),
    Row("development.comment", Fixture("tc28_project"), SIGNED_IN),
    Row("development.vote", Fixture("tc28_ballot"), frozenset({"registered_user"})),
    Row("development.see_votes", Fixture("tc28_ballot"), frozenset()),  # nobody before it closes
    Row("development.see_votes", Fixture("tc28_closed_ballot"), ALL),
    Row("development.see_turnout", Fixture("tc28_ballot"), SECRETARIAT),
    Row("development.see_turnout", Fixture("tc28_closed_ballot"), SECRETARIAT | NATIONAL),
    Row("development.see_turnout", Fixture("tc28_closed_ballot_of_registered_user"),
        SECRETARIAT | NATIONAL | {"registered_user"}),
    Row("development.see_roll", Fixture("tc28_ballot"), frozenset()),  # nobody before it closes
    Row("development.see_roll", Fixture("tc28_closed_ballot"), SECRETARIAT | NATIONAL),
    Row("development.see_roll", Fixture("tc28_closed_ballot_of_registered_user"),
        SECRETARIAT | NATIONAL | {"registered_user"}),  # a member of the committee
    Row("development.view_comments", Fixture("tc28_project"), SECRETARIAT | NATIONAL),
    Row("development.view_documents", Fixture("tc28_project"), SECRETARIAT | NATIONAL),
    Row("development.review_standard", Fixture("tc28_committee"), SECRETARIAT),
    Row("development.queue", None, NATIONAL),
    Row("development.work", None, frozenset({"secretariat_user", "admin_user"})),
    Row("development.work", Fixture("tc28_ballot"), frozenset({"secretariat_user", "admin_user", "registered_user"})),
    Row("development.withdraw_publication", Fixture("tc28_project"), frozenset({"admin_user"})),
    Row("development.sweep", None, frozenset({"admin_user"})),
]
