"""Role rows of the standard systems' and programme tags' rules (tests/accounts/test_policy.py)."""

from tests.fixtures.policy import Fixture, Row

ADMINISTRATION = frozenset({"reviewer_user", "admin_user"})

ROWS = [
    Row("systems.create", None, ADMINISTRATION | {"secretariat_user", "ministry_user"}),
    Row("systems.edit", Fixture("tc28_system"), ADMINISTRATION | {"secretariat_user"}),
    Row("systems.edit", Fixture("department_system"), ADMINISTRATION | {"ministry_user"}),
    Row("systems.manage_tags", None, frozenset({"admin_user"})),
    Row("systems.tag_standard", Fixture("tc28_standard"), ADMINISTRATION | {"secretariat_user"}),
    Row("systems.tag_standard", Fixture("tc151_standard"), ADMINISTRATION),
    Row("systems.tag_standard", None, ADMINISTRATION | {"secretariat_user"}),  # some standard: the tags page
    Row("systems.tag_project", Fixture("tc28_tagged_project"), ADMINISTRATION | {"secretariat_user"}),
    Row("systems.tag_project", None, ADMINISTRATION | {"secretariat_user"}),
    Row("systems.carry_tags", None, frozenset({"admin_user"})),  # by hand; the platform runs it
]
