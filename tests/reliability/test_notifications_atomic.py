"""An email is never lost by a crash: its task is queued in the transaction that writes the event it reports.

Before, the notification was queued by an on-commit callback: a process killed between COMMIT and that
callback left the move done and its email never queued."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from biaozhun.core.outbox import OutsideTransaction, enqueue_with_transaction
from biaozhun.development.models import ProjectEvent
from biaozhun.development.notify import notify_project_event
from biaozhun.development.services import move_project
from biaozhun.feedback.services import submit_feedback
from biaozhun.rules.stages import Stage
from tests.reliability.conftest import ROOT

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOTIFY = "biaozhun.development.notify.notify_project_event"


@pytest.fixture
def database_tasks(settings):
    """The production task backend: tasks are rows in the site's database."""
    settings.TASKS = DATABASE_TASKS


def _queued(task_path: str) -> list[list]:
    return [row["args"] for row in DBTaskResult.objects.filter(task_path=task_path).values_list("args_kwargs", flat=True)]


@pytest.mark.django_db
def test_a_move_queues_its_email_before_it_commits(database_tasks, tc28_project, secretariat_user,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        move_project(actor=secretariat_user, project=tc28_project, to=Stage.NOTICE,
                     expected_version=tc28_project.version)
    event = ProjectEvent.objects.filter(project=tc28_project, kind=ProjectEvent.Kind.MOVED).get()
    assert [event.pk] in _queued(NOTIFY)  # already in the transaction: nothing waits for the commit
    assert callbacks == []


@pytest.mark.django_db
def test_a_move_that_rolls_back_queues_nothing(database_tasks, tc28_project, secretariat_user):
    before = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        move_project(actor=secretariat_user, project=tc28_project, to=Stage.NOTICE,
                     expected_version=tc28_project.version)
        raise RuntimeError("the request failed after the move")
    assert DBTaskResult.objects.count() == before
    assert not ProjectEvent.objects.filter(project=tc28_project, kind=ProjectEvent.Kind.MOVED).exists()


@pytest.mark.django_db
def test_feedback_queues_its_acknowledgement_in_the_same_transaction(database_tasks, registered_user,
                                                                     tc28_standard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        feedback = submit_feedback(actor=registered_user, standard=tc28_standard, category="content",
                                   text="第 5.2 条的试验温度与附录 A 不一致。")
    received = feedback.events.get(kind="received")
    assert _queued("biaozhun.feedback.notify.notify_feedback_event") == [[received.pk]]
    assert callbacks == []
    mail.outbox.clear()
    from biaozhun.feedback.notify import notify_feedback_event

    assert notify_feedback_event.call(received.pk) == 1
    assert mail.outbox[0].to == [registered_user.email] and feedback.tracking_number in mail.outbox[0].subject


def test_queueing_outside_the_change_s_transaction_is_refused():
    """Outside a transaction the change has committed on its own already: refused before anything is queued."""
    with pytest.raises(OutsideTransaction):
        enqueue_with_transaction(notify_project_event, 1)


@pytest.mark.slow
def test_killed_right_after_the_move_commits_the_email_is_still_sent(site):
    """A real process moves a project and is killed (SIGKILL) the instant COMMIT returns; then a worker runs."""
    crashed = subprocess.run([sys.executable, "tests/reliability/crash_after_commit.py"], cwd=ROOT, env=site.env,
                             capture_output=True, text=True, timeout=120)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    assert "committed" in crashed.stdout and "survived" not in crashed.stdout
    event_id = int(crashed.stdout.split("event ")[1].split()[0])
    with sqlite3.connect(site.db) as conn:
        assert conn.execute("SELECT kind, to_stage FROM development_projectevent WHERE id = ?",
                            (event_id,)).fetchone() == ("moved", "notice")
        queued = conn.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ? "
                              "AND args_kwargs = ?", (NOTIFY, f'{{"args": [{event_id}], "kwargs": {{}}}}')).fetchall()
    assert queued == [("READY",)], "the move committed without its notification queued"

    site.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", timeout=120)
    messages = [message_from_bytes(path.read_bytes()) for path in sorted(site.mail.glob("*.log"))]
    subjects = {str(make_header(decode_header(m["Subject"]))): m["To"] for m in messages}
    assert subjects.get("[标准制修订] 信息技术 崩溃恢复测试：阶段变更 → 立项公示") == "proposer@example.com", subjects
    with sqlite3.connect(site.db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status != 'SUCCESSFUL'"
                            ).fetchone() == (0,)


SCAN = "biaozhun.propagation.tasks.scan_changes"


@pytest.mark.django_db
def test_a_scan_is_queued_once_per_transaction_and_a_rolled_back_savepoint_takes_its_own(database_tasks):
    from biaozhun.core.outbox import enqueue_once_with_transaction
    from biaozhun.propagation.tasks import scan_changes

    with transaction.atomic():  # the request
        with pytest.raises(RuntimeError), transaction.atomic():  # a part of it that fails
            enqueue_once_with_transaction(scan_changes)
            raise RuntimeError("this part failed")
        assert _queued(SCAN) == []
        enqueue_once_with_transaction(scan_changes)  # the mark went with the savepoint: queued again
        enqueue_once_with_transaction(scan_changes)
        assert len(_queued(SCAN)) == 1
    assert len(_queued(SCAN)) == 1
