import time

from django.core.management.base import BaseCommand, CommandError

from biaozhun.search.engine import IndexStateError
from biaozhun.search.feed import sync, sync_engine


class Command(BaseCommand):
    help = (
        "Apply catalogue changes (StandardEvent rows after the last applied one) to this machine's search index. "
        "With --follow, keep doing so every --interval seconds; run one follower per machine."
    )

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="keep running")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls (default 2)")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, follow=False, interval=2.0, batch_size=5000, **options):
        engine = sync_engine()
        while True:
            try:
                report = sync(engine, batch_size=batch_size)
            except IndexStateError as exc:
                raise CommandError(str(exc)) from exc
            if report.events or not follow:
                self.stdout.write(
                    f"{report.events} events applied: {report.reindexed} standards reindexed, "
                    f"{report.deleted} removed; last event {report.last_event_id}"
                )
            if not follow:
                return
            time.sleep(interval)
