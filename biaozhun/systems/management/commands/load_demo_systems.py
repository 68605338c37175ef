"""Demo standard systems and programme tags (biaozhun/systems/demo.py), through the services. Run after
load_demo_committees and load_demo_projects (their committees, standards and projects). Idempotent."""

from django.core.management.base import BaseCommand

from biaozhun.systems.demo import load


class Command(BaseCommand):
    help = "Load demo standard systems and programme tags (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(load(self.stdout))
