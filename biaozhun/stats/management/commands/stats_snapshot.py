"""Recompute a year-end's statistics snapshot: `manage.py stats_snapshot --year 2025` (default: last year)."""

from django.core.management.base import BaseCommand

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.stats.services import take_snapshot


class Command(BaseCommand):
    help = "Recompute every indicator as of 31 December of a year and store it as that year's snapshot."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="the year (repeat for several)")

    def handle(self, *args, year=None, **options):
        for each in year or [clock.today().year - 1]:
            result = take_snapshot(actor=SYSTEM, year=each)
            self.stdout.write(f"{each}: {result.values} values in {result.seconds:.1f} s")
