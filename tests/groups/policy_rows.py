"""Rows of the role × action matrix for groups (tests/accounts/test_policy.py). ``social_organisation_user`` is the
admin of a social organisation: its own entry (``own_group``) and 征求意见 (``own_group_call``) beside CAS's, which is
another organisation's. The members' other cases (a plain member, another organisation's admin) are in
tests/groups/test_permissions.py."""

from tests.fixtures.policy import ALL, SIGNED_IN, Fixture, Row

ADMIN = frozenset({"admin_user"})
OWN = frozenset({"admin_user", "social_organisation_user"})

ROWS = [
    Row("groups.view", None, ALL),
    Row("groups.register", None, OWN),  # may open the form: an admin of some social organisation
    Row("groups.register", Fixture("cas_org"), ADMIN),
    Row("groups.register", Fixture("social_organisation"), OWN),
    Row("groups.register", Fixture("enterprise"), ADMIN),  # not a social organisation: its admin may not
    Row("groups.edit_profile", Fixture("cas"), ADMIN),
    Row("groups.edit_profile", Fixture("own_group"), OWN),
    Row("groups.publish", Fixture("cas"), ADMIN),
    Row("groups.publish", Fixture("own_group"), OWN),
    Row("groups.announce", Fixture("cas"), ADMIN),
    Row("groups.announce", Fixture("own_group"), OWN),
    Row("groups.view_comments", Fixture("open_call"), ADMIN),
    Row("groups.view_comments", Fixture("own_group_call"), OWN),
    Row("groups.identify_commenters", Fixture("open_call"), ADMIN),
    Row("groups.identify_commenters", Fixture("own_group_call"), OWN),
    Row("groups.comment", Fixture("open_call"), SIGNED_IN),
    Row("groups.comment", Fixture("own_group_call"), SIGNED_IN),  # its own organisation's people may comment too
    Row("groups.comment", Fixture("approval_notice"), frozenset()),
    Row("groups.work", None, OWN),
    # The catalogue's rules on a group standard's edition: its organisation's members are added to the usual roles.
    Row("catalog.edit", Fixture("cas_edition"), frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.edit", Fixture("own_group_edition"), frozenset({"reviewer_user", "admin_user",
                                                                  "social_organisation_user"})),
    Row("catalog.set_text_access", Fixture("cas_edition"), ADMIN),
    Row("catalog.set_text_access", Fixture("own_group_edition"), OWN),
]
