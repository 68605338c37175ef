"""The groups rules for the people they are about: a social organisation's admin, its plain member, another
organisation's admin and a registered person (the role fixtures of the matrix have no social organisation)."""

import pytest

from biaozhun.accounts import policy

pytestmark = pytest.mark.django_db

PEOPLE = ("cas_admin", "cas_member", "cesa_admin", "registered_user")
CASES = [
    ("groups.register", "cas_org", {"cas_admin"}),
    ("groups.edit_profile", "cas", {"cas_admin"}),
    ("groups.publish", "cas", {"cas_admin", "cas_member"}),
    ("groups.announce", "cas", {"cas_admin", "cas_member"}),
    ("groups.view_comments", "open_call", {"cas_admin", "cas_member"}),
    ("groups.identify_commenters", "open_call", {"cas_admin", "cas_member"}),
    ("groups.comment", "open_call", set(PEOPLE)),
    ("groups.work", None, {"cas_admin", "cas_member", "cesa_admin"}),
    ("catalog.edit", "cas_edition", {"cas_admin", "cas_member"}),
    ("catalog.attach_fulltext", "cas_edition", {"cas_admin", "cas_member"}),
    ("catalog.set_text_access", "cas_edition", {"cas_admin", "cas_member"}),
    ("catalog.edit", "tc28_standard", set()),
    ("catalog.edit", None, set()),
    ("catalog.review", "cas_edition", set()),
]


@pytest.mark.parametrize("action, target, allowed", CASES, ids=[f"{a}-{t}" for a, t, _ in CASES])
@pytest.mark.parametrize("person", PEOPLE)
def test_the_groups_rules_for_members_and_others(request, cesa, action, target, allowed, person):
    obj = request.getfixturevalue(target) if target else None
    assert policy.can(request.getfixturevalue(person), action, obj) is (person in allowed)
