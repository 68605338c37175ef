"""Enqueue the daily sweeps once a day; workers (`manage.py db_worker`) run them.

Several machines may run this: the (task, day) row is inserted first, so only one of them enqueues.
"""

import time
from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from biaozhun.core.models import ScheduledRun


def enqueue_due(now: datetime) -> list[str]:
    """Enqueue every daily task whose time has come today and that nobody enqueued yet."""
    enqueued = []
    local = timezone.localtime(now)
    for path, at in settings.BIAOZHUN_DAILY_TASKS:
        hour, minute = (int(x) for x in at.split(":"))
        if (local.hour, local.minute) < (hour, minute):
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(task=path, day=local.date())
                import_string(path).enqueue()
        except IntegrityError:
            continue
        enqueued.append(path)
    return enqueued


class Command(BaseCommand):
    help = "Run forever, enqueueing the daily tasks in settings.BIAOZHUN_DAILY_TASKS (use --once for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between checks")

    def handle(self, *args, once=False, interval=60, **options):
        while True:
            for path in enqueue_due(timezone.now()):
                self.stdout.write(f"enqueued {path}")
            if once:
                return
            time.sleep(interval)
