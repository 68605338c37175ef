"""Import ISO's or IEC's records into the catalogue (docs/international-records.md)."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from biaozhun.catalog.importing import ImportRejected
from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.records import default_rejects, import_records, layout_for


class Command(BaseCommand):
    help = (
        "Import ISO Open Data deliverables metadata (JSONL or CSV, --organisation ISO) or IEC records (JSONL, "
        "--organisation IEC) into the catalogue. Projects under development are left out; relations are resolved by "
        "ISO id within the file and by number across files. As catalog_import: everything is validated first, "
        "one invalid record refuses the file unless --skip-invalid, which writes the refused records to a rejects "
        "file in the input's format; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", choices=["ISO", "IEC"], default="ISO")
        parser.add_argument("--format", choices=["jsonl", "csv"], help="default: from the file's extension")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--user", help="username the changes are recorded under (default: the system)")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the valid records and write the refused ones to a rejects file")
        parser.add_argument("--rejects", type=Path,
                            help="where --skip-invalid writes the refused records (default: FILE.rejects.EXT beside it)")

    def handle(self, *args, file: Path, organisation="ISO", format=None, batch_size=2000, user=None,
               no_progress=False, skip_invalid=False, rejects=None, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            layout = layout_for(file, organisation, format)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        target = rejects or default_rejects(file, layout)
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
            result = import_records(file, actor=actor, layout=layout, batch_size=batch_size, progress=progress,
                                    skip_invalid=skip_invalid, rejects_to=target)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{file.name}: line {error['line']}: {error['field']}: {error['message']}")
            if exc.total_errors > len(exc.errors):
                self.stderr.write(f"... and {exc.total_errors - len(exc.errors)} more")
            raise CommandError(exc.message) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            for bar in bars.values():
                bar.close()
        job = result.job
        summary = (f"{job.total_records} editions: {job.created} created, {job.updated} updated, "
                   f"{job.unchanged} unchanged; {result.projects} projects under development left out")
        if job.folded_records:
            summary += f"; {job.folded_records} repeated an edition of an earlier line and were merged into it"
        self.stdout.write(summary)
        self.stdout.write(f"{organisation} records: {result.records_created} created, {result.records_updated} updated")
        if result.unresolved:
            self.stdout.write(f"{result.unresolved} links to ISO ids found neither in the file nor in the catalogue")
        if job.rejected_records:
            self.stdout.write(f"{job.rejected_records} records refused, written with their reasons to {target}")
            for error in job.errors[:20]:
                self.stdout.write(f"  line {error['line']}: {error['field']}: {error['message']}")
