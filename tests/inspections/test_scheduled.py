"""`manage.py run_scheduler` runs the daily work of random inspections and of the declaration search index: the
overdue sweep (00:50) and the index's catch-up of `declarations_search_sync` (01:10, tested with the declarations'
scene in tests/declarations/test_search_scheduled.py), each once a day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.utils.module_loading import import_string

from biaozhun.core.management.commands.run_scheduler import enqueue_due
from biaozhun.core.models import ScheduledRun
from biaozhun.inspections import services

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
SWEEP = "biaozhun.inspections.tasks.sweep_inspections"
CATCH_UP = "biaozhun.declarations.search.tasks.catch_up_search_index"


@pytest.mark.parametrize(("path", "at"), [(SWEEP, "00:50"), (CATCH_UP, "01:10")])
def test_the_schedule_holds_the_daily_task_and_it_is_a_task(path, at):
    assert (path, at) in settings.BIAOZHUN_DAILY_TASKS
    assert callable(import_string(path).enqueue)


def test_the_scheduler_runs_the_overdue_sweep_once_on_the_first_day_past_the_limit(committed_campaign, bureau_user):
    with time_machine.travel(datetime(2025, 9, 26, 10, 0, tzinfo=SHANGHAI), tick=False):
        campaign = services.draw_campaign(bureau_user, campaign=committed_campaign)
    assert campaign.results_due_on == date(2025, 10, 30)
    night = datetime(2025, 10, 31, 0, 51, tzinfo=SHANGHAI)
    with time_machine.travel(night, tick=False):
        enqueued = enqueue_due(night)
        again = enqueue_due(datetime(2025, 10, 31, 8, 0, tzinfo=SHANGHAI))
    assert SWEEP in enqueued and SWEEP not in again
    campaign.refresh_from_db()
    assert campaign.overdue_at is not None
    assert ScheduledRun.objects.filter(task=SWEEP).count() == 1
