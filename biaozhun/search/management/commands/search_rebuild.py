import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from biaozhun.catalog.models import Standard
from biaozhun.search.engine import search_settings
from biaozhun.search.feed import rebuild
from biaozhun.search.locks import rebuild_lock


class Command(BaseCommand):
    help = (
        "Build this machine's search index from the catalogue: a new index beside the current one, switched in "
        "atomically when complete (searches keep working meanwhile). Then run search_sync to stay current."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, batch_size=5000, no_progress=False, **options):
        started = time.perf_counter()
        bar = None
        if not no_progress:
            bar = tqdm(total=Standard.objects.count(), desc="indexing", unit=" standards", file=sys.stderr)
        with rebuild_lock(search_settings()[1], wait=True):  # after another process's rebuild, never beside it
            total = rebuild(batch_size=batch_size, progress=bar.update if bar is not None else None)
        if bar is not None:
            bar.close()
        self.stdout.write(f"{total} standards indexed in {time.perf_counter() - started:.1f} s")
