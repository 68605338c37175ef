from tests.fixtures.policy import Fixture, Row

ADMINISTRATION = frozenset({"reviewer_user", "admin_user"})

ROWS = [
    Row("assessments.oversee", None, ADMINISTRATION),
    Row("assessments.assess", None, ADMINISTRATION),
    Row("assessments.assess", Fixture("tc28_committee"), ADMINISTRATION),
    Row("assessments.decide", Fixture("tc28_committee"), frozenset({"admin_user"})),
    Row("assessments.configure", None, frozenset({"admin_user"})),
    Row("assessments.view", Fixture("tc28_committee"), ADMINISTRATION | {"secretariat_user"}),
    Row("assessments.view", Fixture("tc151_committee"), ADMINISTRATION),
    Row("assessments.view", None, ADMINISTRATION),
    Row("assessments.own", None, ADMINISTRATION | {"secretariat_user"}),
]
