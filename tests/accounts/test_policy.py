"""The permission table: every rule with the roles it allows and the roles it refuses.

To add a rule's rows: one ``Row(action, obj, allowed roles)``; every role in ``ROLE_FIXTURES`` not listed is
expected to be refused. ``obj`` is a plain value or ``Fixture("name")`` for an object a fixture provides.
"""

from typing import Any, NamedTuple

import pytest
from django.template import Context, Template

from biaozhun.accounts import policy
from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.core.errors import PermissionDeniedError
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.roles import ROLE_FIXTURES

ALL = frozenset(ROLE_FIXTURES)
SIGNED_IN = ALL - {"public_user", "inactive_user"}


class Fixture(NamedTuple):
    name: str


class Row(NamedTuple):
    action: str
    obj: Any
    allowed: frozenset[str]


TABLE = [
    Row("catalog.view", None, ALL),
    Row("catalog.edit", None, frozenset({"reviewer_user", "admin_user"})),
    Row("catalog.import", None, frozenset({"admin_user"})),
    Row("catalog.export_bulk", None, frozenset({"admin_user"})),
    Row("catalog.attach_fulltext", None, frozenset({"admin_user"})),
    Row("accounts.register", None, frozenset({"public_user", "admin_user"})),
    Row("accounts.create_organisation", None, SIGNED_IN),
    Row("accounts.create_organisation", OrganisationKind.ENTERPRISE, SIGNED_IN),
    Row("accounts.create_organisation", OrganisationKind.TESTING_LAB, SIGNED_IN),
    Row("accounts.create_organisation", OrganisationKind.BUREAU, frozenset({"admin_user"})),
    Row("accounts.create_organisation", OrganisationKind.NATIONAL_ADMINISTRATION, frozenset({"admin_user"})),
    Row("accounts.create_organisation", OrganisationKind.TC_SECRETARIAT, frozenset({"admin_user"})),
    Row("accounts.manage_members", Fixture("enterprise"), frozenset({"enterprise_user", "admin_user"})),
    Row("accounts.manage_members", Fixture("bureau"), frozenset({"admin_user"})),  # bureau_user is a plain member
    Row("accounts.view_organisation", Fixture("enterprise"), frozenset({"enterprise_user", "admin_user"})),
    Row("accounts.view_organisation", Fixture("bureau"), frozenset({"bureau_user", "admin_user"})),
    Row("accounts.manage_token", None, SIGNED_IN),
    Row("accounts.manage_token", Fixture("registered_users_token"), frozenset({"registered_user", "admin_user"})),
    Row("feedback.submit", None, SIGNED_IN),
    Row("development.propose", None, SIGNED_IN),
    Row("development.move", Fixture("tc28_project"), frozenset({"secretariat_user", "admin_user"})),
    Row("development.manage", Fixture("tc28_project"), frozenset({"secretariat_user", "admin_user"})),
    Row("development.decide", Fixture("tc28_project"), frozenset({"reviewer_user", "admin_user"})),
    Row("development.comment", Fixture("tc28_project"), SIGNED_IN),
    Row("development.vote", Fixture("tc28_ballot"), frozenset({"registered_user"})),
    Row("development.view_comments", Fixture("tc28_project"),
        frozenset({"secretariat_user", "reviewer_user", "admin_user"})),
    Row("development.review_standard", Fixture("tc28_committee"), frozenset({"secretariat_user", "admin_user"})),
    Row("development.queue", None, frozenset({"reviewer_user", "admin_user"})),
    Row("committees.create", None, frozenset({"admin_user"})),
    Row("committees.manage", Fixture("tc28_committee"), frozenset({"secretariat_user", "admin_user"})),
    Row("portal.watch", None, SIGNED_IN),
    Row("portal.manage_watch", Fixture("registered_users_watch"), frozenset({"registered_user"})),
]

CASES = [
    pytest.param(
        row.action, row.obj, role, role in row.allowed, id=f"{row.action}-{getattr(row.obj, 'name', row.obj)}-{role}"
    )
    for row in TABLE
    for role in ROLE_FIXTURES
]


def _resolve(request: pytest.FixtureRequest, obj: Any) -> Any:
    if isinstance(obj, Fixture):
        return request.getfixturevalue(obj.name)
    return obj


@pytest.mark.django_db
@pytest.mark.parametrize("action, obj, role, allowed", CASES)
def test_policy_table(request, action, obj, role, allowed):
    user = request.getfixturevalue(role)
    target = _resolve(request, obj)
    assert policy.can(user, action, target) is allowed
    if allowed:
        policy.require(user, action, target)
    else:
        with pytest.raises(PermissionDeniedError, match=action.replace(".", r"\.")):
            policy.require(user, action, target)


def test_every_rule_has_a_row_in_the_table():
    assert {row.action for row in TABLE} == set(policy.RULES)


@pytest.mark.parametrize("user", [None, "public_user"])
def test_unknown_action_raises_key_error_even_for_the_public(request, user):
    if user is not None:
        user = request.getfixturevalue(user)
    with pytest.raises(KeyError):
        policy.can(user, "catalog.edti")
    with pytest.raises(KeyError):
        policy.require(user, "catalog.edti")


@pytest.mark.django_db
def test_unknown_action_raises_key_error_for_administrators(admin_user):
    with pytest.raises(KeyError):
        policy.can(admin_user, "nonsense")


@pytest.mark.django_db
def test_administrator_by_membership_alone_passes_admin_rules(national_administration):
    user = UserFactory(member_of=national_administration, member_of__role=MembershipRole.ADMIN)
    assert not user.is_superuser
    assert policy.can(user, "catalog.import")


@pytest.mark.django_db
def test_a_deactivated_administrator_loses_everything_but_public_actions(admin_user):
    admin_user.is_active = False
    assert not policy.can(admin_user, "catalog.import")
    assert not policy.can(admin_user, "accounts.create_organisation")
    assert policy.can(admin_user, "catalog.view")


@pytest.mark.django_db
def test_another_organisations_admin_cannot_manage_members(enterprise, enterprise_user):
    other = OrganisationFactory()
    assert policy.can(enterprise_user, "accounts.manage_members", enterprise)
    assert not policy.can(enterprise_user, "accounts.manage_members", other)


@pytest.mark.django_db
def test_plain_member_of_an_enterprise_cannot_manage_members(enterprise):
    member = UserFactory(member_of=enterprise, member_of__role=MembershipRole.MEMBER)
    assert policy.can(member, "accounts.view_organisation", enterprise)
    assert not policy.can(member, "accounts.manage_members", enterprise)


@pytest.mark.django_db
def test_visible_organisations(enterprise, bureau, enterprise_user, registered_user, admin_user, public_user):
    assert list(policy.visible_organisations(enterprise_user)) == [enterprise]
    assert not policy.visible_organisations(registered_user).exists()
    assert not policy.visible_organisations(public_user).exists()
    assert set(policy.visible_organisations(admin_user)) >= {enterprise, bureau}


@pytest.mark.django_db
def test_every_standard_is_visible_to_everyone(public_user, admin_user):
    catalog_models = pytest.importorskip("biaozhun.catalog.models")
    for user in (public_user, admin_user):
        assert policy.visible_standards(user).model is catalog_models.Standard
        assert policy.visible_standards(user).query.where.children == []


@pytest.mark.django_db
def test_templates_ask_the_policy_with_the_can_tag(admin_user, registered_user):
    template = Template('{% load policy %}{% can user "catalog.import" as ok %}{{ ok }}')
    assert template.render(Context({"user": admin_user})) == "True"
    assert template.render(Context({"user": registered_user})) == "False"
