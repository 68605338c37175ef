"""The feedback API: submitting (JSON, or multipart with attachments; signed in or not), following an item with a code,
the handler's queue and acts, interpretations; refusals as problem+json that write nothing."""

import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.accounts.services import create_api_token
from biaozhun.feedback.models import Feedback, FeedbackEvent, FeedbackState
from tests.factories.files import real_pdf
from tests.fixtures.feedback import TEXT, VISITOR, submit

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
API = "/api/v1/feedback"


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(actor=user, name='脚本')[1]}"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def scene(tc28_standard, tc28_committee, tc_secretariat, secretariat_user, national_administration):
    return tc28_standard


def body(standard, **extra):
    return {"standard": standard.identifier, "category": "content", "text": TEXT, "clause": "7.1.5", **extra}


def form(data: dict, *files) -> dict:
    """The multipart body: the fields as JSON in `feedback`, files in `attachments`."""
    return {"feedback": json.dumps(data, ensure_ascii=False), **({"attachments": list(files)} if files else {})}


def test_a_visitor_submits_json_and_gets_the_tracking_number(client, scene):
    response = client.post(f"{API}/", form(body(scene, contact={"name": VISITOR.name, "email": VISITOR.email})))
    assert response.status_code == 201
    data = response.json()
    item = Feedback.objects.get()
    assert (data["tracking_number"], data["state"]) == (item.tracking_number, "routed")
    assert VISITOR.email not in response.content.decode() and VISITOR.name not in response.content.decode()


def test_a_registered_person_submits_with_an_attachment(client, scene, registered_user):
    response = client.post(f"{API}/", form(body(scene), SimpleUploadedFile("r.pdf", real_pdf("x"))),
                           **bearer(registered_user))
    assert response.status_code == 201, response.content
    item = Feedback.objects.get()
    assert item.author == registered_user and item.attachments.count() == 1
    assert response.json()["attachments"][0]["filename"] == "r.pdf"


def test_refusals_are_problems_naming_fields_and_write_nothing(client, scene):
    response = client.post(f"{API}/", form(body(scene, text="短")))
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert {e["field"] for e in response.json()["errors"]} == {"text", "name", "email"}
    missing = client.post(f"{API}/", form({**body(scene), "standard": "GB/T 99999-2099"}))
    assert missing.status_code == 404 and missing["Content-Type"] == PROBLEM
    assert not Feedback.objects.exists() and not FeedbackEvent.objects.exists()


def test_a_visitor_follows_the_item_with_a_code(client, feedback_item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{API}/track/code", json.dumps({"tracking_number": feedback_item.tracking_number,
                                                                 "email": VISITOR.email}),
                               content_type="application/json")
    assert response.status_code == 202
    code = re.search(r"^\s+(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(f"{API}/track/verify", json.dumps({"tracking_number": feedback_item.tracking_number,
                                                               "code": code}), content_type="application/json")
    assert response.status_code == 200 and response.json()["tracking_number"] == feedback_item.tracking_number
    again = client.post(f"{API}/track/verify", json.dumps({"tracking_number": feedback_item.tracking_number,
                                                            "code": code}), content_type="application/json")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "code"


def test_the_handler_works_the_queue_and_acts_through_the_api(client, feedback_item, secretariat_user):
    headers = bearer(secretariat_user)
    queue = client.get(f"{API}/queue", **headers).json()
    assert queue["counts"]["open"] == 1 and queue["items"][0]["tracking_number"] == feedback_item.tracking_number
    number = feedback_item.tracking_number
    acknowledged = client.post(f"{API}/{number}/acknowledge", json.dumps({"expected_version": feedback_item.version}),
                               content_type="application/json", **headers)
    assert acknowledged.status_code == 200 and acknowledged.json()["state"] == "acknowledged"
    answered = client.post(f"{API}/{number}/answer", json.dumps({"answer": "已核实，下次修订时调整。"}),
                           content_type="application/json", **headers).json()
    assert answered["state"] == "answered" and [h["kind"] for h in answered["history"]][-1] == "answered"
    published = client.post(f"{API}/{number}/interpretations", json.dumps({"kind": "faq", "question": "如何执行？"}),
                            content_type="application/json", **headers)
    assert published.status_code == 201
    assert client.get(f"{API}/interpretations", {"standard": feedback_item.standard.identifier}).json()[0][
        "question"] == "如何执行？"
    closed = client.post(f"{API}/{number}/close", json.dumps({}), content_type="application/json", **headers).json()
    assert closed["state"] == FeedbackState.CLOSED


def test_a_move_the_workflow_refuses_is_a_409_naming_what_is_allowed(client, answered_item, secretariat_user):
    response = client.post(f"{API}/{answered_item.tracking_number}/acknowledge", json.dumps({}),
                           content_type="application/json", **bearer(secretariat_user))
    assert response.status_code == 409 and response.json()["allowed"] == ["closed"]


def test_someone_who_may_see_but_not_act_is_refused_403_and_a_stranger_404(client, feedback_item, reviewer_user,
                                                                           registered_user):
    number = feedback_item.tracking_number
    refused = client.post(f"{API}/{number}/answer", json.dumps({"answer": "由国家标准委直接答复。"}),
                          content_type="application/json", **bearer(reviewer_user))
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    hidden = client.get(f"{API}/{number}", **bearer(registered_user))
    assert hidden.status_code == 404
    assert client.post(f"{API}/{number}/answer", json.dumps({"answer": "x" * 20}),
                       content_type="application/json").status_code == 401
    feedback_item.refresh_from_db()
    assert feedback_item.state == FeedbackState.ROUTED


def test_reassigning_through_the_api_answers_what_the_caller_may_still_see(client, feedback_item, secretariat_user,
                                                                           ministry):
    response = client.post(f"{API}/{feedback_item.tracking_number}/reassign",
                           json.dumps({"organisation": ministry.pk, "reason": "属主管部门"}),
                           content_type="application/json", **bearer(secretariat_user))
    assert response.status_code == 200
    assert (response.json()["assigned_to"], response.json()["history"]) == (ministry.name, [])


def test_my_feedback_lists_the_callers_items(client, own_item, registered_user, scene):
    submit(scene)
    data = client.get(f"{API}/mine", **bearer(registered_user)).json()
    assert data["count"] == 1 and data["items"][0]["tracking_number"] == own_item.tracking_number


def test_anonymous_submissions_are_limited(client, scene, settings):
    settings.BIAOZHUN_RATE_FEEDBACK = "1/hour"
    payload = body(scene, contact={"name": VISITOR.name, "email": VISITOR.email})
    assert client.post(f"{API}/", form(payload)).status_code == 201
    limited = client.post(f"{API}/", form(payload))
    assert limited.status_code == 429 and limited["Retry-After"]
