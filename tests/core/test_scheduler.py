"""The scheduler enqueues each daily task once per day, at or after its time, however many schedulers run."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.catalog.models import Standard
from biaozhun.core.management.commands.run_scheduler import enqueue_due
from biaozhun.core.models import ScheduledRun
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_nothing_before_the_time_of_day():
    assert enqueue_due(datetime(2027, 4, 1, 0, 1, tzinfo=SHANGHAI)) == []


def test_enqueued_once_per_day_and_the_task_runs():
    with time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=SHANGHAI), tick=False):
        make_standard("GB/T 8-2026", published_on="2026-10-01", implemented_on="2027-04-01")
    assert Standard.objects.get().status == "upcoming"
    morning = datetime(2027, 4, 1, 0, 10, tzinfo=SHANGHAI)
    with time_machine.travel(morning, tick=False):
        first = enqueue_due(morning)
        second = enqueue_due(datetime(2027, 4, 1, 9, 0, tzinfo=SHANGHAI))
        third = enqueue_due(datetime(2027, 4, 1, 10, 0, tzinfo=SHANGHAI))
    assert first == ["biaozhun.catalog.tasks.refresh_statuses_daily"]
    assert second == ["biaozhun.propagation.tasks.resume_propagation", "biaozhun.systems.tasks.carry_tags",
                      "biaozhun.development.tasks.sweep_projects", "biaozhun.filing.tasks.sweep_filings",
                      "biaozhun.filing.tasks.flag_superseded_standards", "biaozhun.inspections.tasks.sweep_inspections",
                      "biaozhun.feedback.tasks.sweep_feedback_daily",
                      "biaozhun.declarations.search.tasks.catch_up_search_index",
                      "biaozhun.committees.tasks.remind_term_ends_daily",
                      "biaozhun.workplan.tasks.remind_due_tasks_daily",
                      "biaozhun.international.tasks.participation.sweep_ballots_daily",
                      "biaozhun.stats.tasks.snapshot_last_year",
                      "biaozhun.portal.tasks.notify_watchers",
                      "biaozhun.accounts.tasks.purge_sign_in_failures",
                      "biaozhun.core.tasks.refresh_database_statistics"]
    assert third == []
    assert ScheduledRun.objects.count() == 16
    # The test settings run tasks immediately: the sweep has moved the standard into force.
    assert Standard.objects.get().status == "current"
