"""Due-date reminders of work-plan tasks (services/reminders.py, rules/workplan.reminder_due): 30 and 7 days ahead
and once when the date has passed, to the people of the lead and co-responsible units, once per stage and due date,
never for finished tasks; the pure rule with every stage."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.rules.workplan import OVERDUE_REMINDER, TaskState, reminder_due
from biaozhun.workplan.models import TaskEventKind
from biaozhun.workplan.services.reminders import remind_due_tasks
from biaozhun.workplan.services.tasks import assign_task, move_task
from biaozhun.workplan.tasks import remind_due_tasks_daily

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = date(2019, 12, 31)


def on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 1, tzinfo=SHANGHAI), tick=False)


def by_address_first(mailoutbox, user):
    return next(m for m in mailoutbox if m.to[0] == user.email)


def _reminders(task):
    return [event.data["days_before"] for event in task.events.filter(kind=TaskEventKind.REMINDED).order_by("id")]


@pytest.mark.django_db
def test_the_units_are_reminded_30_and_7_days_ahead_and_once_when_overdue(
        group_task, social_organisation_user, bureau_user, mailoutbox, django_capture_on_commit_callbacks):
    bureau_user.language = "en"
    bureau_user.save(update_fields=["language"])
    task = assign_task(actor=SYSTEM, task=group_task, lead_unit=group_task.lead_unit,
                       co_units=list(group_task.co_units.all()), due_on=DUE)
    with on(date(2019, 11, 30)):
        assert remind_due_tasks(actor=SYSTEM) == 0  # 31 days left
    with on(date(2019, 12, 1)), django_capture_on_commit_callbacks(execute=True):
        assert remind_due_tasks(actor=SYSTEM) == 1
        assert remind_due_tasks(actor=SYSTEM) == 0  # once per stage
    assert sorted(m.to[0] for m in mailoutbox) == sorted([social_organisation_user.email, bureau_user.email])
    assert f"第 {task.key} 项" in by_address_first(mailoutbox, social_organisation_user).subject
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "还有不到 30 天" in by_address[social_organisation_user.email].body
    english = by_address[bureau_user.email]
    assert english.subject == f"Work plan 2019, item {task.key}: due on 2019-12-31"
    assert "in fewer than 30 days" in english.body and f"/workplan/tasks/{task.pk}/" in english.body
    with on(date(2019, 12, 24)):
        assert remind_due_tasks(actor=SYSTEM) == 1
    with on(date(2020, 1, 1)), django_capture_on_commit_callbacks(execute=True):
        assert remind_due_tasks(actor=SYSTEM) == 1
    overdue = {m.to[0]: m.subject for m in mailoutbox[-2:]}
    assert "已过完成时限" in overdue[social_organisation_user.email]
    assert overdue[bureau_user.email] == f"Work plan 2019, item {task.key}: past its due date (2019-12-31)"
    with on(date(2020, 1, 15)):
        assert remind_due_tasks(actor=SYSTEM) == 0  # overdue is said once
    assert _reminders(task) == [30, 7, OVERDUE_REMINDER]
    assert task.events.filter(kind=TaskEventKind.REMINDED).first().actor is None  # the platform, not a person


@pytest.mark.django_db
def test_a_new_due_date_is_reminded_afresh_and_finished_tasks_never(ministry_task, ministry_user, admin_user):
    with on(date(2019, 12, 2)):
        assert remind_due_tasks(actor=SYSTEM) == 1
        task = assign_task(actor=admin_user, task=ministry_task, lead_unit=ministry_task.lead_unit, co_units=[],
                           due_on=date(2019, 12, 20))
        assert remind_due_tasks(actor=SYSTEM) == 1  # the new date, 18 days ahead: its 30-day stage
        move_task(actor=ministry_user, task=task, to=TaskState.DONE)
    with on(date(2019, 12, 15)):
        assert remind_due_tasks(actor=SYSTEM) == 0
    assert [(e.data["due_on"], e.data["days_before"]) for e in task.events.filter(kind=TaskEventKind.REMINDED)
            .order_by("id")] == [("2019-12-31", 30), ("2019-12-20", 30)]


@pytest.mark.django_db
def test_a_task_without_units_or_due_date_is_not_reminded(plan_2019):
    with on(date(2019, 12, 30)):
        assert remind_due_tasks(actor=SYSTEM) == 0
    assert not plan_2019.tasks.filter(events__kind=TaskEventKind.REMINDED).exists()


@pytest.mark.django_db
def test_only_the_platform_or_the_administration_sends_reminders(ministry_task, ministry_user):
    with pytest.raises(PermissionDeniedError):
        remind_due_tasks(actor=ministry_user)
    with on(date(2019, 12, 25)):
        assert remind_due_tasks_daily.call() == 1
    assert _reminders(ministry_task) == [7]


@given(due=st.dates(date(2019, 1, 1), date(2020, 12, 31)), today=st.dates(date(2019, 1, 1), date(2021, 6, 30)),
       state=st.sampled_from(list(TaskState)))
def test_the_stage_due_is_the_nearest_lead_reached_or_overdue_and_none_for_finished_tasks(due, today, state):
    stage = reminder_due(state, due, today, (30, 7))
    if state in (TaskState.DONE, TaskState.CANCELLED):
        assert stage is None
    elif today > due:
        assert stage == OVERDUE_REMINDER
    elif (due - today).days <= 7:
        assert stage == 7
    elif (due - today).days <= 30:
        assert stage == 30
    else:
        assert stage is None
    assert reminder_due(state, None, today, (30, 7)) is None
