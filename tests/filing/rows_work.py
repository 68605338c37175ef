from tests.fixtures.policy import Fixture, Row

WORKERS = frozenset({"bureau_user", "reviewer_user", "admin_user"})
ROWS = [
    Row("filing.work_on", Fixture("bureau_filing"), WORKERS),
    Row("filing.work_on", Fixture("city_filing"), WORKERS),
    Row("filing.work_on", Fixture("accepted_filing"), WORKERS),
]
