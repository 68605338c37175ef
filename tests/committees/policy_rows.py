from tests.fixtures.policy import Fixture, Row

ROWS = [
    Row("committees.create", None, frozenset({"admin_user"})),
    Row("committees.edit", Fixture("tc28_committee"), frozenset({"admin_user"})),
    Row("committees.decide", Fixture("tc28_committee"), frozenset({"admin_user"})),
    Row("committees.manage", Fixture("tc28_committee"), frozenset({"secretariat_user", "admin_user"})),
]
