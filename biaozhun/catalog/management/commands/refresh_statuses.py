from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import refresh_due_statuses, refresh_statuses
from biaozhun.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Recompute derived statuses: those due today (default), or every edition with --all."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="recompute every edition, not only those due")
        parser.add_argument("--today", type=date.fromisoformat, help="the date to compute for (default: today)")

    def handle(self, *args, all=False, today=None, **options):
        today = today or timezone.localdate()
        if all:
            changed = refresh_statuses(Standard.objects.values_list("pk", flat=True).iterator(), actor=SYSTEM, today=today)
        else:
            changed = refresh_due_statuses(actor=SYSTEM, today=today)
        self.stdout.write(f"{changed} status(es) changed")
