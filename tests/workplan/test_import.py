"""Importing a year's plan text (services/plans.py and the workplan_import command): the 2019 plan, idempotency,
updates that keep progress, refusals naming the line, and who may import."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.workplan.models import PlanEvent, Task, TaskEvent, TaskEventKind, WorkPlan
from biaozhun.workplan.services.plans import decode_plan_text, import_plan
from biaozhun.workplan.services.tasks import report_progress
from tests.fixtures.workplan import SEED

pytestmark = pytest.mark.django_db


def test_importing_the_2019_plan_makes_123_tasks_in_5_parts(admin_user, seed_text):
    result = import_plan(actor=admin_user, year=2019, text=seed_text, source_name="2019.txt")
    plan = result.plan
    assert result.created and len(result.added) == 123
    assert plan.title == "2019年全国标准化工作要点"
    assert plan.parts.count() == 5
    assert list(plan.parts.values_list("heading", flat=True))[3] == "大力推进国际标准化工作，建设更加开放兼容的标准体系"
    assert plan.tasks.count() == 123
    assert list(plan.tasks.order_by("position").values_list("key", flat=True)) == [str(n) for n in range(1, 124)]
    assert TaskEvent.objects.filter(task__plan=plan, kind=TaskEventKind.CREATED, actor=admin_user).count() == 123
    assert list(PlanEvent.objects.filter(plan=plan).values_list("kind", "data__added")) == [("imported", 123)]


def test_importing_the_same_text_again_changes_nothing(admin_user, plan_2019, seed_text):
    before = (TaskEvent.objects.count(), PlanEvent.objects.count(), plan_2019.updated_at)
    result = import_plan(actor=admin_user, year=2019, text=seed_text)
    assert not result.changes_anything and result.unchanged == 123
    plan_2019.refresh_from_db()
    assert (TaskEvent.objects.count(), PlanEvent.objects.count(), plan_2019.updated_at) == before


def test_the_same_text_with_a_bom_and_crlf_counts_as_the_same(admin_user, plan_2019, seed_text):
    events = TaskEvent.objects.count()
    result = import_plan(actor=admin_user, year=2019, text="\ufeff" + seed_text.replace("\n", "\r\n"))
    assert not result.changes_anything
    assert TaskEvent.objects.count() == events


def test_a_changed_text_updates_items_and_keeps_their_progress(admin_user, ministry_task, ministry_user, seed_text):
    report_progress(actor=ministry_user, task=ministry_task, percent=40, text="已开展研讨。", on=date(2019, 5, 1))
    changed = seed_text.replace("3. 基于项目研究成果，抓紧编制标准化战略纲领性文件。",
                                "3. 基于项目研究成果，抓紧编制国家标准化发展纲要。")
    changed = changed.replace("1. 充分发挥中国工程院", "1. 继续充分发挥中国工程院")
    changed = changed.replace("123. 鼓励省级", "123. 继续鼓励省级")
    result = import_plan(actor=admin_user, year=2019, text=changed)
    assert sorted(result.changed) == ["1", "123", "3"] and not result.added and not result.removed
    task = Task.objects.get(pk=ministry_task.pk)
    assert task.text.startswith("继续充分发挥")
    assert (task.percent, task.state, task.lead_unit_id, task.due_on) == (40, "in_progress", ministry_task.lead_unit_id,
                                                                          date(2019, 12, 31))
    assert task.reports.count() == 1
    change = task.events.get(kind=TaskEventKind.TEXT_CHANGED)
    assert change.data["before"]["text"].startswith("充分发挥") and change.actor == admin_user
    assert PlanEvent.objects.filter(kind="updated").get().data["changed"] == ["1", "3", "123"]


def test_an_item_left_out_of_a_new_text_is_kept_out_of_the_plan_and_comes_back(admin_user, plan_2019, seed_text):
    shorter = seed_text[:seed_text.index("123. 鼓励省级")] + seed_text[seed_text.index("抄送："):]
    result = import_plan(actor=admin_user, year=2019, text=shorter)
    assert result.removed == ["123"]
    task = plan_2019.tasks.get(key="123")
    assert not task.in_plan
    assert plan_2019.tasks.filter(in_plan=True).count() == 122
    result = import_plan(actor=admin_user, year=2019, text=seed_text)
    assert result.restored == ["123"]
    assert list(task.events.values_list("kind", flat=True)) == ["created", "removed", "restored"]


def test_text_the_reader_cannot_place_is_refused_with_its_line_and_nothing_is_written(admin_user, seed_text):
    broken = seed_text.replace("5. 推动强制性国家标准", "6. 推动强制性国家标准", 1)
    with pytest.raises(ValidationFailed) as refused:
        import_plan(actor=admin_user, year=2019, text=broken)
    assert refused.value.errors[0]["line"] == 33
    assert "第 33 行" in refused.value.message and "条目编号应为 5" in refused.value.message
    assert not WorkPlan.objects.exists()


def test_only_administrators_import(reviewer_user, ministry_user, seed_text):
    for user in (reviewer_user, ministry_user):
        with pytest.raises(PermissionDeniedError):
            import_plan(actor=user, year=2019, text=seed_text)
    assert not WorkPlan.objects.exists()


def test_a_year_outside_the_known_range_is_refused(admin_user, seed_text):
    with pytest.raises(ValidationFailed):
        import_plan(actor=admin_user, year=1980, text=seed_text)


def test_gb18030_text_is_read():
    assert decode_plan_text("一、部分".encode("gb18030")) == "一、部分"
    with pytest.raises(ValidationFailed):
        decode_plan_text(b"\x00\x01\xff\xfe\x00")


def test_the_command_imports_then_reports_unchanged(tmp_path):
    out = io.StringIO()
    call_command("workplan_import", str(SEED), "--year", "2019", stdout=out)
    call_command("workplan_import", str(SEED), "--year", "2019", stdout=out)
    assert out.getvalue().splitlines() == ["2019: imported 123 items in 5 parts", "2019: unchanged (123 items)"]
    bad = tmp_path / "bad.txt"
    bad.write_text("一、部分\n（一）小节。\n1. 第一条。\n3. 第三条。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 4 行"):
        call_command("workplan_import", str(bad), "--year", "2020")


def test_the_system_may_import(seed_text):
    assert import_plan(actor=SYSTEM, year=2019, text=seed_text).plan.events.get().actor is None
