"""Demo international standardization: each part's demo data (biaozhun/international/demo), in order, through the
services. Run after load_demo_committees and load_demo_projects (their committees and accounts). Idempotent."""

from django.core.management.base import BaseCommand

from biaozhun.international.demo import PARTS


class Command(BaseCommand):
    help = "Load demo international standardization data (idempotent)."

    def handle(self, *args, **options):
        for part in PARTS:
            self.stdout.write(part.load(self.stdout))
