"""Rows of the role × action matrix for the declarations work side (the enterprises, their overseers)."""

from tests.fixtures.policy import ALL, Fixture, Row

ENTERPRISE = frozenset({"enterprise_user"})
OVERSEERS = frozenset({"enterprise_user", "bureau_user", "reviewer_user", "admin_user"})
ROWS = [
    Row("declarations.work", None, frozenset({"enterprise_user", "reviewer_user", "admin_user"})),
    Row("declarations.edit_profile", Fixture("enterprise"), ENTERPRISE),
    Row("declarations.manage_products", Fixture("enterprise"), ENTERPRISE),
    Row("declarations.declare", Fixture("enterprise"), ENTERPRISE),
    Row("declarations.import", Fixture("enterprise"), ENTERPRISE),
    Row("declarations.revise", Fixture("declaration"), ENTERPRISE),
    Row("declarations.withdraw", Fixture("declaration"), ENTERPRISE),
    Row("declarations.work_on", Fixture("declaration"), OVERSEERS),
    Row("declarations.view", Fixture("declaration"), ALL),
    Row("declarations.view", Fixture("withdrawn_declaration"), OVERSEERS),
    Row("declarations.view_enterprise", Fixture("enterprise"), frozenset({"enterprise_user", "reviewer_user",
                                                                         "admin_user"})),
    Row("declarations.view_enterprise", Fixture("profiled_enterprise"), frozenset({
        "enterprise_user", "bureau_user", "reviewer_user", "admin_user"})),
    Row("declarations.edit_limits", None, frozenset({"admin_user"})),
]
