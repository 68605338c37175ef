"""Demo work plan: the 2019 plan imported, lead units assigned by part, progress on some items (through the
services). Run after load_demo_international (its organisations and accounts). Idempotent."""

from django.core.management.base import BaseCommand

from biaozhun.workplan import demo


class Command(BaseCommand):
    help = "Load the demo work plan (2019) with units and progress (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(demo.load(self.stdout))
