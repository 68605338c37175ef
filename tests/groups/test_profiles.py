"""A social organisation's admin registers its entry with a group code; the code is checked against standard codes
and other organisations' codes; refusals write nothing."""

import pytest

from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.groups.models import GroupEvent, GroupProfile
from biaozhun.groups.services import AlreadyRegistered, StaleProfile, register_group, update_group
from tests.factories.accounts import OrganisationFactory
from tests.fixtures.groups import profile_input

pytestmark = pytest.mark.django_db


def fields(refusal) -> dict[str, str]:
    return {problem["field"]: problem["message"] for problem in refusal.value.errors}


def test_an_admin_registers_the_organisation_with_its_code_region_and_industry(cas_org, cas_admin):
    profile = register_group(actor=cas_admin, organisation=cas_org, data=profile_input(" t/cas "))
    assert (profile.code, profile.region_id, profile.province_id) == ("CAS", "11", "11")
    assert (profile.industry_id, profile.industry_section_id) == ("M74", "M")
    event = GroupEvent.objects.get(profile=profile)
    assert (event.kind, event.actor, event.data["code"]) == ("registered", cas_admin, "CAS")


def test_a_city_region_counts_for_its_province(cas_org, cas_admin):
    profile = register_group(actor=cas_admin, organisation=cas_org, data=profile_input(region="3201", industry="C"))
    assert (profile.province_id, profile.industry_section_id) == ("32", "C")


@pytest.mark.parametrize("actor", ["cas_member", "registered_user", "enterprise_user", "cesa_admin"])
def test_only_the_organisations_admin_registers_it_and_a_refusal_writes_nothing(request, cas_org, actor):
    with pytest.raises(PermissionDeniedError):
        register_group(actor=request.getfixturevalue(actor), organisation=cas_org, data=profile_input())
    assert not GroupProfile.objects.exists() and not GroupEvent.objects.exists()


def test_an_enterprise_cannot_register_as_a_social_organisation(enterprise, enterprise_user, admin_user):
    with pytest.raises(PermissionDeniedError):
        register_group(actor=enterprise_user, organisation=enterprise, data=profile_input())
    with pytest.raises(ValidationFailed):
        register_group(actor=admin_user, organisation=enterprise, data=profile_input())
    assert not GroupProfile.objects.exists()


@pytest.mark.parametrize("code, field_says", [
    ("GB", "国家标准"), ("GBT", "国家标准"), ("JB", "行业标准代号"), ("JGJ", "行业标准代号"), ("DB32", "地方标准"),
    ("C", "2 至 10"), ("1CAS", "字母开头"), ("CA-S", "不能包含“-”"),
])
def test_a_code_that_clashes_or_is_malformed_is_refused_on_the_code_field(cas_org, cas_admin, code, field_says):
    with pytest.raises(ValidationFailed) as refused:
        register_group(actor=cas_admin, organisation=cas_org, data=profile_input(code))
    assert field_says in fields(refused)["code"]
    assert not GroupProfile.objects.exists()


def test_another_organisations_code_is_refused_whatever_case_is_typed(cas, cesa_org, cesa_admin):
    with pytest.raises(ValidationFailed) as refused:
        register_group(actor=cesa_admin, organisation=cesa_org, data=profile_input("cas"))
    assert "已被其他社会团体使用" in fields(refused)["code"]
    assert GroupProfile.objects.count() == 1


def test_every_missing_field_is_named_at_once(cas_org, cas_admin):
    with pytest.raises(ValidationFailed) as refused:
        register_group(actor=cas_admin, organisation=cas_org, data=profile_input(
            registration_authority=" ", region="99", industry="Z", website="ftp://x"))
    assert set(fields(refused)) == {"registration_authority", "region", "industry", "website"}


def test_an_organisation_registers_once(cas, cas_org, cas_admin):
    with pytest.raises(AlreadyRegistered):
        register_group(actor=cas_admin, organisation=cas_org, data=profile_input("CAS2"))


def test_an_admin_edits_the_entry_and_the_event_keeps_before_and_after(cas, cas_admin):
    profile = update_group(actor=cas_admin, profile=cas, expected_version=1,
                           data=profile_input(supervising_unit="中国科学技术协会"))
    assert profile.version == 2
    event = GroupEvent.objects.filter(profile=cas).last()
    assert event.kind == "updated"
    assert event.data == {"before": {"supervising_unit": "国家市场监督管理总局"},
                          "after": {"supervising_unit": "中国科学技术协会"}}


def test_an_edit_over_a_newer_version_is_refused(cas, cas_admin):
    update_group(actor=cas_admin, profile=cas, expected_version=1, data=profile_input(supervising_unit="甲"))
    with pytest.raises(StaleProfile):
        update_group(actor=cas_admin, profile=cas, expected_version=1, data=profile_input(supervising_unit="乙"))


def test_a_member_who_is_not_admin_cannot_edit_the_entry(cas, cas_member):
    with pytest.raises(PermissionDeniedError):
        update_group(actor=cas_member, profile=cas, expected_version=1, data=profile_input(supervising_unit="乙"))
    assert GroupEvent.objects.filter(profile=cas).count() == 1


def test_the_code_is_fixed_once_a_standard_carries_it(cas, cas_admin, cas_standard):
    with pytest.raises(ValidationFailed) as refused:
        update_group(actor=cas_admin, profile=cas, expected_version=1, data=profile_input("CASX"))
    assert "不能修改团体代号" in fields(refused)["code"]


def test_the_database_refuses_a_second_organisation_with_the_same_code_in_another_case(cas):
    from django.db import IntegrityError, transaction

    other = OrganisationFactory(social_organisation=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupProfile.objects.create(organisation=other, code="cas", registration_authority="x", region_id="11",
                                    province_id="11", industry_id="M", industry_section_id="M")
