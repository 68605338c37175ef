"""Role × action rows of law art. 39 on declarations: the national administration and the bureau of the enterprise's
province (``bureau`` is 32; the declaration's enterprise is in 320102) abolish an enterprise standard."""

from tests.fixtures.policy import Fixture, Row

ROWS = [
    Row("declarations.abolish", Fixture("declaration"), frozenset({"bureau_user", "reviewer_user", "admin_user"})),
]
