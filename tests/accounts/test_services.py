"""Account services: each change writes exactly one event; a refused change writes nothing."""

import pytest
from django.utils import translation

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


# --- update_user and change_user_access -------------------------------------------------------------
def test_an_administrator_updates_details_with_one_event(admin_user, registered_user):
    services.update_user(actor=admin_user, user=registered_user,
                         changes={"real_name": " 王芳 ", "email": "Fang@Example.COM", "phone": registered_user.phone})
    registered_user.refresh_from_db()
    assert (registered_user.real_name, registered_user.email) == ("王芳", "Fang@example.com")
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.target_user) == (AccountEventKind.USER_UPDATED, admin_user, registered_user)
    # The address is kept encrypted on the account: the history says that it changed, not what it is.
    assert event.data == {"before": {"real_name": event.data["before"]["real_name"], "email": "***"},
                          "after": {"real_name": "王芳", "email": "***"}}


def test_updating_details_to_a_taken_email_writes_nothing(admin_user, registered_user, enterprise_user):
    with pytest.raises(ValidationFailed) as caught:
        services.update_user(actor=admin_user, user=registered_user, changes={"email": enterprise_user.email.upper()})
    assert _fields(caught.value) == {"email"}
    assert not AccountEvent.objects.exists()


def test_only_administrators_change_other_peoples_accounts(enterprise_user, registered_user):
    with pytest.raises(PermissionDeniedError):
        services.update_user(actor=enterprise_user, user=registered_user, changes={"real_name": "改名"})
    with pytest.raises(PermissionDeniedError):
        services.change_user_access(actor=enterprise_user, user=registered_user, is_staff=True)
    registered_user.refresh_from_db()
    assert not registered_user.is_staff
    assert not AccountEvent.objects.exists()


def test_granting_access_records_before_and_after(admin_user, registered_user):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="编辑")
    view = Permission.objects.get(content_type__app_label="catalog", codename="view_standard")
    services.change_user_access(actor=admin_user, user=registered_user, is_staff=True, is_active=True,
                                groups=[editors], user_permissions=[view])
    registered_user.refresh_from_db()
    assert registered_user.is_staff and list(registered_user.groups.all()) == [editors]
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.target_user) == (
        AccountEventKind.USER_ACCESS_CHANGED, admin_user, registered_user)
    assert event.data == {
        "before": {"is_staff": False, "groups": [], "user_permissions": []},
        "after": {"is_staff": True, "groups": ["编辑"], "user_permissions": ["catalog.view_standard"]},
    }


def test_granting_what_is_already_there_records_nothing(admin_user, registered_user):
    services.change_user_access(actor=admin_user, user=registered_user, is_active=True, groups=[])
    assert not AccountEvent.objects.exists()


def test_only_a_superuser_grants_superuser_status(national_administration, registered_user):
    administrator = UserFactory(is_staff=True, member_of=national_administration,
                                member_of__role=MembershipRole.ADMIN)  # an administrator, not a superuser
    services.change_user_access(actor=administrator, user=registered_user, is_active=False)  # allowed
    with pytest.raises(PermissionDeniedError, match="超级用户"):
        services.change_user_access(actor=administrator, user=registered_user, is_superuser=True)
    registered_user.refresh_from_db()
    assert not registered_user.is_superuser
    assert AccountEvent.objects.count() == 1

    superuser = UserFactory(is_staff=True, is_superuser=True)
    with pytest.raises(PermissionDeniedError):
        services.change_user_access(actor=administrator, user=superuser, is_active=False)
    superuser.refresh_from_db()
    assert superuser.is_active


@pytest.mark.parametrize("change", [{"is_active": False}, {"is_staff": False}])
def test_an_administrator_cannot_withdraw_their_own_administrator_access(admin_user, change):
    with pytest.raises(ValidationFailed) as caught:
        services.change_user_access(actor=admin_user, user=admin_user, **change)
    assert caught.value.errors[0]["code"] == "own_admin_access"
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.is_staff
    assert not AccountEvent.objects.exists()


def test_an_administrator_by_membership_may_drop_superuser_status(admin_user):
    """admin_user stays an administrator through the national administration, so this is not their last access."""
    services.change_user_access(actor=admin_user, user=admin_user, is_superuser=False)
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser and admin_user.is_administrator


def test_a_superuser_only_by_flag_cannot_drop_it_themself(registered_user):
    registered_user.is_staff = registered_user.is_superuser = True
    registered_user.save()
    with pytest.raises(ValidationFailed):
        services.change_user_access(actor=registered_user, user=registered_user, is_superuser=False)
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.change_user_access(actor=registered_user, user=registered_user, is_superuser=False)
    assert "another administrator" in caught.value.message


# --- update_organisation ------------------------------------------------------------------------------
def test_an_administrator_corrects_an_organisation_with_one_event(admin_user, bureau):
    services.update_organisation(actor=admin_user, organisation=bureau,
                                 changes={"name": "江苏省市场监管局", "region_code": "32"})
    bureau.refresh_from_db()
    assert bureau.name == "江苏省市场监管局"
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.organisation, event.data) == (
        AccountEventKind.ORGANISATION_UPDATED, admin_user, bureau,
        {"before": {"name": "江苏省市场监督管理局"}, "after": {"name": "江苏省市场监管局"}},
    )


def test_an_invalid_organisation_change_writes_nothing(admin_user, bureau):
    with pytest.raises(ValidationFailed) as caught:
        services.update_organisation(actor=admin_user, organisation=bureau, changes={"tc_code": "SAC/TC 28"})
    assert _fields(caught.value) == {"tc_code"}
    assert Organisation.objects.get(pk=bureau.pk).tc_code == ""
    assert not AccountEvent.objects.exists()


def test_an_organisations_own_admin_does_not_change_its_codes(enterprise, enterprise_user):
    with pytest.raises(PermissionDeniedError):
        services.update_organisation(actor=enterprise_user, organisation=enterprise, changes={"uscc": make_uscc(99)})
    assert not AccountEvent.objects.exists()


def test_an_organisations_kind_never_changes(admin_user, enterprise):
    with pytest.raises(ValueError, match="kind"):
        services.update_organisation(actor=admin_user, organisation=enterprise, changes={"kind": "bureau"})
