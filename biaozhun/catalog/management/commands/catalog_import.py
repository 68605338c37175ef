import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from biaozhun.catalog.importing import ImportRejected, rejects_path, run_import
from biaozhun.catalog.importing.readers import detect_format
from biaozhun.core.actors import SYSTEM


class Command(BaseCommand):
    help = (
        "Import catalogue records from a JSONL, CSV or XLSX file (docs/catalog-jsonl.md). Every record is validated "
        "first; then batches are committed one by one, and rerunning the same file resumes after a crash. By default "
        "one invalid record refuses the whole file; --skip-invalid imports the valid ones and writes the refused ones, "
        "with their line and reasons, to a rejects file in the same format (fix it and import it again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["jsonl", "csv", "xlsx"], help="default: from the file's extension")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--user", help="username the changes are recorded under (default: the system)")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the valid records and write the refused ones to a rejects file")
        parser.add_argument("--rejects", type=Path,
                            help="where --skip-invalid writes the refused records (default: FILE.rejects.FORMAT beside it)")

    def handle(self, *args, file: Path, format=None, batch_size=2000, user=None, no_progress=False,
               skip_invalid=False, rejects=None, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            target = rejects or rejects_path(file, detect_format(file, format))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
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
            job = run_import(file, actor=actor, fmt=format, batch_size=batch_size, progress=progress,
                             skip_invalid=skip_invalid, rejects_to=target)
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
        summary = f"{job.total_records} records: {job.created} created, {job.updated} updated, {job.unchanged} unchanged"
        if job.folded_records:
            summary += f"; {job.folded_records} repeated an edition of an earlier line and were merged into it"
        self.stdout.write(summary)
        if job.rejected_records:
            self.stdout.write(f"{job.rejected_records} records refused, written with their reasons to {target}")
            for error in job.errors[:20]:
                self.stdout.write(f"  line {error['line']}: {error['field']}: {error['message']}")
            if job.rejected_records > 20:
                self.stdout.write("  ...")
