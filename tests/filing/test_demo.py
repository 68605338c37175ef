"""The demo filings that `make run` loads: three ministries and three provinces (one with a city), every state."""

import io

import pytest
from django.core.management import call_command

from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.filing.models import Filing, FilingEventKind, FilingState
from tests.factories.accounts import UserFactory


@pytest.mark.django_db
def test_demo_filings_cover_every_state_for_three_ministries_and_three_provinces(admin_user, national_administration,
                                                                                  search_index):
    UserFactory(username="reviewer", member_of=national_administration, member_of__role=MembershipRole.REVIEWER)
    call_command("load_demo_filings", stdout=io.StringIO())
    assert set(Filing.objects.values_list("state", flat=True)) == set(FilingState.values)
    authorities = set(Filing.objects.values_list("authority__kind", "authority__name", "authority__region_code"))
    assert sum(kind == OrganisationKind.GOVERNMENT_DEPARTMENT for kind, _, _ in authorities) == 3
    assert {code for kind, _, code in authorities if kind == OrganisationKind.BUREAU} == {"32", "33", "44", "3201"}
    accepted = Filing.objects.filter(state=FilingState.ACCEPTED)
    assert all(f.standard_id and f.filing_number for f in accepted)
    assert Filing.objects.filter(days_late__gt=0).exists()
    returned = Filing.objects.get(identifier__startswith="DB32/T 4701-")
    assert returned.events.get(kind=FilingEventKind.RETURNED).data["reasons"][0]["check"] == "wording"
    assert any(c["code"] == "wording" and c["outcome"] == "flag" for c in returned.checks)
    from biaozhun.filing.models import FilingBatch

    assert FilingBatch.objects.get().filed == 2  # 广东's batch, filed as the task files it
    count = Filing.objects.count()
    call_command("load_demo_filings", stdout=io.StringIO())  # idempotent
    assert Filing.objects.count() == count


@pytest.mark.django_db
def test_seeding_the_departments_gives_each_industry_code_one_owner_once():
    from biaozhun.filing.authorities import industry_codes_of
    from biaozhun.filing.models import IndustryCodeOwner

    call_command("filing_seed_authorities", stdout=io.StringIO())
    miit = IndustryCodeOwner.objects.get(code="JB").organisation
    assert miit.name == "工业和信息化部"
    assert {"JB", "QC", "YD", "SJ"} <= industry_codes_of(miit)
    assert IndustryCodeOwner.objects.get(code="YY").organisation.name == "国家药品监督管理局"
    owners = IndustryCodeOwner.objects.count()
    call_command("filing_seed_authorities", stdout=io.StringIO())
    assert IndustryCodeOwner.objects.count() == owners
