"""Social organisations for the groups tests: 中国标准化协会 (CAS) registered with its admin and a member, and a
second organisation (CESA) with its own admin; everything set up through the services, as in production."""

from __future__ import annotations

from datetime import date

import pytest

from biaozhun.accounts.models import MembershipRole
from biaozhun.core.actors import SYSTEM
from biaozhun.groups.services import (
    AnnouncementInput,
    GroupStandardInput,
    ProfileInput,
    post_announcement,
    publish_group_standard,
    register_group,
)
from tests.factories.accounts import OrganisationFactory, UserFactory, make_uscc


def profile_input(code: str = "CAS", **changes) -> ProfileInput:
    values = {"code": code, "registration_authority": "中华人民共和国民政部", "region": "11", "industry": "M74",
              "supervising_unit": "国家市场监督管理总局"}
    return ProfileInput(**{**values, **changes})


def standard_input(number: str = "115", year: int = 2026, **changes) -> GroupStandardInput:
    values = {"number": number, "year": year, "title_zh": "绿色建材评价 预拌混凝土", "main_content": "规定了预拌混凝土绿色评价的指标和方法。",
              "published_on": date(year, 3, 1), "implemented_on": date(year, 4, 1)}
    return GroupStandardInput(**{**values, **changes})


def comment_input(start: date, end: date, **changes) -> AnnouncementInput:
    values = {"kind": "draft_for_comment", "title": "关于《团体标准 智能家居 互联互通》征求意见的通知",
              "standard_title": "智能家居 互联互通", "body": "请于截止日期前反馈意见。", "comment_start": start,
              "comment_end": end}
    return AnnouncementInput(**{**values, **changes})


@pytest.fixture
def cas_org(db):
    return OrganisationFactory(social_organisation=True, name="中国标准化协会", uscc=make_uscc(901, region="110000"))


@pytest.fixture
def cas_admin(cas_org):
    return UserFactory(member_of=cas_org, member_of__role=MembershipRole.ADMIN)


@pytest.fixture
def cas_member(cas_org):
    return UserFactory(member_of=cas_org, member_of__role=MembershipRole.MEMBER)


@pytest.fixture
def cas(cas_org, cas_admin):
    return register_group(actor=cas_admin, organisation=cas_org, data=profile_input("CAS"))


@pytest.fixture
def cesa_org(db):
    return OrganisationFactory(social_organisation=True, name="中国电子工业标准化技术协会",
                               uscc=make_uscc(902, region="110000"))


@pytest.fixture
def cesa_admin(cesa_org):
    return UserFactory(member_of=cesa_org, member_of__role=MembershipRole.ADMIN)


@pytest.fixture
def cesa(cesa_org, cesa_admin):
    return register_group(actor=cesa_admin, organisation=cesa_org,
                          data=profile_input("CESA", region="11", industry="I65"))


@pytest.fixture
def cas_standard(cas, cas_member):
    return publish_group_standard(actor=cas_member, profile=cas, data=standard_input())


@pytest.fixture
def open_call(cas, cas_member):
    """A 征求意见 of CAS whose period runs from today for 30 days."""
    from datetime import timedelta

    from biaozhun.core import clock

    today = clock.today()
    return post_announcement(actor=cas_member, profile=cas, data=comment_input(today, today + timedelta(days=30)))


@pytest.fixture
def approval_notice(cas):
    return post_announcement(actor=SYSTEM, profile=cas, data=AnnouncementInput(
        kind="project_approval", title="关于《团体标准 绿色建材评价》立项的公告", standard_title="绿色建材评价",
        body="经审查，同意立项。"))
