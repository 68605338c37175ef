"""The yearly snapshot, run by the scheduler (settings.BIAOZHUN_DAILY_TASKS): every day it checks whether last
year's year-end has been computed since the year turned, and computes it once when not (so the first run of a new
year takes the snapshot, and a missed day is caught up the next)."""

from django_tasks import task

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM

from .models import SnapshotRun
from .services import take_snapshot


@task()
def snapshot_last_year() -> dict[str, int]:
    today = clock.today()
    year = today.year - 1
    if SnapshotRun.objects.filter(year=year, at__year=today.year).exists():
        return {"year": year, "values": 0}
    result = take_snapshot(actor=SYSTEM, year=year)
    return {"year": year, "values": result.values}
