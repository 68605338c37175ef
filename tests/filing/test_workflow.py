"""A filing from submission to the catalogue, and returned and resubmitted on the way."""

from __future__ import annotations

import pytest

from biaozhun.catalog.models import Standard
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.filing.models import Filing, FilingEvent, FilingEventKind, FilingState
from biaozhun.filing.services import (
    accept_filing,
    approve_city_filing,
    resubmit_filing,
    return_filing,
    submit_filing,
    withdraw_filing,
)

pytestmark = pytest.mark.django_db


def test_a_province_files_and_the_reviewer_accepts_into_the_catalogue(bureau, bureau_user, reviewer_user,
                                                                     make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4567-2026"))
    assert filing.state == FilingState.SUBMITTED
    assert {c["code"] for c in filing.checks} >= {"number", "ownership", "coordination", "wording"}
    accepted = accept_filing(actor=reviewer_user, filing=filing)
    assert accepted.state == FilingState.ACCEPTED
    assert accepted.filing_number.endswith(f"-{accepted.filed_on.year}")
    standard = Standard.objects.get(edition="DB32/T 4567-2026")
    assert accepted.standard == standard
    assert standard.full_texts.count() == 1
    assert standard.competent_department == bureau.name
    assert standard.issued_by == ["江苏省市场监督管理局"]
    assert list(filing.events.values_list("kind", flat=True)) == [
        FilingEventKind.SUBMITTED, FilingEventKind.CHECKED, FilingEventKind.ACCEPTED]


def test_filing_numbers_run_on_within_the_year(bureau, bureau_user, reviewer_user, make_input):
    numbers = [accept_filing(actor=reviewer_user, filing=submit_filing(
        actor=bureau_user, authority=bureau, data=make_input(f"DB32/T {n}-2026"))).filing_number for n in (11, 12)]
    first, second = (int(n.split("-")[0]) for n in numbers)
    assert second == first + 1


def test_a_province_may_not_file_another_provinces_number(bureau, bureau_user, make_input):
    with pytest.raises(PermissionDeniedError):
        submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB33/T 100-2026"))
    assert not Filing.objects.exists()


def test_a_ministry_files_only_the_industry_codes_it_owns(miit, ministry_user, make_input):
    assert submit_filing(actor=ministry_user, authority=miit, data=make_input("QC/T 1234-2026")).state == (
        FilingState.SUBMITTED)
    with pytest.raises(PermissionDeniedError):
        submit_filing(actor=ministry_user, authority=miit, data=make_input("YY/T 1234-2026"))


def test_a_citys_standard_needs_its_province_first(nanjing_bureau, nanjing_user, bureau_user, zhejiang_user,
                                                   reviewer_user, make_input):
    filing = submit_filing(actor=nanjing_user, authority=nanjing_bureau, data=make_input("DB3201/T 88-2026"))
    assert filing.state == FilingState.AWAITING_PROVINCE
    with pytest.raises(InvalidTransition):
        accept_filing(actor=reviewer_user, filing=filing)
    with pytest.raises(PermissionDeniedError):
        approve_city_filing(actor=zhejiang_user, filing=filing)
    approve_city_filing(actor=bureau_user, filing=filing)
    assert accept_filing(actor=reviewer_user, filing=filing).state == FilingState.ACCEPTED


def test_returned_with_reasons_then_revised_and_resubmitted(bureau, bureau_user, reviewer_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 77-2026"))
    return_filing(actor=reviewer_user, filing=filing, reasons=[{"check": "coordination", "message": "与国家标准重复"}])
    filing.refresh_from_db()
    assert filing.state == FilingState.RETURNED
    event = filing.events.get(kind=FilingEventKind.RETURNED)
    assert event.data["reasons"] == [{"check": "coordination", "message": "与国家标准重复"}]
    assert event.actor == reviewer_user
    revised = resubmit_filing(actor=bureau_user, filing=filing, expected_version=filing.version,
                              data=make_input("DB32/T 77-2026", text=None, title_zh="电动汽车充电站 运营服务规范"))
    assert revised.state == FilingState.SUBMITTED
    assert revised.title_zh == "电动汽车充电站 运营服务规范"
    assert revised.events.get(kind=FilingEventKind.RESUBMITTED).data["changed"] == ["record"]


def test_a_return_without_a_reason_is_refused_and_nothing_is_written(bureau, bureau_user, reviewer_user,
                                                                    make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 78-2026"))
    before = FilingEvent.objects.count()
    with pytest.raises(ValidationFailed):
        return_filing(actor=reviewer_user, filing=filing, reasons=[{"check": "", "message": "  "}])
    assert FilingEvent.objects.count() == before


def test_every_problem_of_a_submission_is_named_by_field(bureau, bureau_user, make_input):
    data = make_input("DB32/T 79-2026", text=None, title_zh="")
    data.notice_number = ""
    with pytest.raises(ValidationFailed) as refused:
        submit_filing(actor=bureau_user, authority=bureau, data=data)
    assert {e["field"] for e in refused.value.errors} >= {"title_zh", "notice_number", "text"}


def test_the_same_edition_cannot_be_filed_twice(bureau, bureau_user, make_input):
    submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 80-2026"))
    with pytest.raises(ValidationFailed, match="备案未能提交"):
        submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 80-2026"))


def test_a_withdrawn_filing_frees_its_number(bureau, bureau_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 81-2026"))
    withdraw_filing(actor=bureau_user, filing=filing, reason="重复提交")
    assert submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 81-2026")).pk != filing.pk
