import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from biaozhun.catalog.importing import ImportRejected, run_import
from biaozhun.core.actors import SYSTEM


class Command(BaseCommand):
    help = (
        "Import catalogue records from a JSONL, CSV or XLSX file (docs/catalog-jsonl.md). Every record is validated "
        "first; then batches are committed one by one, and rerunning the same file resumes after a crash."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["jsonl", "csv", "xlsx"], help="default: from the file's extension")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--user", help="username the changes are recorded under (default: the system)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file: Path, format=None, batch_size=2000, user=None, no_progress=False, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        actor = SYSTEM
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"no user named {user!r}")
        bars: dict[str, tqdm] = {}

        def progress(phase: str, done: int) -> None:
            if no_progress:
                return
            bar = bars.get(phase)
            if bar is None:
                label = "validating" if phase == "validate" else "writing"
                bar = bars[phase] = tqdm(desc=label, unit=" records", file=sys.stderr, initial=done)
            bar.update(done - bar.n)

        try:
            job = run_import(file, actor=actor, fmt=format, batch_size=batch_size, progress=progress)
        except ImportRejected as exc:
            for bar in bars.values():
                bar.close()
            for error in exc.errors:
                self.stderr.write(f"{file.name}: line {error['line']}: {error['field']}: {error['message']}")
            if exc.total_errors > len(exc.errors):
                self.stderr.write(f"... and {exc.total_errors - len(exc.errors)} more")
            raise CommandError(exc.message) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for bar in bars.values():
            bar.close()
        self.stdout.write(
            f"{job.total_records} records: {job.created} created, {job.updated} updated, {job.unchanged} unchanged"
        )
