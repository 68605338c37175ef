"""A task's writes (services/tasks.py): state moves and their refusals, progress reports, assignment, evidence;
each with its event, and refusals that write nothing."""

from datetime import date

import pytest
import time_machine

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.core.models import AppendOnlyError
from biaozhun.rules.workplan import MOVES, TaskState, check_move, is_overdue
from biaozhun.workplan.models import ProgressReport, TaskEvent, TaskEvidence
from biaozhun.workplan.services.tasks import assign_task, link_evidence, move_task, report_progress
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def _kinds(task):
    return list(task.events.order_by("id").values_list("kind", "from_state", "to_state"))


def test_the_lead_unit_starts_delays_resumes_and_finishes_its_task(ministry_task, ministry_user):
    task = move_task(actor=ministry_user, task=ministry_task, to=TaskState.IN_PROGRESS)
    task = move_task(actor=ministry_user, task=task, to=TaskState.DELAYED, reason="等待部门意见")
    task = move_task(actor=ministry_user, task=task, to=TaskState.DONE)
    assert task.state == TaskState.DONE
    moves = [(f, t) for kind, f, t in _kinds(task) if kind == "moved"]
    assert moves == [("not_started", "in_progress"), ("in_progress", "delayed"), ("delayed", "done")]
    assert task.events.filter(kind="moved").last().actor == ministry_user


def test_a_move_the_table_does_not_allow_is_refused_naming_the_allowed_ones(ministry_task, admin_user):
    task = move_task(actor=admin_user, task=ministry_task, to=TaskState.CANCELLED, reason="合并")
    events = TaskEvent.objects.count()
    with pytest.raises(InvalidTransition) as refused:
        move_task(actor=admin_user, task=task, to=TaskState.IN_PROGRESS)
    assert refused.value.data["allowed"] == []
    assert "已取消" in refused.value.message
    with pytest.raises(InvalidTransition, match="不能改为"):
        move_task(actor=admin_user, task=task, to="finished")
    assert TaskEvent.objects.count() == events


def test_only_the_administration_cancels_and_reopens(ministry_task, ministry_user, admin_user):
    with pytest.raises(PermissionDeniedError):
        move_task(actor=ministry_user, task=ministry_task, to=TaskState.CANCELLED, reason="不做了")
    task = move_task(actor=ministry_user, task=ministry_task, to=TaskState.DONE)
    with pytest.raises(PermissionDeniedError):
        move_task(actor=ministry_user, task=task, to=TaskState.IN_PROGRESS, reason="补充")
    task = move_task(actor=admin_user, task=task, to=TaskState.IN_PROGRESS, reason="需补充材料")
    assert task.state == TaskState.IN_PROGRESS


def test_the_administration_does_not_make_the_units_moves(ministry_task, admin_user):
    with pytest.raises(PermissionDeniedError):
        move_task(actor=admin_user, task=ministry_task, to=TaskState.DONE)


def test_people_outside_the_units_cannot_move_a_task(ministry_task, bureau_user, reviewer_user):
    for user in (bureau_user, reviewer_user):
        with pytest.raises(PermissionDeniedError):
            move_task(actor=user, task=ministry_task, to=TaskState.IN_PROGRESS)
    assert not ministry_task.events.filter(kind="moved").exists()


def test_cancelling_and_delays_need_a_reason(ministry_task, ministry_user, admin_user):
    with pytest.raises(ValidationFailed) as refused:
        move_task(actor=ministry_user, task=ministry_task, to=TaskState.DELAYED)
    assert refused.value.errors[0]["field"] == "reason"
    with pytest.raises(ValidationFailed):
        move_task(actor=admin_user, task=ministry_task, to=TaskState.CANCELLED, reason="  ")


def test_every_state_has_its_moves_and_cancelled_is_final():
    assert set(MOVES) == set(TaskState)
    assert MOVES[TaskState.CANCELLED] == ()
    check_move("done", "in_progress")
    with pytest.raises(ValueError):
        check_move("not_started", "not_started")


def test_overdue_follows_from_the_due_date_and_the_state():
    today = date(2019, 7, 1)
    assert is_overdue("in_progress", date(2019, 6, 30), today)
    assert is_overdue("delayed", date(2019, 6, 30), today)
    assert not is_overdue("done", date(2019, 6, 30), today)
    assert not is_overdue("cancelled", date(2019, 6, 30), today)
    assert not is_overdue("in_progress", date(2019, 7, 1), today)
    assert not is_overdue("in_progress", None, today)


@time_machine.travel("2019-08-01 10:00:00+08:00", tick=False)
def test_a_report_is_an_immutable_event_and_a_first_one_starts_the_task(group_task, bureau_user):
    report = report_progress(actor=bureau_user, task=group_task, percent=30, text="完成调研。",
                             on=date(2019, 7, 31))
    group_task.refresh_from_db()
    assert (group_task.percent, group_task.state, group_task.reported_on) == (30, "in_progress", date(2019, 7, 31))
    assert (report.actor, report.unit, report.percent) == (bureau_user, bureau_user.memberships.get().organisation, 30)
    assert [k for k, *_ in _kinds(group_task)][-2:] == ["reported", "moved"]
    report.text = "改写"
    with pytest.raises(AppendOnlyError):
        report.save()
    with pytest.raises(AppendOnlyError):
        ProgressReport.objects.filter(pk=report.pk).update(percent=90)


@time_machine.travel("2019-08-01 10:00:00+08:00", tick=False)
def test_a_report_can_finish_the_task_at_100_percent_only(group_task, social_organisation_user):
    with pytest.raises(ValidationFailed, match="100%"):
        report_progress(actor=social_organisation_user, task=group_task, percent=90, text="基本完成。", to="done")
    assert not group_task.reports.exists()
    report_progress(actor=social_organisation_user, task=group_task, percent=100, text="已完成。", to="done")
    group_task.refresh_from_db()
    assert group_task.state == "done"


@time_machine.travel("2019-08-01 10:00:00+08:00", tick=False)
@pytest.mark.parametrize("percent, text, on, field", [
    (101, "进展", None, "percent"), (-1, "进展", None, "percent"), (50, "  ", None, "text"),
    (50, "进展", date(2019, 8, 2), "on"), (50, "x" * 2001, None, "text"),
])
def test_bad_reports_are_refused_field_by_field(group_task, bureau_user, percent, text, on, field):
    with pytest.raises(ValidationFailed) as refused:
        report_progress(actor=bureau_user, task=group_task, percent=percent, text=text, on=on)
    assert refused.value.errors[0]["field"] == field
    assert not group_task.reports.exists()


def test_only_the_units_report_progress(group_task, ministry_user, admin_user, reviewer_user):
    for user in (ministry_user, admin_user, reviewer_user):
        with pytest.raises(PermissionDeniedError):
            report_progress(actor=user, task=group_task, percent=10, text="代报")
    assert not group_task.reports.exists()


def test_assigning_units_and_a_due_date_writes_one_event_with_before_and_after(ministry_task, admin_user, bureau,
                                                                               ministry):
    task = assign_task(actor=admin_user, task=ministry_task, lead_unit=bureau, co_units=[ministry, bureau],
                       due_on=date(2019, 9, 30))
    assert task.lead_unit == bureau and list(task.co_units.all()) == [ministry]  # the lead is not also co-responsible
    event = task.events.filter(kind="assigned").last()
    assert event.data["before"]["lead_unit"] == ministry.pk
    assert event.data["after"] == {"lead_unit": bureau.pk, "co_units": [ministry.pk], "due_on": "2019-09-30"}
    events = task.events.count()
    assign_task(actor=admin_user, task=task, lead_unit=bureau, co_units=[ministry], due_on=date(2019, 9, 30))
    assert task.events.count() == events


def test_assigning_is_for_administrators_and_checks_the_date(ministry_task, ministry_user, admin_user, ministry):
    with pytest.raises(PermissionDeniedError):
        assign_task(actor=ministry_user, task=ministry_task, lead_unit=ministry, co_units=[], due_on=None)
    with pytest.raises(ValidationFailed) as refused:
        assign_task(actor=admin_user, task=ministry_task, lead_unit=ministry, co_units=[], due_on=date(2030, 1, 1))
    assert refused.value.errors[0]["field"] == "due_on"


def test_evidence_is_read_from_what_the_unit_typed_and_linked_once(ministry_task, ministry_user):
    make_standard("GB/T 19001-2016")
    link = link_evidence(actor=ministry_user, task=ministry_task, kind="standard", text="gb/t19001-2016",
                         note="已发布")
    assert (link.kind, link.key, link.created_by) == ("standard", "GB/T 19001-2016", ministry_user)
    assert link.url == "/std/GB/T%2019001-2016"
    assert ministry_task.events.filter(kind="evidence_added").get().data == {"kind": "standard",
                                                                          "key": "GB/T 19001-2016"}
    with pytest.raises(ValidationFailed, match="已经关联"):
        link_evidence(actor=ministry_user, task=ministry_task, kind="standard", text="GB/T 19001-2016")
    with pytest.raises(ValidationFailed) as refused:
        link_evidence(actor=ministry_user, task=ministry_task, kind="standard", text="GB/T 99999-2099")
    assert refused.value.errors[0]["field"] == "text"
    assert TaskEvidence.objects.count() == 1
