"""The work plan API: plans with progress by part, tasks filtered, one task with its reports, a unit's report and
a state change; problem+json refusals."""

import pytest

from biaozhun.workplan.models import TaskEvent

pytestmark = pytest.mark.django_db
API = "/api/v1/workplan"


def test_staff_read_the_plans_and_a_plan_by_part(client, reviewer_user, ministry_task):
    client.force_login(reviewer_user)
    plans = client.get(f"{API}/plans").json()
    assert [(p["year"], p["tasks"]) for p in plans] == [(2019, 123)]
    plan = client.get(f"{API}/plans/2019").json()
    assert [part["tasks"] for part in plan["parts"]] == [25, 38, 12, 21, 27]
    assert plan["parts"][0]["heading"].startswith("一、深化标准化工作改革")
    tasks = client.get(f"{API}/plans/2019/tasks", {"part": 3, "limit": 5}).json()
    assert tasks["count"] == 12 and [t["key"] for t in tasks["items"]] == ["64", "65", "66", "67", "68"]
    assert client.get(f"{API}/plans/2019/tasks", {"unit": ministry_task.lead_unit_id}).json()["count"] == 1
    assert client.get(f"{API}/plans/2020").status_code == 404


def test_reads_are_refused_to_the_public_and_people_without_a_staff_role(client, enterprise_user, ministry_task):
    assert client.get(f"{API}/plans").status_code == 401
    client.force_login(enterprise_user)
    refused = client.get(f"{API}/plans")
    assert refused.status_code == 403 and refused["Content-Type"].startswith("application/problem+json")
    assert client.get(f"{API}/tasks/{ministry_task.pk}").status_code == 404


def test_a_unit_member_reports_and_moves_through_the_api(client, ministry_user, ministry_task):
    client.force_login(ministry_user)
    answer = client.post(f"{API}/tasks/{ministry_task.pk}/reports", {"percent": 30, "text": "已启动研究。"},
                         content_type="application/json")
    assert answer.status_code == 201
    body = answer.json()
    assert (body["percent"], body["state"], body["reports"][0]["text"]) == (30, "in_progress", "已启动研究。")
    refused = client.post(f"{API}/tasks/{ministry_task.pk}/move", {"to": "cancelled", "reason": "不做"},
                          content_type="application/json")
    assert refused.status_code == 403
    refused = client.post(f"{API}/tasks/{ministry_task.pk}/move", {"to": "not_started"},
                          content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "invalid_transition"
    done = client.post(f"{API}/tasks/{ministry_task.pk}/move", {"to": "done"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "done"
    assert [e["kind"] for e in done.json()["events"]][-3:] == ["reported", "moved", "moved"]


def test_a_bad_report_is_422_and_writes_nothing(client, ministry_user, ministry_task):
    client.force_login(ministry_user)
    events = TaskEvent.objects.count()
    answer = client.post(f"{API}/tasks/{ministry_task.pk}/reports", {"percent": 101, "text": "x"},
                         content_type="application/json")
    assert answer.status_code == 422
    assert TaskEvent.objects.count() == events
