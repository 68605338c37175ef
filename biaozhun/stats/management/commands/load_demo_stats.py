"""Demo statistics (idempotent): the year-end snapshots of the demo years, computed from the demo records loaded
before (catalogue, projects, filings, declarations, feedback, assessments, international)."""

from django.core.management.base import BaseCommand

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.stats.services import take_snapshot

DEMO_YEARS = 5


class Command(BaseCommand):
    help = "Compute the statistics snapshots of the last few year-ends for the demo (safe to run again)."

    def handle(self, *args, **options):
        this_year = clock.today().year
        for year in range(this_year - DEMO_YEARS, this_year):
            result = take_snapshot(actor=SYSTEM, year=year)
            self.stdout.write(f"stats {year}: {result.values} values")
