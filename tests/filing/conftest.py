"""Filing fixtures of these tests only (the shared ones are in tests/fixtures/filing.py)."""

import pytest

from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.filing.models import IndustryCodeOwner
from tests.factories.accounts import OrganisationFactory, UserFactory


@pytest.fixture
def miit(ministry):
    """The ``ministry`` fixture (JB) also owns QC."""
    IndustryCodeOwner.objects.create(code="QC", organisation=ministry)
    return ministry


@pytest.fixture
def zhejiang_bureau(db):
    return OrganisationFactory(kind=OrganisationKind.BUREAU, uscc="", region_code="33", name="浙江省市场监督管理局")


@pytest.fixture
def zhejiang_user(zhejiang_bureau):
    return UserFactory(member_of=zhejiang_bureau, member_of__role=MembershipRole.MEMBER)
