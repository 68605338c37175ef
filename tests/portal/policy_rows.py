from tests.fixtures.policy import SIGNED_IN, Fixture, Row

ROWS = [
    Row("portal.watch", None, SIGNED_IN),
    Row("portal.manage_watch", Fixture("registered_users_watch"), frozenset({"registered_user"})),
]
