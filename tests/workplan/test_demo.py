"""load_demo_workplan: the 2019 plan with lead units and progress, loaded twice without change."""

import io

import pytest
from django.core.management import call_command

from biaozhun.workplan.models import ProgressReport, Task, TaskEvent, WorkPlan

pytestmark = pytest.mark.django_db


def test_the_demo_plan_loads_once_with_units_and_progress():
    call_command("load_demo_workplan", stdout=io.StringIO())
    counts = (WorkPlan.objects.count(), Task.objects.count(), ProgressReport.objects.count(), TaskEvent.objects.count())
    assert counts[:3] == (1, 123, 9)
    assert not Task.objects.filter(lead_unit__isnull=True).exists()
    assert Task.objects.get(key="96").lead_unit.name == "国家标准化管理委员会"
    assert dict(Task.objects.values_list("key", "state").filter(key__in=["1", "41", "99"])) == {
        "1": "done", "41": "delayed", "99": "cancelled"}
    call_command("load_demo_workplan", stdout=io.StringIO())
    assert (WorkPlan.objects.count(), Task.objects.count(), ProgressReport.objects.count(),
            TaskEvent.objects.count()) == counts
