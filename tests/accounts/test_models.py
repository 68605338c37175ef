"""Users, organisations and memberships: invariants and the role helpers the policy reads."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from biaozhun.accounts.codes import normalise_region_code, normalise_tc_code, region_covers
from biaozhun.accounts.models import (
    AccountEvent,
    AccountEventKind,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    User,
)
from biaozhun.core.models import AppendOnlyError
from tests.factories.accounts import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Users ----------------------------------------------------------------------------------------
def test_email_is_unique_ignoring_case_and_reported_on_the_field():
    UserFactory(email="Wang.Fang@Example.com")
    other = User(username="other", real_name="李四", email="wang.fang@example.COM", password="x")
    with pytest.raises(ValidationError) as caught:
        other.full_clean()
    assert list(caught.value.message_dict) == ["email"]


def test_the_database_also_refuses_a_duplicate_email_in_another_case():
    UserFactory(email="a@example.com")
    with pytest.raises(IntegrityError):
        User.objects.create(username="b", real_name="乙", email="A@EXAMPLE.COM")


def test_username_is_unique_ignoring_case():
    UserFactory(username="zhangsan")
    with pytest.raises(ValidationError) as caught:
        User(username="ZhangSan", real_name="张三", email="z@example.com", password="x").full_clean()
    assert list(caught.value.message_dict) == ["username"]


def test_email_and_real_name_are_required():
    with pytest.raises(ValidationError) as caught:
        User(username="nobody", password="x").full_clean()
    assert {"email", "real_name"} <= set(caught.value.message_dict)


def test_names_are_the_real_name():
    user = UserFactory.build(real_name="王芳", username="wangfang")
    assert user.get_full_name() == user.get_short_name() == "王芳"
    assert str(user) == "王芳 (wangfang)"


# --- Organisations --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kind, field, value",
    [
        (OrganisationKind.GOVERNMENT_DEPARTMENT, "industry_code", "JB"),
        (OrganisationKind.BUREAU, "region_code", "32"),
        (OrganisationKind.TC_SECRETARIAT, "tc_code", "SAC/TC 28"),
    ],
)
def test_each_scoped_kind_needs_its_code_and_only_it_may_carry_one(kind, field, value):
    with pytest.raises(ValidationError) as caught:
        Organisation(kind=kind, name="某机构").full_clean()
    assert field in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        Organisation(
            kind=OrganisationKind.ENTERPRISE, name="某企业", uscc="91110000600037341L", **{field: value}
        ).full_clean()
    assert field in caught.value.message_dict


def test_codes_are_normalised_before_validation():
    organisation = Organisation(kind=OrganisationKind.TC_SECRETARIAT, name="秘书处", tc_code="sac/tc28 / sc 3")
    organisation.full_clean()
    assert organisation.tc_code == "SAC/TC 28/SC 3"
    bureau = Organisation(kind=OrganisationKind.BUREAU, name="南京市市场监督管理局", region_code="320100")
    bureau.full_clean()
    assert bureau.region_code == "3201"


@pytest.mark.parametrize("value", ["3", "321", "32010101", "JS"])
def test_region_code_must_be_two_or_four_digits(value):
    with pytest.raises(ValidationError) as caught:
        Organisation(kind=OrganisationKind.BUREAU, name="某局", region_code=value).full_clean()
    assert "region_code" in caught.value.message_dict


# --- Memberships ----------------------------------------------------------------------------------
def test_one_membership_per_user_and_organisation():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=membership.user, organisation=membership.organisation)


@pytest.mark.parametrize(
    "trait, role, allowed",
    [
        ({}, MembershipRole.SECRETARY, False),
        ({}, MembershipRole.REVIEWER, False),
        ({"tc_secretariat": True}, MembershipRole.SECRETARY, True),
        ({"national_administration": True}, MembershipRole.REVIEWER, True),
        ({"national_administration": True}, MembershipRole.SECRETARY, False),
    ],
)
def test_special_roles_belong_to_their_kind_of_organisation(trait, role, allowed):
    membership = Membership(user=UserFactory(), organisation=OrganisationFactory(**trait), role=role)
    if allowed:
        membership.full_clean()
    else:
        with pytest.raises(ValidationError) as caught:
            membership.full_clean()
        assert "role" in caught.value.message_dict


# --- Role helpers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bureau_code, code, covered",
    [
        ("32", "32", True),
        ("32", "3201", True),
        ("32", "3213", True),
        ("32", "320100", True),
        ("32", "320000", True),
        ("32", "33", False),
        ("32", "3301", False),
        ("32", "", False),
        ("3201", "3201", True),
        ("3201", "32", False),
        ("3201", "3202", False),
    ],
)
def test_a_province_bureau_covers_its_cities_and_a_city_bureau_only_itself(bureau_code, code, covered):
    assert region_covers(bureau_code, code) is covered
    user = UserFactory(member_of=OrganisationFactory(bureau=True, region_code=bureau_code))
    assert user.is_bureau_for(code) is covered


def test_region_codes_from_gb_t_2260_are_shortened():
    assert normalise_region_code("320000") == "32"
    assert normalise_region_code("320100") == "3201"
    assert normalise_region_code("320102") == "320102"


def test_tc_codes_are_compared_in_canonical_spelling(secretariat_user):
    assert normalise_tc_code("sac／tc  028") == "SAC/TC 28"
    assert secretariat_user.is_secretariat_of("SAC/TC 28")
    assert secretariat_user.is_secretariat_of("sac/tc28")
    assert not secretariat_user.is_secretariat_of("SAC/TC 28/SC 1")
    assert not secretariat_user.is_secretariat_of("SAC/TC 29")


def test_a_plain_member_of_a_secretariat_does_not_act_for_it(tc_secretariat):
    staff = UserFactory(member_of=tc_secretariat, member_of__role=MembershipRole.MEMBER)
    assert not staff.is_secretariat_of("SAC/TC 28")


def test_ministry_and_reviewer_helpers(ministry_user, reviewer_user, admin_user):
    assert ministry_user.is_ministry_for("jb")
    assert not ministry_user.is_ministry_for("HG")
    assert reviewer_user.is_reviewer and not reviewer_user.is_administrator
    assert reviewer_user.is_national_administration_member
    assert admin_user.is_administrator and not admin_user.is_reviewer


def test_administrator_by_membership_without_being_superuser(national_administration):
    user = UserFactory(member_of=national_administration, member_of__role=MembershipRole.ADMIN)
    assert not user.is_superuser
    assert user.is_administrator


def test_memberships_are_read_once_per_instance(enterprise_user, django_assert_num_queries):
    with django_assert_num_queries(1):
        enterprise_user.is_bureau_for("32")
        enterprise_user.is_secretariat_of("SAC/TC 28")
        assert enterprise_user.memberships_of_kind(OrganisationKind.ENTERPRISE)
    enterprise_user.refresh_from_db()
    with django_assert_num_queries(1):
        enterprise_user.is_reviewer  # noqa: B018


# --- Events ---------------------------------------------------------------------------------------
def test_account_events_cannot_be_changed_or_deleted(registered_user):
    event = AccountEvent.objects.create(kind=AccountEventKind.USER_REGISTERED, actor=registered_user)
    event.data = {"tampered": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    event.refresh_from_db()
    assert event.data == {}
