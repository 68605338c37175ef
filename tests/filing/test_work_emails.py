"""Who is emailed about a filing, in their own language, once the change is committed: the authority's members
when their filing is returned or accepted, the province bureau's members when one of its cities files; and the
reviewers' daily reminder, scheduled with the other daily tasks."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from biaozhun.accounts.models import MembershipRole
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.filing.models import FilingEventKind
from biaozhun.filing.services import accept_filing, return_city_filing, return_filing, submit_filing
from tests.factories.accounts import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_colleague(bureau):
    """A second member of 江苏's bureau, who reads English."""
    return UserFactory(member_of=bureau, member_of__role=MembershipRole.ADMIN, language="en",
                       email="colleague@example.com")


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_the_authoritys_members_are_emailed_a_return_each_in_their_language(
        client, bureau_filing, bureau_user, english_colleague, reviewer_user, zhejiang_user,
        django_capture_on_commit_callbacks):
    client.force_login(reviewer_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/filing/work/{bureau_filing.pk}/return/", {"reason_coordination": "与国家标准重复",
                                                                   "general": "请补充编制说明"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([bureau_user.email, english_colleague.email])
    chinese, = mails_to(bureau_user.email)
    assert "DB32/T 4001-2026" in chinese.subject
    assert "协调性：与国家标准重复" in chinese.body and "请补充编制说明" in chinese.body
    assert f"/filing/work/{bureau_filing.pk}/" in chinese.body
    assert chinese.body.startswith(f"{bureau_user.real_name}，您好：")
    english, = mails_to(english_colleague.email)
    assert english.body.startswith(f"Dear {english_colleague.real_name},")


def test_the_authoritys_members_are_emailed_the_acceptance_with_its_number(bureau_filing, bureau_user,
                                                                          reviewer_user,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        accepted = accept_filing(actor=reviewer_user, filing=bureau_filing)
    message, = mail.outbox
    assert message.to == [bureau_user.email] and accepted.filing_number in message.subject


def test_a_citys_filing_is_emailed_to_its_provinces_bureau_not_to_others(
        nanjing_bureau, nanjing_user, bureau_user, zhejiang_user, make_input, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filing = submit_filing(actor=nanjing_user, authority=nanjing_bureau, data=make_input("DB3201/T 901-2026"))
    assert [m.to for m in mail.outbox] == [[bureau_user.email]]
    assert filing.identifier in mail.outbox[0].subject and "南京市市场监督管理局" in mail.outbox[0].body


def test_a_provinces_own_filing_emails_nobody(bureau, bureau_user, make_input, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 902-2026"))
    assert mail.outbox == []


def test_the_city_is_emailed_when_its_province_returns_its_filing(city_filing, nanjing_user, bureau_user,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return_city_filing(actor=bureau_user, filing=city_filing, reason="编号与省内标准重复")
    message, = mail.outbox
    assert message.to == [nanjing_user.email] and "编号与省内标准重复" in message.body


def test_a_refused_return_emails_nobody(bureau_filing, reviewer_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed):
        return_filing(actor=reviewer_user, filing=bureau_filing, reasons=[])
    assert mail.outbox == []


def test_the_actor_is_not_emailed_about_their_own_change(bureau, bureau_user, make_input,
                                                         django_capture_on_commit_callbacks):
    """An administrator who is also the authority's member and returns its filing is not mailed about it."""
    reviewer = UserFactory(member_of=OrganisationFactory(national_administration=True),
                           member_of__role=MembershipRole.REVIEWER)
    MembershipFactory(user=reviewer, organisation=bureau)
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 903-2026"))
    with django_capture_on_commit_callbacks(execute=True):
        return_filing(actor=reviewer, filing=filing, reasons=[{"check": "", "message": "请修改"}])
    assert [m.to for m in mail.outbox] == [[bureau_user.email]]


def test_the_daily_sweep_is_scheduled_and_reminds_the_reviewers(settings, bureau_filing, reviewer_user,
                                                                django_capture_on_commit_callbacks):
    from biaozhun.filing.tasks import sweep_filings

    assert ("biaozhun.filing.tasks.sweep_filings", "00:20") in settings.BIAOZHUN_DAILY_TASKS
    with time_machine.travel(clock.now() + timedelta(days=40), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        result = sweep_filings.enqueue()
    assert result.return_value == 1
    assert bureau_filing.events.filter(kind=FilingEventKind.REMINDED).count() == 1
    assert [m.to for m in mail.outbox] == [[reviewer_user.email]]
