from tests.fixtures.policy import ALL, Row

ROWS = [
    Row("catalog.view", None, ALL),
    Row("catalog.edit", None, frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.import", None, frozenset({"admin_user"})),
    Row("catalog.export_bulk", None, frozenset({"admin_user"})),
    Row("catalog.attach_fulltext", None, frozenset({"admin_user"})),
]
