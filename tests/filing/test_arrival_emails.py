"""The national administration's reviewers are emailed when a filing arrives for their review (submitted,
resubmitted after a return, approved by a city's province), each in their language, with a link to the filing's
work page; a batch sends each reviewer one summary of its rows, never one email per row."""

from __future__ import annotations

import pytest
from django.core import mail

from biaozhun.accounts.models import MembershipRole
from biaozhun.filing.models import FilingBatchState
from biaozhun.filing.services import approve_city_filing, resubmit_filing, return_filing, submit_filing
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.fixtures.filing import batch_row, send_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_reviewer(national_administration):
    return UserFactory(member_of=national_administration, member_of__role=MembershipRole.REVIEWER, language="en",
                       email="reviewer-en@example.com")


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_a_submitted_filing_is_emailed_to_each_reviewer_in_their_language(
        bureau, bureau_user, reviewer_user, english_reviewer, make_input, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 6001-2026"))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([reviewer_user.email, english_reviewer.email])
    chinese, = mails_to(reviewer_user.email)
    assert chinese.subject == "备案待审查：DB32/T 6001-2026"
    assert chinese.body.startswith(f"{reviewer_user.real_name}，您好：")
    assert "江苏省市场监督管理局提交了 DB32/T 6001-2026《电动汽车充电站运营管理规范》的备案。" in chinese.body
    assert f"请在审查期限 {filing.review_due.isoformat()} 前受理或退回。" in chinese.body
    assert f"http://127.0.0.1:8000/filing/work/{filing.pk}/" in chinese.body
    english, = mails_to(english_reviewer.email)
    assert english.body.startswith(f"Dear {english_reviewer.real_name},")
    assert f"/filing/work/{filing.pk}/" in english.body


def test_a_filing_resubmitted_after_a_return_is_emailed_to_the_reviewers_again(
        bureau, bureau_user, reviewer_user, make_input, django_capture_on_commit_callbacks):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 6002-2026"))
    return_filing(actor=reviewer_user, filing=filing, reasons=[{"check": "coordination", "message": "与国家标准重复"}])
    filing.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        resubmit_filing(actor=bureau_user, filing=filing, expected_version=filing.version,
                        data=make_input("DB32/T 6002-2026", text=None, title_zh="电动汽车充电站 运营服务规范"))
    message, = mail.outbox
    assert message.to == [reviewer_user.email]
    assert message.subject == "重新提交的备案待审查：DB32/T 6002-2026"
    assert "已按退回意见修改，重新提交了 DB32/T 6002-2026" in message.body
    assert f"/filing/work/{filing.pk}/" in message.body


def test_a_citys_filing_reaches_the_reviewers_only_once_its_province_approves(
        nanjing_bureau, nanjing_user, bureau_user, reviewer_user, make_input, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filing = submit_filing(actor=nanjing_user, authority=nanjing_bureau, data=make_input("DB3201/T 902-2026"))
    assert [m.to for m in mail.outbox] == [[bureau_user.email]]  # the province, not the reviewers
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_city_filing(actor=bureau_user, filing=filing)
    message, = mail.outbox
    assert message.to == [reviewer_user.email] and message.subject == "备案待审查：DB3201/T 902-2026"
    assert "已经省级市场监管部门审核同意" in message.body and f"/filing/work/{filing.pk}/" in message.body


def test_a_reviewer_is_not_emailed_about_their_own_submission(bureau, reviewer_user, national_administration,
                                                              make_input, django_capture_on_commit_callbacks):
    """A reviewer who also acts for a bureau and files its standard is not mailed about it; other reviewers are."""
    MembershipFactory(user=reviewer_user, organisation=bureau, role=MembershipRole.ADMIN)
    colleague = UserFactory(member_of=national_administration, member_of__role=MembershipRole.REVIEWER)
    with django_capture_on_commit_callbacks(execute=True):
        submit_filing(actor=reviewer_user, authority=bureau, data=make_input("DB32/T 6003-2026"))
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_a_batch_sends_each_reviewer_one_summary_of_its_rows(bureau, bureau_user, reviewer_user, english_reviewer,
                                                             django_capture_on_commit_callbacks):
    numbers = [f"DB32/T {n}-2026" for n in range(6101, 6106)]
    with django_capture_on_commit_callbacks(execute=True):
        batch = send_batch(bureau_user, bureau, [batch_row(n) for n in numbers])
    batch.refresh_from_db()
    assert (batch.state, batch.filed) == (FilingBatchState.DONE, 5)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([reviewer_user.email, english_reviewer.email])
    chinese, = mails_to(reviewer_user.email)
    assert chinese.subject == "批量备案待审查：江苏省市场监督管理局，5 份"
    assert "江苏省市场监督管理局批量提交的以下 5 份备案待审查" in chinese.body
    assert all(f"- {n}《电动汽车充电站运营管理规范》" in chinese.body for n in numbers)
    assert chinese.body.index(numbers[0]) < chinese.body.index(numbers[-1])  # in the data file's order
    assert "http://127.0.0.1:8000/filing/work/review/" in chinese.body
    english, = mails_to(english_reviewer.email)
    assert english.body.startswith(f"Dear {english_reviewer.real_name},") and numbers[0] in english.body


def test_a_rejected_batch_emails_the_reviewers_nothing(bureau, bureau_user, reviewer_user,
                                                       django_capture_on_commit_callbacks):
    rows = [batch_row("DB32/T 6201-2026"), batch_row("DB33/T 6202-2026")]  # another province's number
    with django_capture_on_commit_callbacks(execute=True):
        batch = send_batch(bureau_user, bureau, rows)
    batch.refresh_from_db()
    assert batch.state == FilingBatchState.REJECTED
    assert mail.outbox == []


def test_a_citys_batch_goes_to_its_province_not_to_the_reviewers(nanjing_bureau, nanjing_user, bureau_user,
                                                                 reviewer_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = send_batch(nanjing_user, nanjing_bureau, [batch_row("DB3201/T 6301-2026")])
    batch.refresh_from_db()
    assert batch.filed == 1
    assert [m.to for m in mail.outbox] == [[bureau_user.email]]



def test_a_large_batchs_summary_lists_its_first_rows_and_says_how_many_more(
        bureau, bureau_user, reviewer_user, monkeypatch, django_capture_on_commit_callbacks):
    from biaozhun.filing import notify

    monkeypatch.setattr(notify, "BATCH_LISTED", 2)
    numbers = [f"DB32/T {n}-2026" for n in range(6201, 6205)]
    with django_capture_on_commit_callbacks(execute=True):
        send_batch(bureau_user, bureau, [batch_row(n) for n in numbers])
    summary, = mails_to(reviewer_user.email)
    assert numbers[1] in summary.body and numbers[2] not in summary.body
    assert "另有 2 份，见审查队列" in summary.body
