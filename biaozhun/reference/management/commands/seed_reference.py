from django.core.management.base import BaseCommand

from biaozhun.reference.seeding import seed_all


class Command(BaseCommand):
    help = ("Load CCS, ICS, industry codes, the GB/T 4754 industry classification, region codes and the holiday "
            "calendar (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--overwrite", action="store_true", help="also overwrite rows that already exist")

    def handle(self, *args, overwrite=False, **options):
        added = seed_all(overwrite=overwrite)
        self.stdout.write(", ".join(f"{name}: {count} added" for name, count in added.items()))
