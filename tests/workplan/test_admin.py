"""The back office saves a task's units and due date through the service (with its event); tasks are neither added
nor deleted there."""

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_assigns_units_through_the_service(admin_client, ministry_task, bureau, ministry):
    url = reverse("admin:workplan_task_change", args=[ministry_task.pk])
    assert admin_client.get(url).status_code == 200
    reports, events = ministry_task.reports.count(), ministry_task.events.count()
    answer = admin_client.post(url, {
        "lead_unit": bureau.pk, "co_units": [ministry.pk], "due_on": "2019-11-30",
        "reports-TOTAL_FORMS": reports, "reports-INITIAL_FORMS": reports, "reports-MIN_NUM_FORMS": 0,
        "reports-MAX_NUM_FORMS": 1000, "events-TOTAL_FORMS": events, "events-INITIAL_FORMS": events,
        "events-MIN_NUM_FORMS": 0, "events-MAX_NUM_FORMS": 1000,
        **{f"events-{i}-id": pk for i, pk in enumerate(ministry_task.events.order_by("at", "id")
                                                       .values_list("pk", flat=True))},
        **{f"events-{i}-task": ministry_task.pk for i in range(events)},
    })
    assert answer.status_code == 302, answer.content.decode()[:2000]
    ministry_task.refresh_from_db()
    assert (ministry_task.lead_unit, ministry_task.due_on) == (bureau, date(2019, 11, 30))
    assert list(ministry_task.co_units.all()) == [ministry]
    assert ministry_task.events.order_by("id").last().kind == "assigned"
    assert ministry_task.events.count() == events + 1


def test_tasks_are_not_added_or_deleted_in_the_admin(admin_client, ministry_task):
    assert admin_client.get(reverse("admin:workplan_task_add")).status_code == 403
    assert admin_client.get(reverse("admin:workplan_task_delete", args=[ministry_task.pk])).status_code == 403
