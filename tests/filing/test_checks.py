"""Each check of a filing with cases that must and must not fire (coordination: test_coordination.py)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from biaozhun.filing.checks import Outcome
from biaozhun.filing.models import WordingRule
from biaozhun.filing.services import submit_filing
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def outcome(filing, code):
    return next(c for c in filing.checks if c["code"] == code)


def test_a_number_written_otherwise_than_canonically_is_noted_with_both_forms(bureau, bureau_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("db32/t4567—2026"))
    result = outcome(filing, "number")
    assert filing.identifier == "DB32/T 4567-2026"
    assert result["outcome"] == Outcome.NOTE
    assert result["params"] == {"written": "db32/t4567—2026", "canonical": "DB32/T 4567-2026"}


def test_a_canonical_number_passes(bureau, bureau_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4567-2026"))
    assert outcome(filing, "number")["outcome"] == Outcome.OK
    assert outcome(filing, "ownership")["outcome"] == Outcome.OK


def test_an_edition_already_in_the_catalogue_is_flagged(bureau, bureau_user, make_input):
    make_standard("DB32/T 4567-2026", title_zh="旧目录中的记录", published_on="2026-06-01", implemented_on=None)
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4567-2026"))
    assert outcome(filing, "catalogue")["outcome"] == Outcome.FLAG


def test_a_new_edition_of_a_series_without_replaces_is_noted(bureau, bureau_user, make_input):
    make_standard("DB32/T 4567-2019", published_on="2019-06-01", implemented_on=None)
    noted = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4567-2026"))
    assert outcome(noted, "catalogue")["outcome"] == Outcome.NOTE
    assert outcome(noted, "catalogue")["evidence"][0]["identifier"] == "DB32/T 4567-2019"


def test_a_year_other_than_the_publication_year_is_flagged(bureau, bureau_user, make_input):
    with time_machine.travel(date(2026, 3, 1), tick=False):
        flagged = submit_filing(actor=bureau_user, authority=bureau,
                                data=make_input("DB32/T 4568-2025", published_on="2026-01-05"))
        assert outcome(flagged, "year")["outcome"] == Outcome.FLAG
        fine = submit_filing(actor=bureau_user, authority=bureau,
                             data=make_input("DB32/T 4569-2026", published_on="2026-01-05"))
        assert outcome(fine, "year")["outcome"] == Outcome.OK


def test_a_late_filing_is_accepted_and_marked_late(bureau, bureau_user, make_input):
    with time_machine.travel(date(2026, 9, 1), tick=False):
        late = submit_filing(actor=bureau_user, authority=bureau,
                             data=make_input("DB32/T 4570-2026", published_on="2026-05-06"))
        on_time = submit_filing(actor=bureau_user, authority=bureau,
                                data=make_input("DB32/T 4571-2026", published_on="2026-08-25"))
    assert late.days_late > 0 and outcome(late, "deadline")["outcome"] == Outcome.NOTE
    assert outcome(late, "deadline")["params"]["late_days"] == late.days_late
    assert on_time.days_late == 0 and outcome(on_time, "deadline")["outcome"] == Outcome.OK


def test_local_deadlines_count_working_days_and_industry_ones_calendar_days(bureau, bureau_user, ministry,
                                                                            ministry_user, make_input):
    with time_machine.travel(date(2026, 9, 1), tick=False):
        local = submit_filing(actor=bureau_user, authority=bureau,
                              data=make_input("DB32/T 4572-2026", published_on="2026-08-03"))
        industry = submit_filing(actor=ministry_user, authority=ministry,
                                 data=make_input("JB/T 4572-2026", published_on="2026-08-03"))
    assert local.filing_deadline == date(2026, 8, 31)  # 20 working days after Monday 3 August
    assert industry.filing_deadline == date(2026, 9, 2)  # 30 days: Wednesday 2 September


@pytest.mark.parametrize("replaced, fields, problem", [
    ("DB32/T 900-2018", {}, None),
    ("DB32/T 901-2018", None, "missing"),
    ("DB33/T 902-2018", {}, "other_authority"),
    ("DB32/T 903-2018", {"abolished_on": "2024-01-01"}, "already_replaced"),
])
def test_the_replaced_standard_must_exist_belong_to_the_authority_and_be_in_force(
        bureau, bureau_user, make_input, replaced, fields, problem):
    if fields is not None:
        make_standard(replaced, published_on="2018-06-01", implemented_on=None, **fields)
    filing = submit_filing(actor=bureau_user, authority=bureau,
                           data=make_input("DB32/T 4580-2026", replaces=[replaced]))
    result = outcome(filing, "replacement")
    assert result["outcome"] == (Outcome.OK if problem is None else Outcome.FLAG)
    assert result["params"].get("problem") == problem


def test_a_standard_replaced_by_another_edition_already_is_flagged(bureau, bureau_user, make_input):
    make_standard("DB32/T 904-2018", published_on="2018-06-01", implemented_on=None)
    make_standard("DB32/T 904-2022", published_on="2022-06-01", implemented_on=None, replaces=["DB32/T 904-2018"])
    filing = submit_filing(actor=bureau_user, authority=bureau,
                           data=make_input("DB32/T 4581-2026", replaces=["DB32/T 904-2018"]))
    assert outcome(filing, "replacement")["params"]["by"] == "DB32/T 904-2022"


def test_restrictive_wording_is_found_in_the_scope_with_its_context(bureau, bureau_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input(
        "DB32/T 4590-2026", scope="本文件规定了充电站的运营要求。充电设备应经本省检测机构检验合格。"))
    result = outcome(filing, "wording")
    assert result["outcome"] == Outcome.FLAG
    match = result["evidence"][0]
    assert match["kind"] == "local_testing" and match["where"] == "scope"
    assert "本省检测机构" in match["match"] and match["after"].startswith("检验合格")


def test_neutral_wording_and_switched_off_rules_do_not_fire(bureau, bureau_user, make_input):
    neutral = submit_filing(actor=bureau_user, authority=bureau, data=make_input(
        "DB32/T 4591-2026", scope="充电设备应经具有相应资质的检验检测机构检验合格。"))
    assert outcome(neutral, "wording")["outcome"] == Outcome.OK
    WordingRule.objects.filter(kind="local_testing").update(is_active=False)
    off = submit_filing(actor=bureau_user, authority=bureau, data=make_input(
        "DB32/T 4592-2026", scope="充电设备应经本省检测机构检验合格。"))
    assert outcome(off, "wording")["outcome"] == Outcome.OK


def test_a_wording_rule_that_is_not_a_valid_pattern_is_refused_with_its_field(admin_client):
    page = admin_client.post("/admin/filing/wordingrule/add/", {"kind": "other", "pattern": "本省(检测",
                                                                 "explanation": "x", "is_active": "on"})
    assert page.status_code == 200
    assert "pattern" in page.context["adminform"].form.errors
    assert not WordingRule.objects.filter(pattern="本省(检测").exists()
