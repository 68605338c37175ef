"""Propagation runs in the background: the request that changes the catalogue only queues one scan (in its own
transaction); the tasks are idempotent (run twice, flag once), resume after a crash where the last batch committed,
and tell each owner once."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from biaozhun.catalog.models import RelationKind, StandardRelation
from biaozhun.core.actors import SYSTEM
from biaozhun.propagation import tasks
from biaozhun.propagation.models import Change, ChangeEvent, ChangeEventKind, ChangeState, Flag, ScanCursor
from biaozhun.propagation.notify import notify_change_owners
from biaozhun.propagation.services import propagation as propagation_service
from biaozhun.propagation.services.detection import scan_catalogue
from biaozhun.propagation.services.propagation import propagate_change
from tests.factories.accounts import UserFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.propagation import abolish, propagate

pytestmark = pytest.mark.django_db
SCAN = "biaozhun.propagation.tasks.scan_changes"
TODAY = date(2026, 3, 2)


@pytest.fixture
def cited_by_three(tc_secretariat):
    cited = make_standard("GB/T 43001-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    for n in range(3):
        make_standard(f"GB/T 4301{n}-2016", tc_code="SAC/TC 28", references=["GB/T 43001-2010"])
    return cited


@pytest.fixture
def database_tasks(settings):
    """The production task backend: tasks are rows in the site's database, run later by a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_request_that_abolishes_a_standard_only_queues_the_scan(client, database_tasks, tc28_committee,
                                                                   secretariat_user, tc_secretariat):
    with time_machine.travel(TODAY, tick=False):
        cited = make_standard("GB/T 43002-2020", tc_code="SAC/TC 28", published_on="2020-02-29",
                              implemented_on="2020-02-29")
        make_standard("GB/T 43003-2021", tc_code="SAC/TC 28", references=["GB/T 43002-2020"])
        client.force_login(secretariat_user)
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            response = client.post(f"/projects/reviews/{cited.pk}/conclude/", {
                "conclusion": "abolish", "abolish_on": TODAY.isoformat(), "reason": "技术已淘汰",
                "committee": "SAC/TC 28"})
        assert response.status_code == 302
        cited.refresh_from_db()
        assert cited.status == "abolished"
        assert not any("propagation_" in query["sql"] for query in queries.captured_queries)
        assert (Change.objects.count(), Flag.objects.count()) == (0, 0)
        assert DBTaskResult.objects.filter(task_path=SCAN).count() == 1  # queued in the request's transaction
        [change] = propagate()  # what the worker then does
    assert change.flag_count == 1


def test_one_scan_is_queued_per_transaction_however_many_events(database_tasks, cited_by_three):
    with transaction.atomic():
        abolish(cited_by_three)
        abolish(make_standard("GB/T 43004-2010", published_on="2010-01-01"))
    assert DBTaskResult.objects.filter(task_path=SCAN).count() == 1


def test_entering_an_edition_that_partly_replaces_one_queues_the_scan(db, django_capture_on_commit_callbacks):
    """The scan of a partial replacement: the partly replaced edition stays in force, so no status moves."""
    with time_machine.travel(TODAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        cited = make_standard("GB/T 43005-2010", published_on="2010-01-01", implemented_on="2010-06-01")
        make_standard("GB/T 43006-2016", tc_code="SAC/TC 28", references=["GB/T 43005-2010"])
        make_standard("GB/T 43007-2026", replaces=[{"identifier": "GB/T 43005-2010", "partial": True}],
                      published_on=TODAY, implemented_on=TODAY)
    [change] = Change.objects.filter(standard=cited)
    assert change.partly_by.identifier == "GB/T 43007-2026"


def test_a_rolled_back_change_queues_nothing(database_tasks, cited_by_three):
    queued = DBTaskResult.objects.filter(task_path=SCAN).count()  # by the entry of the editions
    with pytest.raises(RuntimeError), transaction.atomic():
        abolish(cited_by_three)
        raise RuntimeError("the request failed after the abolition")
    assert DBTaskResult.objects.filter(task_path=SCAN).count() == queued


def test_the_tasks_run_twice_flag_once(cited_by_three, django_capture_on_commit_callbacks):
    abolish(cited_by_three)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.scan_changes.call() == 1
    assert tasks.scan_changes.call() == 0  # the cursor moved with the change
    change = Change.objects.get()
    assert tasks.propagate_change_task.call(change.pk) == 3
    assert tasks.propagate_change_task.call(change.pk) == 3
    assert Flag.objects.count() == 3


def test_a_batch_done_again_writes_no_second_flag(cited_by_three):
    abolish(cited_by_three)
    [change] = propagate()
    Change.objects.filter(pk=change.pk).update(state=ChangeState.PENDING, progress={})  # as if never recorded
    propagate_change(actor=SYSTEM, change=change)
    assert Flag.objects.count() == 3


def test_a_run_killed_half_way_resumes_after_the_last_batch_it_committed(cited_by_three, monkeypatch):
    abolish(cited_by_three)
    [change_id] = scan_catalogue(actor=SYSTEM)
    change = Change.objects.get(pk=change_id)
    real_write, calls = propagation_service._write, []

    def dies_on_the_second_batch(change, drafts):
        calls.append(len(drafts))
        if len(calls) == 2:
            raise MemoryError("the worker was killed")
        real_write(change, drafts)

    monkeypatch.setattr(propagation_service, "_write", dies_on_the_second_batch)
    with pytest.raises(MemoryError):
        propagate_change(actor=SYSTEM, change=change, batch=1)
    change.refresh_from_db()
    first_link = StandardRelation.objects.filter(kind=RelationKind.REFERENCES).order_by("pk").first().pk
    assert (change.state, change.progress, Flag.objects.count()) == (ChangeState.PENDING,
                                                                      {"step": 0, "after": first_link}, 1)
    monkeypatch.setattr(propagation_service, "_write", real_write)
    propagate_change(actor=SYSTEM, change=change, batch=1)
    change.refresh_from_db()
    assert (change.state, change.flag_count, Flag.objects.count()) == (ChangeState.DONE, 3, 3)
    batches = ChangeEvent.objects.filter(change=change, kind=ChangeEventKind.FLAGGED)
    assert [e.data["rows"] for e in batches] == [1, 1, 1]


def test_the_daily_run_finishes_what_a_dead_worker_left(cited_by_three):
    abolish(cited_by_three)
    scan_catalogue(actor=SYSTEM)  # the change made, its propagation task lost
    assert tasks.resume_propagation.call() == {"changes": 0, "propagated": 1}
    assert Change.objects.get().state == ChangeState.DONE


def test_two_scans_do_not_make_a_change_twice(cited_by_three):
    abolish(cited_by_three)
    assert len(scan_catalogue(actor=SYSTEM)) == 1
    ScanCursor.objects.update(last_event_id=0)  # a scan that had read the same events
    assert scan_catalogue(actor=SYSTEM) == []
    assert Change.objects.count() == 1


def test_each_person_acting_for_an_owner_gets_one_email_and_owners_are_told_once(cited_by_three, tc_secretariat,
                                                                                   secretariat_user):
    UserFactory(member_of=tc_secretariat, member_of__role="member")  # staff who only read: not mailed
    abolish(cited_by_three)
    [change] = propagate()
    mail.outbox.clear()
    assert notify_change_owners.call(change.pk) == 1
    assert notify_change_owners.call(change.pk) == 0
    [message] = mail.outbox
    assert message.to == [secretariat_user.email]
    assert "GB/T 43001-2010 已废止：本单位 3 项引用待核查" in message.subject
    assert "GB/T 43010-2016" in message.body and f"?change={change.pk}&owner={tc_secretariat.pk}" in message.body


def test_the_finished_change_queues_the_owners_emails(cited_by_three, secretariat_user, django_capture_on_commit_callbacks):
    abolish(cited_by_three)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        propagate()
    assert [m.to for m in mail.outbox] == [[secretariat_user.email]]


def test_the_daily_run_is_scheduled_after_the_status_sweep(settings):
    assert ("biaozhun.propagation.tasks.resume_propagation", "00:12") in settings.BIAOZHUN_DAILY_TASKS
