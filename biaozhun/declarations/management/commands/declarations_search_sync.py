"""Bring the declaration search index up to date with the event table, or write it again (--rebuild)."""

from django.core.management.base import BaseCommand

from biaozhun.declarations.search import sync


class Command(BaseCommand):
    help = "Reindex the declarations changed since the search index's mark (--rebuild: all of them)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="clear the index and index every declaration")

    def handle(self, *args, rebuild: bool = False, **options):
        if rebuild:
            count = sync.rebuild(progress=lambda n: self.stderr.write(f"{n:,} declarations indexed"))
            self.stdout.write(f"rebuilt: {count:,} declarations")
        else:
            count = sync.catch_up()
            self.stdout.write(f"reindexed: {count:,} declarations")
