"""The committees API: drafts, submission refused with the fields to correct (the balance rule), the public list and
comments under pseudonyms, the decision, and terms."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.committees.applications.models import Application, ApplicationStatus
from biaozhun.committees.applications.services import comment_on_application, save_draft
from tests.fixtures.committees import establishment

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
API = "/api/v1/committees"


def payload(institute, ministry, categories=("producer", "user", "research", "testing", "consumer", "producer")):
    return {"purpose": "establish", "kind": "SWG", "code": "SAC/SWG 909", "name_zh": "全国数字孪生标准化工作组",
            "scope": "数字孪生。", "justification": "急需。", "international_counterpart": "ISO/IEC JTC 1/SC 41",
            "secretariat_id": institute.pk, "guiding_unit_id": ministry.pk,
            "seats": [{"name": f"委员{n}", "organisation": "某单位", "stakeholder": c,
                       "role": "chair" if n == 0 else "member"} for n, c in enumerate(categories)]}


def test_a_draft_is_made_and_submitted_through_the_api(client, ministry_user, ministry, institute):
    client.force_login(ministry_user)
    made = client.post(f"{API}/applications", payload(institute, ministry), content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["state"], body["applicant"], len(body["seats"])) == ("draft", "工业和信息化部", 6)
    submitted = client.post(f"{API}/applications/{body['id']}/submit")
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"


def test_an_unbalanced_roll_is_refused_with_the_field_and_nothing_changes(client, ministry_user, ministry, institute):
    client.force_login(ministry_user)
    body = client.post(f"{API}/applications", payload(institute, ministry, ("producer",) * 4 + ("user",)),
                       content_type="application/json").json()
    refused = client.post(f"{API}/applications/{body['id']}/submit")
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    problem = refused.json()
    assert problem["code"] == "validation_failed"
    assert [e["code"] for e in problem["errors"]] == ["unbalanced"]
    assert Application.objects.get(pk=body["id"]).state == ApplicationStatus.DRAFT


def test_the_public_lists_notices_only_and_reads_comments_under_pseudonyms(client, notice_application, ministry,
                                                                           ministry_user, registered_user):
    draft_application = save_draft(actor=ministry_user, applicant=ministry, data=establishment("SAC/TC 906"))
    comment_on_application(actor=registered_user, application=notice_application, text="意见")
    rows = client.get(f"{API}/applications").json()
    assert [r["id"] for r in rows] == [notice_application.pk]
    assert client.get(f"{API}/applications/{draft_application.pk}").status_code == 404
    comments = client.get(f"{API}/applications/{notice_application.pk}/comments").json()
    assert comments[0]["commenter"] == "意见人 1" and comments[0]["author_name"] is None


def test_the_administration_decides_and_reads_terms(client, submitted_application, admin_user):
    client.force_login(admin_user)
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=SHANGHAI), tick=False):
        assert client.post(f"{API}/applications/{submitted_application.pk}/notice").json()["state"] == "notice"
        early = client.post(f"{API}/applications/{submitted_application.pk}/decision", {"outcome": "approve"},
                            content_type="application/json")
    assert early.status_code == 409 and early.json()["code"] == "notice_running"
    with time_machine.travel(datetime(2026, 7, 2, 10, tzinfo=SHANGHAI), tick=False):
        decided = client.post(f"{API}/applications/{submitted_application.pk}/decision", {"outcome": "approve"},
                              content_type="application/json")
    assert decided.json()["state"] == "approved" and decided.json()["committee"] == "SAC/TC 901"
    terms = client.get(f"{API}/terms", {"committee": "SAC/TC 901"}).json()
    assert terms == [{"committee": "SAC/TC 901", "number": 1, "start": "2026-07-02", "end": "2031-07-01"}]


def test_a_stranger_cannot_decide_through_the_api(client, submitted_application, registered_user):
    client.force_login(registered_user)
    response = client.post(f"{API}/applications/{submitted_application.pk}/decision", {"outcome": "reject",
                           "reason": "x"}, content_type="application/json")
    assert response.status_code == 404  # not public yet: not told it exists
    assert Application.objects.get(pk=submitted_application.pk).state == ApplicationStatus.SUBMITTED
