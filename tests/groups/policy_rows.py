from tests.fixtures.policy import ALL, SIGNED_IN, Fixture, Row

# No role fixture is a social organisation's member: the members' own cases (admin, member, another organisation)
# are in tests/groups/test_permissions.py.
ROWS = [
    Row("groups.view", None, ALL),
    Row("groups.register", None, frozenset({"admin_user"})),
    Row("groups.register", Fixture("cas_org"), frozenset({"admin_user"})),
    Row("groups.edit_profile", Fixture("cas"), frozenset({"admin_user"})),
    Row("groups.publish", Fixture("cas"), frozenset({"admin_user"})),
    Row("groups.announce", Fixture("cas"), frozenset({"admin_user"})),
    Row("groups.view_comments", Fixture("open_call"), frozenset({"admin_user"})),
    Row("groups.comment", Fixture("open_call"), SIGNED_IN),
    Row("groups.comment", Fixture("approval_notice"), frozenset()),
    Row("groups.work", None, frozenset({"admin_user"})),
    # The catalogue's rules on a group standard's edition: its organisation's members are added to the usual roles.
    Row("catalog.edit", Fixture("cas_edition"), frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.set_text_access", Fixture("cas_edition"), frozenset({"admin_user"})),
]
