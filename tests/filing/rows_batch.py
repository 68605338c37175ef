from tests.fixtures.policy import Fixture, Row

ROWS = [
    Row("filing.submit_batch", Fixture("bureau"), frozenset({"bureau_user"})),
    Row("filing.submit_batch", Fixture("ministry"), frozenset({"ministry_user"})),
    Row("filing.submit_batch", Fixture("enterprise"), frozenset()),
    Row("filing.view_batch", Fixture("bureau_batch"), frozenset({"bureau_user", "admin_user"})),
]
