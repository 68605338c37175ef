"""The role × action matrix: every registered rule of every app, with the roles it allows and the roles it
refuses. Each app lists its rows in ``tests/<app>/policy_rows.py`` (see tests/fixtures/policy.py)."""

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

import tests
from biaozhun.accounts import policy
from biaozhun.accounts.models import MembershipRole
from biaozhun.core.actors import SYSTEM, MissingActor
from biaozhun.core.errors import PermissionDeniedError
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.policy import Fixture
from tests.fixtures.roles import ROLE_FIXTURES


def _app_rows() -> list:
    rows = []
    for package in pkgutil.iter_modules([str(Path(tests.__file__).parent)]):
        try:
            module = importlib.import_module(f"tests.{package.name}.policy_rows")
        except ModuleNotFoundError:
            continue
        rows.extend(module.ROWS)
    return rows


TABLE = _app_rows()

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
        with pytest.raises(PermissionDeniedError) as refused:
            policy.require(user, action, target)
        assert refused.value.action == action
        assert action not in refused.value.message  # the person reads what to do, not the rule's code


def test_every_rule_of_every_app_has_a_row_in_the_table():
    assert {row.action for row in TABLE} == set(policy.RULES)


def test_unknown_action_raises_key_error_even_for_the_public():
    user = AnonymousUser()
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
    assert list(policy.visible("accounts.organisations", enterprise_user)) == [enterprise]
    assert not policy.visible("accounts.organisations", registered_user).exists()
    assert not policy.visible("accounts.organisations", public_user).exists()
    assert set(policy.visible("accounts.organisations", admin_user)) >= {enterprise, bureau}


def test_no_actor_is_a_programming_error_not_a_refusal():
    with pytest.raises(MissingActor):
        policy.can(None, "catalog.view")
    with pytest.raises(MissingActor):
        policy.require(None, "development.move", object())


def test_the_system_actor_may_do_every_registered_action():
    assert all(policy.can(SYSTEM, action) for action in policy.RULES)
    with pytest.raises(KeyError):
        policy.can(SYSTEM, "development.mvoe")


def test_an_unknown_filter_raises_key_error():
    with pytest.raises(KeyError):
        policy.visible("catalog.standard", AnonymousUser())


@pytest.mark.django_db
def test_every_standard_in_the_catalogue_is_visible_to_everyone(public_user, admin_user):
    from biaozhun.catalog.models import Standard
    from tests.fixtures.catalog import make_standard

    published = make_standard("GB/T 1-2020")
    for user in (public_user, admin_user):
        assert list(policy.visible("catalog.standards", user)) == [published]
        assert str(policy.visible("catalog.standards", user).query) == str(Standard.objects.all().query)


@pytest.mark.django_db
def test_templates_ask_the_policy_with_the_can_tag(admin_user, registered_user):
    template = Template('{% load policy %}{% can user "catalog.import" as ok %}{{ ok }}')
    assert template.render(Context({"user": admin_user})) == "True"
    assert template.render(Context({"user": registered_user})) == "False"
