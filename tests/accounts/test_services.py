"""Account services: each change writes exactly one event; a refused change writes nothing."""

import pytest

from biaozhun.accounts import services
from biaozhun.accounts.models import (
    AccountEvent,
    AccountEventKind,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    User,
)
from biaozhun.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from tests.factories.accounts import UserFactory, make_uscc

pytestmark = pytest.mark.django_db

PASSWORD = "Zhun-bei-2019!"


def _fields(error: ValidationFailed) -> set[str | None]:
    return {problem["field"] for problem in error.errors}


# --- register_user --------------------------------------------------------------------------------
def test_register_user_creates_a_hashed_account_and_one_event(public_user):
    user = services.register_user(
        actor=public_user, username="wangfang", email="Wang.Fang@Example.com", real_name="王芳", password=PASSWORD
    )
    assert user.password != PASSWORD
    assert user.check_password(PASSWORD)
    assert user.email == "Wang.Fang@example.com"  # the domain is normalised
    assert list(AccountEvent.objects.values_list("kind", "actor", "target_user", "data")) == [
        (AccountEventKind.USER_REGISTERED, user.pk, user.pk, {"username": "wangfang", "self_registered": True})
    ]


def test_register_user_refuses_an_email_taken_in_another_case(public_user):
    UserFactory(email="li@example.com")
    with pytest.raises(ValidationFailed) as caught:
        services.register_user(
            actor=public_user, username="li2", email="LI@example.com", real_name="李", password=PASSWORD
        )
    assert _fields(caught.value) == {"email"}
    assert not AccountEvent.objects.exists()
    assert not User.objects.filter(username="li2").exists()


def test_register_user_reports_a_weak_password_with_other_problems_at_once(public_user):
    with pytest.raises(ValidationFailed) as caught:
        services.register_user(actor=public_user, username="zhao", email="not-an-email", real_name="赵", password="123")
    assert _fields(caught.value) == {"email", "password"}
    assert not AccountEvent.objects.exists()


def test_a_signed_in_non_administrator_cannot_register_others(registered_user):
    with pytest.raises(PermissionDeniedError):
        services.register_user(
            actor=registered_user, username="x", email="x@example.com", real_name="X", password=PASSWORD
        )
    assert not AccountEvent.objects.exists()


def test_an_administrator_registers_someone_else_and_is_the_actor(admin_user):
    user = services.register_user(
        actor=admin_user, username="x", email="x@example.com", real_name="X", password=PASSWORD
    )
    event = AccountEvent.objects.get()
    assert (event.actor, event.target_user, event.data["self_registered"]) == (admin_user, user, False)


# --- create_organisation --------------------------------------------------------------------------
def test_create_organisation_makes_the_creator_its_admin_with_one_event(registered_user):
    uscc = make_uscc(7)
    organisation = services.create_organisation(
        actor=registered_user, kind=OrganisationKind.ENTERPRISE, name=" 某某科技有限公司 ", uscc=uscc.lower()
    )
    assert (organisation.name, organisation.uscc) == ("某某科技有限公司", uscc)
    assert registered_user.role_in(organisation) == MembershipRole.ADMIN
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.organisation) == (
        AccountEventKind.ORGANISATION_CREATED,
        registered_user,
        organisation,
    )
    assert event.data == {"kind": "enterprise", "name": "某某科技有限公司", "uscc": uscc, "founder_role": "admin"}


def test_create_organisation_with_a_bad_uscc_writes_nothing(registered_user):
    with pytest.raises(ValidationFailed) as caught:
        services.create_organisation(
            actor=registered_user, kind=OrganisationKind.ENTERPRISE, name="某企业", uscc="91110000600037341M"
        )
    assert [(p["field"], p["code"]) for p in caught.value.errors] == [("uscc", "uscc_checksum")]
    assert not Organisation.objects.exists()
    assert not AccountEvent.objects.exists()


@pytest.mark.parametrize("actor", ["public_user", "inactive_user", "enterprise_user"])
def test_only_administrators_create_a_bureau(request, actor):
    user = request.getfixturevalue(actor)
    before = Organisation.objects.count()
    with pytest.raises(PermissionDeniedError):
        services.create_organisation(actor=user, kind=OrganisationKind.BUREAU, name="某局", region_code="32")
    assert Organisation.objects.count() == before
    assert not AccountEvent.objects.exists()


def test_an_administrator_creates_a_bureau_without_joining_it(admin_user):
    bureau = services.create_organisation(
        actor=admin_user,
        kind=OrganisationKind.BUREAU,
        name="南京市市场监督管理局",
        region_code="320100",
        join_as_admin=False,
    )
    assert bureau.region_code == "3201"
    assert not bureau.memberships.exists()
    assert AccountEvent.objects.get().data["founder_role"] is None


# --- memberships ----------------------------------------------------------------------------------
def test_an_org_admin_adds_a_member_with_one_event(enterprise, enterprise_user, registered_user):
    membership = services.add_member(actor=enterprise_user, organisation=enterprise, user=registered_user)
    assert membership.role == MembershipRole.MEMBER
    assert registered_user.role_in(enterprise) == MembershipRole.MEMBER
    assert list(AccountEvent.objects.values_list("kind", "actor", "target_user", "organisation", "data")) == [
        (AccountEventKind.MEMBER_ADDED, enterprise_user.pk, registered_user.pk, enterprise.pk, {"role": "member"})
    ]


def test_a_plain_member_cannot_add_members(enterprise, registered_user):
    member = UserFactory(member_of=enterprise, member_of__role=MembershipRole.MEMBER)
    with pytest.raises(PermissionDeniedError):
        services.add_member(actor=member, organisation=enterprise, user=registered_user)
    assert not Membership.objects.filter(user=registered_user).exists()
    assert not AccountEvent.objects.exists()


def test_adding_an_existing_member_is_refused(enterprise, enterprise_user):
    with pytest.raises(ValidationFailed) as caught:
        services.add_member(actor=enterprise_user, organisation=enterprise, user=enterprise_user)
    assert _fields(caught.value) == {None}
    assert not AccountEvent.objects.exists()


def test_a_role_must_suit_the_organisation(enterprise, enterprise_user, registered_user):
    with pytest.raises(ValidationFailed) as caught:
        services.add_member(
            actor=enterprise_user, organisation=enterprise, user=registered_user, role=MembershipRole.REVIEWER
        )
    assert _fields(caught.value) == {"role"}
    assert not AccountEvent.objects.exists()


def test_an_inactive_user_cannot_join(enterprise, enterprise_user, inactive_user):
    with pytest.raises(ValidationFailed):
        services.add_member(actor=enterprise_user, organisation=enterprise, user=inactive_user)
    assert not AccountEvent.objects.exists()


def test_administrators_staff_a_secretariat(tc_secretariat, admin_user, registered_user):
    services.add_member(actor=admin_user, organisation=tc_secretariat, user=registered_user, role="secretary")
    assert registered_user.is_secretariat_of("SAC/TC 28")


def test_change_member_role_records_from_and_to(enterprise, enterprise_user, registered_user):
    services.add_member(actor=enterprise_user, organisation=enterprise, user=registered_user)
    services.change_member_role(
        actor=enterprise_user, organisation=enterprise, user=registered_user, role=MembershipRole.ADMIN
    )
    event = AccountEvent.objects.latest("id")
    assert (event.kind, event.data) == (AccountEventKind.MEMBER_ROLE_CHANGED, {"from": "member", "to": "admin"})
    assert AccountEvent.objects.count() == 2


def test_changing_to_the_same_role_records_nothing(enterprise, enterprise_user):
    services.change_member_role(actor=enterprise_user, organisation=enterprise, user=enterprise_user, role="admin")
    assert not AccountEvent.objects.exists()


def test_the_last_admin_can_be_neither_demoted_nor_removed(enterprise, enterprise_user):
    with pytest.raises(ValidationFailed, match="至少"):
        services.change_member_role(actor=enterprise_user, organisation=enterprise, user=enterprise_user, role="member")
    with pytest.raises(ValidationFailed, match="至少"):
        services.remove_member(actor=enterprise_user, organisation=enterprise, user=enterprise_user)
    assert enterprise_user.role_in(enterprise) == MembershipRole.ADMIN
    assert not AccountEvent.objects.exists()


def test_remove_member_writes_one_event(enterprise, enterprise_user):
    member = UserFactory(member_of=enterprise)
    services.remove_member(actor=enterprise_user, organisation=enterprise, user=member)
    assert member.role_in(enterprise) is None
    assert list(AccountEvent.objects.values_list("kind", "data")) == [
        (AccountEventKind.MEMBER_REMOVED, {"role": "member"})
    ]


def test_removing_someone_who_is_not_a_member_is_not_found(enterprise, enterprise_user, registered_user):
    with pytest.raises(NotFoundError):
        services.remove_member(actor=enterprise_user, organisation=enterprise, user=registered_user)
    assert not AccountEvent.objects.exists()


def test_a_refused_membership_change_writes_nothing(enterprise, registered_user):
    member = UserFactory(member_of=enterprise)
    with pytest.raises(PermissionDeniedError):
        services.remove_member(actor=registered_user, organisation=enterprise, user=member)
    with pytest.raises(PermissionDeniedError):
        services.change_member_role(actor=registered_user, organisation=enterprise, user=member, role="admin")
    assert member.role_in(enterprise) == MembershipRole.MEMBER
    assert not AccountEvent.objects.exists()
