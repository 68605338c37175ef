import time

from django.core.management.base import BaseCommand, CommandError

from biaozhun.search.engine import IndexStateError
from biaozhun.search.feed import CatchUpAction, catch_up, sync_engine


class Command(BaseCommand):
    help = (
        "Apply catalogue changes (StandardEvent rows after the last applied one) to this machine's search index; "
        "build the index first when it is missing, unreadable or ahead of the catalogue (one process per machine "
        "at a time). With --follow, keep doing so every --interval seconds; run one follower per machine."
    )

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="keep running")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls (default 2)")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, follow=False, interval=2.0, batch_size=5000, **options):
        engine = sync_engine()
        while True:
            try:
                done = catch_up(engine, batch_size=batch_size)
            except IndexStateError as exc:
                raise CommandError(str(exc)) from exc
            if done.action == CatchUpAction.REBUILT:
                self.stdout.write(f"index rebuilt ({done.reason}): {done.standards} standards indexed")
            elif done.action == CatchUpAction.BUSY:
                self.stdout.write("another process is rebuilding this machine's index; waiting for it")
            elif done.sync.events or not follow:
                report = done.sync
                self.stdout.write(
                    f"{report.events} events applied: {report.reindexed} standards reindexed, "
                    f"{report.deleted} removed; last event {report.last_event_id}"
                )
            if not follow:
                return
            time.sleep(interval)
