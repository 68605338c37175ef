"""Who is told: each citing standard's owner by its tier (decision 0031), and the national administration for what
has nobody else."""

import pytest

from biaozhun.accounts.models import OrganisationKind
from biaozhun.catalog.models import Standard
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.declarations.models import EnterpriseProfile
from biaozhun.filing.services import accept_filing, submit_filing
from biaozhun.propagation.models import Flag
from tests.factories.accounts import OrganisationFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.filing import filing_input
from tests.fixtures.propagation import abolish, propagate

pytestmark = pytest.mark.django_db
CITED = "GB/T 42001-2010"


@pytest.fixture
def cited(db):
    return make_standard(CITED, published_on="2010-01-01", implemented_on="2010-06-01")


def owners_after_abolition(cited) -> dict[str, int | None]:
    abolish(cited)
    propagate()
    return dict(Flag.objects.values_list("reference", "owner_id"))


def test_a_national_standard_goes_to_its_committee_secretariat_and_a_subcommittee_without_one_to_its_tc(
        cited, tc_secretariat):
    make_standard("GB/T 42002-2016", tc_code="SAC/TC 28", references=[CITED])
    make_standard("GB/T 42003-2016", tc_code="sac/tc28/sc 7", references=[CITED])
    owners = owners_after_abolition(cited)
    assert owners == {"GB/T 42002-2016": tc_secretariat.pk, "GB/T 42003-2016": tc_secretariat.pk}


def test_a_committee_s_own_secretariat_wins_over_another_organisation_with_its_code(cited, tc_secretariat):
    office = OrganisationFactory(kind=OrganisationKind.TC_SECRETARIAT, uscc="", tc_code="SAC/TC 999",
                                 name="承担单位")
    committee = create_committee(actor=SYSTEM, code="SAC/TC 999", name_zh="全国测试标准化技术委员会")
    committee.secretariat = office  # set-up: the registry's secretariat column
    committee.save(update_fields=["secretariat"])
    OrganisationFactory(kind=OrganisationKind.TC_SECRETARIAT, uscc="", tc_code="SAC/TC 999", name="另一单位")
    make_standard("GB/T 42004-2016", tc_code="SAC/TC 999", references=[CITED])
    assert owners_after_abolition(cited) == {"GB/T 42004-2016": office.pk}


def test_without_a_secretariat_a_national_standard_goes_to_its_competent_department(cited, ministry,
                                                                                    national_administration):
    make_standard("GB/T 42005-2016", tc_code="SAC/TC 777", competent_department=ministry.name, references=[CITED])
    make_standard("GB/T 42006-2016", tc_code="SAC/TC 777", competent_department="某部", references=[CITED])
    assert owners_after_abolition(cited) == {"GB/T 42005-2016": ministry.pk,
                                             "GB/T 42006-2016": national_administration.pk}


def test_a_filed_industry_standard_goes_to_the_authority_that_filed_it(cited, ministry, ministry_user, reviewer_user):
    filing = submit_filing(actor=ministry_user, authority=ministry, data=filing_input(
        "JB/T 42007-2026", references=[CITED]))
    accept_filing(actor=reviewer_user, filing=filing)
    assert owners_after_abolition(cited) == {"JB/T 42007-2026": ministry.pk}


def test_an_unfiled_industry_standard_goes_to_the_ministry_of_its_code(cited, ministry):
    make_standard("JB/T 42008-2016", references=[CITED])
    assert owners_after_abolition(cited) == {"JB/T 42008-2016": ministry.pk}


def test_a_local_standard_goes_to_its_city_bureau_else_its_province(cited, bureau, nanjing_bureau):
    make_standard("DB3201/T 42009-2016", references=[CITED])
    make_standard("DB3202/T 42010-2016", references=[CITED])
    assert owners_after_abolition(cited) == {"DB3201/T 42009-2016": nanjing_bureau.pk,
                                             "DB3202/T 42010-2016": bureau.pk}


def test_a_group_standard_goes_to_its_social_organisation(cited, own_group, social_organisation):
    make_standard("T/BZXH 42011-2020", references=[CITED])
    assert owners_after_abolition(cited) == {"T/BZXH 42011-2020": social_organisation.pk}


def test_an_enterprise_standard_goes_to_the_enterprise_of_its_code(cited, enterprise):
    EnterpriseProfile.objects.create(organisation=enterprise, region_code="320102", standard_code="QYDH")
    make_standard("Q/QYDH 42012-2021", references=[CITED])
    assert owners_after_abolition(cited) == {"Q/QYDH 42012-2021": enterprise.pk}


def test_what_has_no_owner_goes_to_the_national_administration(cited, national_administration):
    make_standard("T/NOBODY 42013-2020", references=[CITED])
    make_standard("DB65/T 42014-2019", references=[CITED])
    assert set(owners_after_abolition(cited).values()) == {national_administration.pk}


def test_without_a_national_administration_a_flag_waits_without_owner(cited):
    make_standard("T/NOBODY 42015-2020", references=[CITED])
    assert owners_after_abolition(cited) == {"T/NOBODY 42015-2020": None}
    assert Standard.objects.filter(identifier="T/NOBODY 42015-2020").exists()
