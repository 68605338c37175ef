"""Filing fixtures: the authorities (a ministry owning JB and QC, Jiangsu's bureau, Nanjing's city bureau), their
people, and a helper that builds a valid submission."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.core import clock
from biaozhun.filing.models import IndustryCodeOwner
from biaozhun.filing.services import FilingInput
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.files import real_pdf


@pytest.fixture
def miit(ministry):
    """The ``ministry`` fixture (JB) also owns QC."""
    IndustryCodeOwner.objects.create(code="QC", organisation=ministry)
    return ministry


@pytest.fixture
def nanjing_bureau(db):
    return OrganisationFactory(kind=OrganisationKind.BUREAU, uscc="", region_code="3201", name="南京市市场监督管理局")


@pytest.fixture
def zhejiang_bureau(db):
    return OrganisationFactory(kind=OrganisationKind.BUREAU, uscc="", region_code="33", name="浙江省市场监督管理局")


@pytest.fixture
def nanjing_user(nanjing_bureau):
    return UserFactory(member_of=nanjing_bureau, member_of__role=MembershipRole.MEMBER)


@pytest.fixture
def zhejiang_user(zhejiang_bureau):
    return UserFactory(member_of=zhejiang_bureau, member_of__role=MembershipRole.MEMBER)


def filing_input(identifier: str, *, text: bytes | None = b"", **record: Any) -> FilingInput:
    """A complete submission of `identifier`, published ten days ago; `record` overrides catalogue fields."""
    published = clock.today() - timedelta(days=10)
    year = int(identifier.rsplit("-", 1)[1])
    if year != published.year:
        published = date(year, 6, 1)
    data = {"identifier": identifier, "title_zh": "电动汽车充电站运营管理规范", "scope": "本文件规定了电动汽车充电站的运营管理要求。",
            "published_on": published.isoformat(), "implemented_on": (published + timedelta(days=60)).isoformat(),
            "ccs": "T47", "ics": ["43.120"], "drafting_units": ["江苏省标准化研究院"], "drafters": ["张三"]}
    data.update(record)
    return FilingInput(record=data, approved_by="江苏省市场监督管理局", notice_number="2026年第12号",
                       notice_date=published, text=real_pdf("Standard text") if text == b"" else text)


@pytest.fixture
def make_input():
    return filing_input
