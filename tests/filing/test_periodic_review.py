"""Periodic review (复审) of industry and local standards by the authority owning their codes: the due list, each
conclusion's effect on the catalogue, abolition announcements, and refusals that write nothing."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.catalog.models import EventKind, StandardEvent, Status
from biaozhun.catalog.services import refresh_due_statuses
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, RequirementsUnmet, ValidationFailed
from biaozhun.filing.models import AbolitionNotice, ReviewOutcome, StandardReview
from biaozhun.filing.selectors.periodic import due_for_review, review_rows
from biaozhun.filing.services import NoticeInput, accept_filing, conclude_reviews, submit_filing
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def jb(number: str, published_on: str, **fields):
    return make_standard(f"JB/T {number}", title_zh=f"机床 数控系统 第{number}部分", published_on=published_on,
                         implemented_on=published_on, **fields)


def listed(authority, tab="open", within=6):
    return [s.identifier for s in due_for_review(authority=authority, today=TODAY, within_months=within, tab=tab)]


def test_the_due_list_holds_what_is_five_years_old_today_or_older_and_what_falls_due_within_the_months_asked(
        ministry):
    jb("1-2021", "2021-05-31")  # due yesterday: overdue
    jb("2-2021", "2021-06-01")  # exactly five years today: due
    jb("3-2021", "2021-06-02")  # due tomorrow
    jb("4-2022", "2022-06-01")  # due in a year
    jb("5-2015", "2015-01-01", confirmed_on="2024-01-01")  # confirmed since: not due before 2029
    make_standard("YY/T 6-2015", title_zh="医疗器械", published_on="2015-01-01")  # another ministry's code
    assert listed(ministry) == ["JB/T 1-2021", "JB/T 2-2021", "JB/T 3-2021"]
    assert listed(ministry, tab="overdue") == ["JB/T 1-2021"]
    assert listed(ministry, within=12) == ["JB/T 1-2021", "JB/T 2-2021", "JB/T 3-2021", "JB/T 4-2022"]
    rows = review_rows(list(due_for_review(authority=ministry, today=TODAY, within_months=6)), today=TODAY)
    assert [(r.state, r.days) for r in rows] == [("overdue", 1), ("due", 0), ("upcoming", 1)]
    assert rows[1].due_on == TODAY


def test_a_province_sees_its_own_local_standards_not_its_cities_or_others(bureau):
    make_standard("DB32/T 1-2020", title_zh="地方标准一", published_on="2020-01-01", implemented_on="2020-01-01")
    make_standard("DB3201/T 2-2020", title_zh="南京地方标准", published_on="2020-01-01", implemented_on="2020-01-01")
    make_standard("DB33/T 3-2020", title_zh="浙江地方标准", published_on="2020-01-01", implemented_on="2020-01-01")
    assert listed(bureau) == ["DB32/T 1-2020"]


def test_confirmation_records_the_date_in_the_catalogue_and_the_standard_leaves_the_list(ministry, ministry_user):
    standard = jb("2-2021", "2021-06-01")
    [review] = conclude_reviews(actor=ministry_user, standards=[standard], outcome=ReviewOutcome.CONFIRM,
                                reason="技术内容仍然适用")
    standard.refresh_from_db()
    assert standard.confirmed_on == TODAY
    assert (review.authority, review.outcome, review.due_on, review.actor) == (
        ministry, ReviewOutcome.CONFIRM, TODAY, ministry_user)
    assert listed(ministry) == []
    assert standard.events.filter(kind=EventKind.UPDATED, data__before__confirmed_on=None).exists()


def test_abolition_is_announced_and_the_standard_is_abolished_on_the_announced_date(ministry, ministry_user):
    first, second = jb("1-2021", "2021-05-31"), jb("3-2021", "2021-06-02")
    notice = NoticeInput(notice_number="2026年第8号", notice_date=TODAY, abolished_on=date(2026, 7, 1))
    reviews = conclude_reviews(actor=ministry_user, standards=[first, second], outcome=ReviewOutcome.ABOLISH,
                               notice=notice)
    announcement = AbolitionNotice.objects.get()
    assert {r.notice for r in reviews} == {announcement}
    assert (announcement.authority, announcement.notice_number) == (ministry, "2026年第8号")
    first.refresh_from_db()
    assert (first.abolished_on, first.status) == (date(2026, 7, 1), Status.CURRENT)
    assert listed(ministry) == []
    with time_machine.travel(datetime(2026, 7, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        refresh_due_statuses(actor=SYSTEM, today=date(2026, 7, 1))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.ABOLISHED, Status.ABOLISHED)


def test_a_revision_stays_open_until_the_filing_that_replaces_the_standard_is_accepted(
        miit, ministry_user, reviewer_user, make_input):
    standard = jb("2-2021", "2021-06-01")
    conclude_reviews(actor=ministry_user, standards=[standard], outcome=ReviewOutcome.REVISE)
    assert listed(miit) == [] and listed(miit, tab="revising") == ["JB/T 2-2021"]
    with pytest.raises(InvalidTransition):
        conclude_reviews(actor=ministry_user, standards=[standard], outcome=ReviewOutcome.REVISE)
    filing = submit_filing(actor=ministry_user, authority=miit,
                           data=make_input("JB/T 2-2026", title_zh="机床 数控系统 第2部分", replaces=["JB/T 2-2021"]))
    [row] = review_rows([standard], today=TODAY)
    assert row.revision.outcome == ReviewOutcome.REVISE and row.replacing is None
    accept_filing(actor=reviewer_user, filing=filing)
    [row] = review_rows([standard], today=TODAY)
    assert row.replacing.pk == filing.pk


def test_another_authority_is_refused_and_nothing_is_written(ministry, bureau_user):
    standard = jb("2-2021", "2021-06-01")
    events = StandardEvent.objects.count()
    for outcome in ReviewOutcome.values:
        with pytest.raises(PermissionDeniedError):
            conclude_reviews(actor=bureau_user, standards=[standard], outcome=outcome, notice=NoticeInput(
                notice_number="苏市监2026年第1号", notice_date=TODAY, abolished_on=TODAY))
    standard.refresh_from_db()
    assert (standard.confirmed_on, standard.abolished_on) == (None, None)
    assert not StandardReview.objects.exists() and not AbolitionNotice.objects.exists()
    assert StandardEvent.objects.count() == events


def test_a_standard_not_yet_due_is_not_confirmed_early(ministry_user):
    standard = jb("4-2024", "2024-01-01")  # due 2029
    with pytest.raises(RequirementsUnmet, match="2029-01-01"):
        conclude_reviews(actor=ministry_user, standards=[standard], outcome=ReviewOutcome.CONFIRM)
    assert not StandardReview.objects.exists()


def test_an_abolition_without_its_announcement_names_each_missing_field_and_writes_nothing(ministry_user):
    standard = jb("2-2021", "2021-06-01")
    with pytest.raises(ValidationFailed) as refused:
        conclude_reviews(actor=ministry_user, standards=[standard], outcome=ReviewOutcome.ABOLISH,
                         notice=NoticeInput(notice_date=date(2026, 6, 2)))
    assert {e["field"] for e in refused.value.errors} == {"notice_number", "notice_date", "abolished_on"}
    standard.refresh_from_db()
    assert standard.abolished_on is None and not StandardReview.objects.exists()


def test_an_announcement_number_is_used_once_per_authority(ministry_user):
    first, second = jb("1-2021", "2021-05-31"), jb("2-2021", "2021-06-01")
    notice = {"notice_number": "2026年第8号", "notice_date": TODAY, "abolished_on": TODAY}
    conclude_reviews(actor=ministry_user, standards=[first], outcome="abolish", notice=NoticeInput(**notice))
    with pytest.raises(ValidationFailed, match="复审结论未能记录"):
        conclude_reviews(actor=ministry_user, standards=[second], outcome="abolish", notice=NoticeInput(**notice))
    second.refresh_from_db()
    assert second.abolished_on is None


def test_conclusions_are_append_only(ministry_user):
    [review] = conclude_reviews(actor=ministry_user, standards=[jb("2-2021", "2021-06-01")], outcome="revise")
    with pytest.raises(ValueError, match="append-only"):
        review.save()
