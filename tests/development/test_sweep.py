"""The daily sweep: public periods end on the right day, deadline notices go out once each, overdue projects
freeze, published standards come into force, due ballots close; a second run changes nothing."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, TimeLimitPassed
from biaozhun.development.models import Project, ProjectEvent
from biaozhun.development.services import move_project, propose_project
from biaozhun.development.sweep import sweep
from biaozhun.development.timeline import describe
from biaozhun.rules.stages import Stage
from tests.factories.development import ProjectFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

# advance() plans a project on 2026-02-05: a recommended standard is due for approval 18 months later.
DEADLINE = date(2027, 8, 5)


def sweep_on(day: date) -> dict[str, int]:
    with time_machine.travel(day, tick=False):
        return sweep(actor=SYSTEM)


def kinds(project, *wanted) -> list[str]:
    return list(project.events.filter(kind__in=wanted).order_by("id").values_list("kind", flat=True))


@pytest.fixture
def drafting(tc28_project, walk):
    project = walk(tc28_project, Stage.DRAFTING)
    assert project.deadline == DEADLINE
    return project


def test_reminder_due_today_and_overdue_each_go_out_once(drafting, secretariat_user,
                                                       django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_on(date(2027, 7, 28))["reminders"] == 0  # 8 days before
        assert sweep_on(date(2027, 7, 29))["reminders"] == 1  # 7 days before
        assert sweep_on(date(2027, 7, 30))["reminders"] == 0
    assert [m.to for m in mail.outbox] == [[secretariat_user.email]]
    assert "期限提醒" in mail.outbox[0].subject and "2027-08-05" in mail.outbox[0].body
    reminder = drafting.events.get(kind=ProjectEvent.Kind.DEADLINE_REMINDER)
    assert reminder.data == {"state": "reminder", "deadline": "2027-08-05", "days_left": 7}

    assert sweep_on(DEADLINE)["due_today"] == 1
    assert sweep_on(DEADLINE)["due_today"] == 0
    drafting.refresh_from_db()
    assert not drafting.frozen

    assert sweep_on(date(2027, 8, 6))["overdue"] == 1
    assert sweep_on(date(2027, 8, 7))["overdue"] == 0
    drafting.refresh_from_db()
    assert drafting.frozen and drafting.deadline_notice == "overdue"
    assert kinds(drafting, "deadline_reminder", "overdue") == ["deadline_reminder", "deadline_reminder", "overdue"]
    assert drafting.events.get(kind="overdue").data["days_left"] == -1


def test_a_frozen_project_cannot_go_forward_but_may_be_suspended_or_terminated(drafting, secretariat_user):
    sweep_on(date(2027, 8, 6))
    drafting.refresh_from_db()
    with time_machine.travel(date(2027, 8, 10), tick=False):
        with pytest.raises(TimeLimitPassed) as refused:
            move_project(actor=secretariat_user, project=drafting, to=Stage.COMMENT, expected_version=drafting.version)
        assert refused.value.data["rule"] == "cycle_recommended"
        assert "2027-08-05" in refused.value.message
        project = move_project(actor=secretariat_user, project=drafting, to=Stage.SUSPENDED,
                               expected_version=drafting.version, reason="等待评估")
        project = move_project(actor=secretariat_user, project=project, to=Stage.TERMINATED,
                               expected_version=project.version, reason="超期")
    assert project.stage == Stage.TERMINATED


def test_after_missed_days_only_the_current_notice_is_sent(tc28_project, tc28_committee, secretariat_user, walk):
    second = walk(propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="信息技术 第二个项目",
                                  kind="new", nature="recommended"), Stage.DRAFTING)
    drafting = walk(tc28_project, Stage.DRAFTING)
    # The sweep did not run for weeks: one project is now 3 days from its deadline, the other past it.
    Project.objects.filter(pk=second.pk).update(deadline=date(2027, 8, 1))
    counts = sweep_on(date(2027, 8, 2))
    assert (counts["reminders"], counts["due_today"], counts["overdue"]) == (1, 0, 1)
    assert kinds(drafting, "deadline_reminder", "overdue") == ["deadline_reminder"]
    assert drafting.events.get(kind="deadline_reminder").data["days_left"] == 3
    assert kinds(second, "deadline_reminder", "overdue") == ["overdue"]


def test_a_second_run_on_the_same_day_changes_nothing(drafting, tc28_committee, secretariat_user, walk):
    notice = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="信息技术 公示中", kind="new",
                             nature="recommended")
    walk(notice, Stage.NOTICE, start=date(2027, 6, 1))  # public notice until 2027-07-01
    day = date(2027, 8, 6)
    first = sweep_on(day)
    assert (first["notice_closed"], first["overdue"]) == (1, 1)
    events = ProjectEvent.objects.count()
    versions = list(Project.objects.order_by("pk").values_list("version", flat=True))
    assert set(sweep_on(day).values()) == {0}
    assert ProjectEvent.objects.count() == events
    assert list(Project.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_the_public_notice_closes_the_day_after_its_last_day(tc28_project, walk):
    project = walk(tc28_project, Stage.NOTICE)  # 2026-01-05, comments taken until 2026-02-04
    assert project.period_ends_on == date(2026, 2, 4)
    assert sweep_on(date(2026, 2, 4))["notice_closed"] == 0
    project.refresh_from_db()
    assert project.period_open
    assert sweep_on(date(2026, 2, 5))["notice_closed"] == 1
    project.refresh_from_db()
    assert not project.period_open and project.stage == Stage.NOTICE
    closed = project.events.get(kind="period_closed")
    assert (closed.data, closed.actor) == ({"period_ends_on": "2026-02-04"}, None)  # the platform acted


def test_the_comment_period_ends_into_disposition_the_day_after_its_last_day(tc28_project, walk):
    project = walk(tc28_project, Stage.COMMENT)  # opened 2026-02-19 for 60 days
    last_day = project.period_ends_on
    assert last_day == date(2026, 4, 20)
    assert sweep_on(last_day)["comment_closed"] == 0
    assert sweep_on(date(2026, 4, 21))["comment_closed"] == 1
    project.refresh_from_db()
    assert project.stage == Stage.DISPOSITION and project.period_closed
    moved = project.events.filter(kind="moved").latest("id")
    assert (moved.from_stage, moved.to_stage, moved.reason, moved.actor) == ("comment", "disposition", "", None)
    # What the platform did is said in the reader's language when the history is read, not stored in one
    assert describe(moved, {}) == "征求意见期于 2026-04-20 期满"
    with translation.override("en"):
        assert describe(moved, {}) == "The public comment period ended on 2026-04-20"


def test_a_published_standard_comes_into_force_on_its_implementation_date(tc28_committee):
    standard = make_standard("GB/T 45001-2027", title_zh="信息技术 云计算 参考架构", published_on=date(2027, 3, 1),
                             implemented_on=date(2027, 10, 1))
    edition = ProjectFactory(committee=tc28_committee, stage=Stage.PUBLISHED, standard=standard,
                             published_identifier=standard.identifier, implemented_on=standard.implemented_on)
    amendment = ProjectFactory(committee=tc28_committee, title_zh="修改单", kind="amendment", stage=Stage.PUBLISHED,
                               implemented_on=date(2027, 12, 1), published_identifier="GB/T 45001-2027/XG1-2027")
    assert sweep_on(date(2027, 9, 30))["into_force"] == 0
    assert sweep_on(date(2027, 10, 1))["into_force"] == 1
    edition.refresh_from_db()
    amendment.refresh_from_db()
    assert (edition.stage, amendment.stage) == (Stage.IN_FORCE, Stage.PUBLISHED)
    assert sweep_on(date(2027, 12, 1))["into_force"] == 1  # an amendment sheet comes into force too
    amendment.refresh_from_db()
    assert amendment.stage == Stage.IN_FORCE
    moved = edition.events.get(kind="moved", to_stage=Stage.IN_FORCE)
    assert (moved.data, moved.actor) == ({"implemented_on": "2027-10-01"}, None)


def test_letter_ballots_close_after_their_last_day(tc28_ballot):
    last_day = tc28_ballot.closes_on
    assert sweep_on(last_day)["ballots_closed"] == 0
    assert sweep_on(date.fromordinal(last_day.toordinal() + 1))["ballots_closed"] == 1
    tc28_ballot.refresh_from_db()
    assert not tc28_ballot.is_open


def test_the_sweep_is_the_platforms_or_an_administrators(drafting, secretariat_user, admin_user):
    with pytest.raises(PermissionDeniedError):
        sweep(actor=secretariat_user, today=date(2027, 8, 6))
    drafting.refresh_from_db()
    assert not drafting.frozen
    with time_machine.travel(date(2027, 8, 6), tick=False):
        assert sweep(actor=admin_user)["overdue"] == 1
    assert drafting.events.get(kind="overdue").actor == admin_user


def test_a_suspended_project_keeps_its_deadline_and_is_left_alone(drafting, secretariat_user, client):
    """The one rule for suspended projects (Project.deadline_shown): never reminded or frozen while suspended, the
    deadline still shown; the sweep catches up once it resumes."""
    with time_machine.travel(date(2027, 7, 1), tick=False):
        project = move_project(actor=secretariat_user, project=drafting, to=Stage.SUSPENDED,
                               expected_version=drafting.version, reason="等待相关标准")
    assert set(sweep_on(date(2027, 7, 29)).values()) == {0}
    assert set(sweep_on(date(2027, 8, 6)).values()) == {0}
    project.refresh_from_db()
    assert (project.deadline, project.frozen, project.deadline_notice) == (DEADLINE, False, "")
    assert project.deadline_shown and not project.deadline_runs
    with time_machine.travel(date(2027, 8, 6), tick=False):
        page = client.get(project.get_absolute_url()).content.decode()
    assert '<span class="badge text-bg-danger">已超期</span>' in page and 'id="deadline-suspended"' in page
    with time_machine.travel(date(2027, 8, 7), tick=False):
        move_project(actor=secretariat_user, project=project, to=Stage.DRAFTING, expected_version=project.version)
    assert sweep_on(date(2027, 8, 7))["overdue"] == 1


def test_the_daily_task_runs_the_sweep(drafting, settings):
    from biaozhun.development.tasks import sweep_projects

    assert ("biaozhun.development.tasks.sweep_projects", "00:15") in settings.BIAOZHUN_DAILY_TASKS
    with time_machine.travel(date(2027, 8, 6), tick=False):
        result = sweep_projects.enqueue()
    assert result.return_value["overdue"] == 1
