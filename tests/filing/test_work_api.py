"""The filing write API: submission (multipart JSON + PDF), resubmission, withdrawal, the province's approval and
return, the reviewer's acceptance and return, the checks; authenticated like the rest of the API (personal
tokens), refusals as problem+json that write nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.accounts.services import create_api_token
from biaozhun.core import clock
from biaozhun.filing.models import Filing, FilingEvent, FilingEventKind, FilingState
from biaozhun.filing.services import return_filing
from tests.factories.files import real_pdf

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(actor=user, name='脚本')[1]}"}


def fields(identifier: str = "DB32/T 4800-2026", **overrides) -> dict:
    published = clock.today() - timedelta(days=5)
    data = {"identifier": identifier, "title_zh": "城镇燃气管道 安全运行规范", "scope": "本文件规定了城镇燃气管道的运行要求。",
            "ccs": "P49", "ics": ["91.140.40"], "published_on": published.isoformat(),
            "implemented_on": (published + timedelta(days=60)).isoformat(), "drafting_units": ["江苏省特检院"],
            "drafters": ["李四"], "industry_classes": ["D45"], "approved_by": "江苏省市场监督管理局",
            "notice_number": "2026年第3号", "notice_date": published.isoformat()}
    data.update(overrides)
    return data


def multipart(data: dict, text: bytes | None = None) -> dict:
    body = {"filing": json.dumps(data, ensure_ascii=False)}
    if text is not None:
        body["text"] = SimpleUploadedFile("text.pdf", text, "application/pdf")
    return body


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["code"] == code and body["title"]
    return body


# --- Submission -----------------------------------------------------------------------------------------
def test_an_authority_files_through_the_api_with_the_text(client, bureau_user):
    response = client.post("/api/v1/filings/", multipart(fields(), real_pdf("Gas")), **bearer(bureau_user))
    assert response.status_code == 201, response.content
    body = response.json()
    filing = Filing.objects.get()
    assert body["id"] == filing.pk and body["state"] == FilingState.SUBMITTED and body["version"] == 1
    assert body["url"] == f"/filing/work/{filing.pk}/"
    assert {c["code"] for c in body["checks"]} >= {"number", "coordination", "wording"}
    assert all(c["message"] for c in body["checks"])
    assert filing.record["drafting_units"] == ["江苏省特检院"] and filing.fulltext_size > 0


def test_a_submission_without_signing_in_is_refused_with_401(client):
    response = client.post("/api/v1/filings/", multipart(fields(), real_pdf()))
    assert_problem(response, 401, "unauthenticated")
    assert not Filing.objects.exists()


def test_a_number_of_another_province_is_refused_with_403_and_nothing_is_written(client, bureau_user):
    response = client.post("/api/v1/filings/", multipart(fields("DB33/T 4801-2026"), real_pdf()),
                           **bearer(bureau_user))
    body = assert_problem(response, 403, "permission_denied")
    assert "只能备案本单位主管的标准" in body["title"]
    assert not Filing.objects.exists() and not FilingEvent.objects.exists()


def test_someone_who_files_for_no_authority_is_refused(client, reviewer_user):
    response = client.post("/api/v1/filings/", multipart(fields(), real_pdf()), **bearer(reviewer_user))
    assert_problem(response, 403, "permission_denied")
    assert not Filing.objects.exists()


def test_every_invalid_field_is_named_in_the_problem(client, bureau_user):
    response = client.post("/api/v1/filings/", multipart(fields(title_zh="", ccs="Z99", notice_number=""),
                                                         b"not a pdf"), **bearer(bureau_user))
    body = assert_problem(response, 422, "validation_failed")
    assert {e["field"] for e in body["errors"]} >= {"title_zh", "ccs", "notice_number", "text"}
    assert not Filing.objects.exists()


def test_a_submission_without_its_text_is_refused(client, bureau_user):
    body = assert_problem(client.post("/api/v1/filings/", multipart(fields()), **bearer(bureau_user)), 422,
                          "validation_failed")
    assert [e["field"] for e in body["errors"]] == ["text"]


def test_a_text_over_the_limit_is_refused_with_413_before_it_is_read(client, bureau_user, settings):
    settings.BIAOZHUN_MAX_FULLTEXT_BYTES = 2000
    response = client.post("/api/v1/filings/", multipart(fields(), b"%PDF-" + b"0" * 10_000), **bearer(bureau_user))
    assert_problem(response, 413, "payload_too_large")
    assert not Filing.objects.exists()


def test_a_text_larger_than_a_form_field_is_accepted_up_to_its_own_limit(client, bureau_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/filings/", multipart(fields(), real_pdf("Gas", pages=3)), **bearer(bureau_user))
    assert response.status_code == 201, response.content


def test_a_json_part_that_is_not_json_is_refused(client, bureau_user):
    response = client.post("/api/v1/filings/", {"filing": "{not json", "text": SimpleUploadedFile(
        "t.pdf", real_pdf(), "application/pdf")}, **bearer(bureau_user))
    assert response.status_code in (400, 422) and response["Content-Type"] == PROBLEM
    assert not Filing.objects.exists()


def test_someone_acting_for_two_authorities_names_one(client, bureau, ministry, bureau_user):
    from tests.factories.accounts import MembershipFactory

    MembershipFactory(user=bureau_user, organisation=ministry)
    token = bearer(bureau_user)
    body = assert_problem(client.post("/api/v1/filings/", multipart(fields(), real_pdf()), **token), 422,
                          "validation_failed")
    assert body["errors"][0]["field"] == "authority"
    response = client.post("/api/v1/filings/", multipart(fields(authority=bureau.pk), real_pdf()), **token)
    assert response.status_code == 201


# --- Resubmission and withdrawal ------------------------------------------------------------------------
def test_a_returned_filing_is_resubmitted_through_the_api_keeping_its_text(client, bureau_filing, bureau_user,
                                                                           reviewer_user):
    return_filing(actor=reviewer_user, filing=bureau_filing, reasons=[{"check": "", "message": "请修改标题"}])
    data = fields("DB32/T 4001-2026", title_zh="电动汽车充电站 运营管理规范", expected_version=1)
    response = client.post(f"/api/v1/filings/{bureau_filing.pk}/resubmit", multipart(data), **bearer(bureau_user))
    assert response.status_code == 200, response.content
    assert response.json()["state"] == FilingState.SUBMITTED and response.json()["version"] == 2


def test_a_stale_resubmission_is_refused_and_nothing_is_written(client, bureau_filing, bureau_user,
                                                                reviewer_user):
    return_filing(actor=reviewer_user, filing=bureau_filing, reasons=[{"check": "", "message": "请修改标题"}])
    before = FilingEvent.objects.count()
    data = fields("DB32/T 4001-2026", expected_version=5)
    body = assert_problem(client.post(f"/api/v1/filings/{bureau_filing.pk}/resubmit", multipart(data),
                                      **bearer(bureau_user)), 422, "validation_failed")
    assert body["errors"][0]["field"] == "version"
    assert FilingEvent.objects.count() == before


def test_a_filing_not_returned_cannot_be_resubmitted(client, bureau_filing, bureau_user):
    data = fields("DB32/T 4001-2026", expected_version=1)
    assert_problem(client.post(f"/api/v1/filings/{bureau_filing.pk}/resubmit", multipart(data),
                               **bearer(bureau_user)), 409, "invalid_transition")


def test_the_authority_withdraws_through_the_api(client, bureau_filing, bureau_user):
    response = client.post(f"/api/v1/filings/{bureau_filing.pk}/withdraw", {"reason": "重复提交"},
                           content_type="application/json", **bearer(bureau_user))
    assert response.status_code == 200 and response.json()["state"] == FilingState.WITHDRAWN


def test_another_authority_cannot_see_nor_withdraw_a_filing(client, bureau_filing, zhejiang_user):
    before = FilingEvent.objects.count()
    response = client.post(f"/api/v1/filings/{bureau_filing.pk}/withdraw", {}, content_type="application/json",
                           **bearer(zhejiang_user))
    assert_problem(response, 404, "not_found")
    assert FilingEvent.objects.count() == before


# --- The province ---------------------------------------------------------------------------------------
def test_the_province_approves_a_citys_filing_through_the_api(client, city_filing, bureau_user):
    response = client.post(f"/api/v1/filings/{city_filing.pk}/approve-city", {"note": ""},
                           content_type="application/json", **bearer(bureau_user))
    assert response.status_code == 200 and response.json()["state"] == FilingState.SUBMITTED


def test_the_province_returns_a_citys_filing_only_with_a_reason(client, city_filing, bureau_user):
    token = bearer(bureau_user)
    body = assert_problem(client.post(f"/api/v1/filings/{city_filing.pk}/return-city", {"reason": " "},
                                      content_type="application/json", **token), 422, "validation_failed")
    assert body["errors"] == [{"field": "reason", "message": "请填写退回理由"}]
    assert not city_filing.events.filter(kind=FilingEventKind.PROVINCE_RETURNED).exists()
    response = client.post(f"/api/v1/filings/{city_filing.pk}/return-city", {"reason": "编号重复"},
                           content_type="application/json", **token)
    assert response.status_code == 200 and response.json()["state"] == FilingState.RETURNED


def test_the_city_cannot_approve_its_own_filing(client, city_filing, nanjing_user):
    assert_problem(client.post(f"/api/v1/filings/{city_filing.pk}/approve-city", {},
                               content_type="application/json", **bearer(nanjing_user)), 403, "permission_denied")
    city_filing.refresh_from_db()
    assert city_filing.state == FilingState.AWAITING_PROVINCE


# --- The reviewer ---------------------------------------------------------------------------------------
def test_the_reviewer_accepts_through_the_api(client, bureau_filing, reviewer_user):
    response = client.post(f"/api/v1/filings/{bureau_filing.pk}/accept", {"note": "材料齐全"},
                           content_type="application/json", **bearer(reviewer_user))
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == FilingState.ACCEPTED and body["filing_number"].endswith(f"-{body['filed_on'][:4]}")


def test_the_authority_cannot_accept_its_own_filing_through_the_api(client, bureau_filing, bureau_user):
    assert_problem(client.post(f"/api/v1/filings/{bureau_filing.pk}/accept", {}, content_type="application/json",
                               **bearer(bureau_user)), 403, "permission_denied")
    bureau_filing.refresh_from_db()
    assert bureau_filing.state == FilingState.SUBMITTED


def test_the_reviewer_returns_with_reasons_per_check(client, bureau_filing, reviewer_user):
    response = client.post(f"/api/v1/filings/{bureau_filing.pk}/return", {
        "reasons": [{"check": "coordination", "message": "与国家标准重复"}, {"check": "", "message": "补充编制说明"}]},
        content_type="application/json", **bearer(reviewer_user))
    assert response.status_code == 200 and response.json()["state"] == FilingState.RETURNED
    assert bureau_filing.events.get(kind=FilingEventKind.RETURNED).data["reasons"][0]["check"] == "coordination"


def test_a_return_naming_an_unknown_check_is_refused_and_nothing_is_written(client, bureau_filing, reviewer_user):
    body = assert_problem(client.post(f"/api/v1/filings/{bureau_filing.pk}/return", {
        "reasons": [{"check": "spelling", "message": "错别字"}]}, content_type="application/json",
        **bearer(reviewer_user)), 422, "validation_failed")
    assert body["errors"][0]["field"] == "reasons[0].check"
    assert not bureau_filing.events.filter(kind=FilingEventKind.RETURNED).exists()


def test_an_accepted_filing_cannot_be_returned(client, accepted_filing, reviewer_user):
    body = assert_problem(client.post(f"/api/v1/filings/{accepted_filing.pk}/return", {
        "reasons": [{"check": "", "message": "x"}]}, content_type="application/json", **bearer(reviewer_user)),
        409, "invalid_transition")
    assert body["current"] == FilingState.ACCEPTED


def test_a_filing_that_does_not_exist_is_not_found(client, reviewer_user):
    assert_problem(client.post("/api/v1/filings/999999/accept", {}, content_type="application/json",
                               **bearer(reviewer_user)), 404, "not_found")


# --- The checks -----------------------------------------------------------------------------------------
def test_those_who_work_on_a_filing_read_its_checks_with_their_evidence(client, bureau_filing, reviewer_user):
    response = client.get(f"/api/v1/filings/{bureau_filing.pk}/checks", **bearer(reviewer_user))
    assert response.status_code == 200
    checks = {c["code"]: c for c in response.json()["checks"]}
    assert checks["ownership"]["label"] == "代号归属" and checks["ownership"]["params"]["code"] == "32"
    assert "evidence" in checks["coordination"]


def test_the_checks_speak_the_requests_language(client, bureau_filing, reviewer_user):
    response = client.get(f"/api/v1/filings/{bureau_filing.pk}/checks", HTTP_ACCEPT_LANGUAGE="en",
                          **bearer(reviewer_user))
    assert response.status_code == 200


def test_the_checks_are_refused_to_those_who_do_not_work_on_the_filing(client, accepted_filing, ministry_user):
    assert_problem(client.get(f"/api/v1/filings/{accepted_filing.pk}/checks", **bearer(ministry_user)), 403,
                   "permission_denied")
    assert_problem(client.get(f"/api/v1/filings/{accepted_filing.pk}/checks"), 401, "unauthenticated")
