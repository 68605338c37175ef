"""The authority's review list and flags, the conversion form, and the public abolition announcements, as people
use them: pages, forms with their errors, refusals, and the API."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.catalog.models import RelationKind
from biaozhun.filing.models import AbolitionNotice, FlagState, StandardReview
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def due(ministry):
    """Three JB standards due for review (one overdue), and one not due."""
    standards = [make_standard(f"JB/T {n}-{year}", title_zh=f"机床 数控系统 第{n}部分", published_on=published,
                               implemented_on=published)
                 for n, year, published in ((1, 2021, "2021-05-01"), (2, 2021, "2021-06-01"), (3, 2021, "2021-09-01"),
                                            (4, 2024, "2024-01-01"))]
    return standards


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_review_list_shows_the_due_standards_and_the_conclusion_form(client, ministry_user, due,
                                                                        django_assert_max_num_queries):
    client.force_login(ministry_user)
    with django_assert_max_num_queries(17):
        page = client.get("/filing/work/reviews/").content.decode()
    assert "JB/T 1-2021" in page and "JB/T 2-2021" in page and "JB/T 3-2021" in page
    assert "JB/T 4-2024" not in page
    assert "逾期 31 天" in page and "今日到期" in page
    assert 'name="outcome"' in page


def test_a_reviewer_sees_the_list_without_the_form_and_another_authority_is_refused(client, reviewer_user,
                                                                                   bureau_user, ministry, due):
    client.force_login(reviewer_user)
    page = client.get(f"/filing/work/reviews/?authority={ministry.pk}").content.decode()
    assert "JB/T 1-2021" in page and 'name="outcome"' not in page
    client.force_login(bureau_user)
    assert client.get(f"/filing/work/reviews/?authority={ministry.pk}").status_code == 403


def test_the_public_is_sent_to_sign_in(client):
    response = client.get("/filing/work/reviews/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_confirming_two_standards_from_the_list(client, ministry_user, ministry, due):
    client.force_login(ministry_user)
    response = client.post("/filing/work/reviews/conclude/", {
        "authority": ministry.pk, "standard": [due[0].pk, due[1].pk], "outcome": "confirm", "reason": "仍适用"})
    assert response.status_code == 302
    for standard in due[:2]:
        standard.refresh_from_db()
        assert str(standard.confirmed_on) == "2026-06-01"
    page = client.get(response["Location"]).content.decode()
    assert "已记录 2 项标准的复审结论" in page


def test_an_abolition_without_its_announcement_shows_each_field_error_and_keeps_the_choices(
        client, ministry_user, ministry, due):
    client.force_login(ministry_user)
    response = client.post("/filing/work/reviews/conclude/", {
        "authority": ministry.pk, "standard": [due[0].pk], "outcome": "abolish", "reason": "已被国家标准覆盖"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "请填写废止公告的公告号" in page and "请填写公告日期" in page
    assert 'value="已被国家标准覆盖"' in page and f'value="{due[0].pk}" id="pick-{due[0].pk}" checked' in page
    assert not StandardReview.objects.exists()


def test_an_abolition_goes_to_its_public_announcement(client, ministry_user, ministry, due,
                                                      django_assert_max_num_queries):
    client.force_login(ministry_user)
    response = client.post("/filing/work/reviews/conclude/", {
        "authority": ministry.pk, "standard": [due[0].pk, due[1].pk], "outcome": "abolish",
        "notice_number": "2026年第8号", "notice_date": "2026-05-30", "abolished_on": "2026-06-01"})
    notice = AbolitionNotice.objects.get()
    assert response["Location"] == notice.get_absolute_url()
    client.logout()
    with django_assert_max_num_queries(6):
        listing = client.get("/filing/announcements/").content.decode()
    assert "2026年第8号" in listing and "2 项" in listing
    detail = client.get(notice.get_absolute_url()).content.decode()
    assert "JB/T 1-2021" in detail and "JB/T 2-2021" in detail and "废止" in detail


@pytest.fixture
def flag(jb_flag):
    return jb_flag


def test_the_authority_dismisses_a_flag_only_with_a_reason(client, ministry_user, flag,
                                                           django_assert_max_num_queries):
    client.force_login(ministry_user)
    with django_assert_max_num_queries(14):
        page = client.get("/filing/work/flags/").content.decode()
    assert flag.national.identifier in page and flag.standard.identifier in page
    refused = client.post(f"/filing/work/flags/{flag.pk}/decide/", {"decision": "dismiss", "reason": " "})
    assert refused.status_code == 422 and "请说明理由" in refused.content.decode()
    done = client.post(f"/filing/work/flags/{flag.pk}/decide/", {"decision": "dismiss", "reason": "适用范围不同"})
    assert done.status_code == 302
    flag.refresh_from_db()
    assert (flag.state, flag.reason) == (FlagState.DISMISSED, "适用范围不同")


def test_another_authority_neither_sees_nor_decides_a_flag(client, bureau_user, flag):
    client.force_login(bureau_user)
    assert flag.standard.identifier not in client.get("/filing/work/flags/").content.decode()
    assert client.post(f"/filing/work/flags/{flag.pk}/decide/", {"decision": "confirm"}).status_code == 404


def test_a_conversion_recorded_on_the_form_shows_on_the_target_page(client, ministry_user, jb_standard):
    national = make_standard("GB/T 41000-2021", title_zh="机床 数控系统 通用技术条件", published_on="2021-10-11",
                             implemented_on="2022-05-01")
    client.force_login(ministry_user)
    refused = client.post("/filing/work/conversions/", {"sources": "JB/T 99999-2018", "target": "GB/T 41000-2021"})
    assert refused.status_code == 422 and "标准目录中没有 JB/T 99999-2018" in refused.content.decode()
    response = client.post("/filing/work/conversions/", {"sources": "JB/T10001—2018", "target": "GB/T 41000-2021",
                                                         "note": "转化为国家标准"}, follow=True)
    assert "由以下 1 项标准转化而来" in response.content.decode()
    assert national.relations_in.get(kind=RelationKind.CONVERTED_TO).source == jb_standard


# --- API --------------------------------------------------------------------------------------------------------
def test_the_api_lists_the_due_standards_and_concludes(client, ministry_user, due):
    client.force_login(ministry_user)
    listed = client.get("/api/v1/filings/reviews?tab=overdue").json()
    assert [(i["identifier"], i["state"], i["days"]) for i in listed["items"]] == [("JB/T 1-2021", "overdue", 31)]
    assert listed["review_years"] == 5
    created = post(client, "/api/v1/filings/reviews/conclusions", {"standards": ["JB/T 2-2021"], "outcome": "revise"})
    assert created.status_code == 201 and created.json()[0]["outcome"] == "revise"
    revising = client.get("/api/v1/filings/reviews?tab=revising").json()
    assert [i["identifier"] for i in revising["items"]] == ["JB/T 2-2021"]


def test_the_api_refuses_another_authoritys_conclusion_as_problem_json(client, bureau_user, due):
    client.force_login(bureau_user)
    refused = post(client, "/api/v1/filings/reviews/conclusions", {"standards": ["JB/T 2-2021"], "outcome": "confirm"})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert not StandardReview.objects.exists()


def test_the_api_abolishes_and_publishes_the_announcement(client, ministry_user, due):
    client.force_login(ministry_user)
    created = post(client, "/api/v1/filings/reviews/conclusions", {
        "standards": ["JB/T 1-2021"], "outcome": "abolish",
        "notice": {"notice_number": "2026年第9号", "notice_date": "2026-06-01", "abolished_on": "2026-06-01"}})
    assert created.status_code == 201
    client.logout()
    [item] = client.get("/api/v1/filings/announcements").json()["items"]
    assert (item["notice_number"], item["standards"]) == ("2026年第9号", 1)
    detail = client.get(f"/api/v1/filings/announcements/{item['id']}").json()
    assert detail["abolished"] == [{"identifier": "JB/T 1-2021", "title_zh": "机床 数控系统 第1部分",
                                    "status": "abolished"}]


def test_the_api_decides_flags_and_dismissal_needs_a_reason(client, ministry_user, flag):
    client.force_login(ministry_user)
    assert [i["id"] for i in client.get("/api/v1/filings/flags").json()["items"]] == [flag.pk]
    assert post(client, f"/api/v1/filings/flags/{flag.pk}/dismiss", {"reason": ""}).status_code == 422
    confirmed = post(client, f"/api/v1/filings/flags/{flag.pk}/confirm", {"note": "拟废止"})
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"


def test_the_api_records_a_conversion(client, ministry_user, jb_standard):
    make_standard("T/CMTBA 1-2022", title_zh="机床 数控系统", published_on="2022-01-01", implemented_on="2022-02-01")
    client.force_login(ministry_user)
    created = post(client, "/api/v1/filings/conversions", {"sources": ["JB/T 10001-2018"], "target": "T/CMTBA 1-2022"})
    assert created.status_code == 201 and created.json() == {"sources": ["JB/T 10001-2018"], "target": "T/CMTBA 1-2022"}
    relations = client.get("/api/v1/catalog/standards/T/CMTBA 1-2022/relations").json()
    assert [(r["kind"], r["direction"], r["identifier"]) for r in relations] == [
        ("converted_to", "in", "JB/T 10001-2018")]
