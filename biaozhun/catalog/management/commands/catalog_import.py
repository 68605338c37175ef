from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biaozhun.catalog.importing import command, rejects_path, run_import
from biaozhun.catalog.importing.readers import detect_format


class Command(BaseCommand):
    help = (
        "Import catalogue records from a JSONL, CSV or XLSX file (docs/catalog-jsonl.md). Every record is validated "
        "first; then batches are committed one by one, and rerunning the same file resumes after a crash. By default "
        "one invalid record refuses the whole file; --skip-invalid imports the valid ones and writes the refused ones, "
        "with their line and reasons, to a rejects file in the same format (fix it and import it again)."
    )

    def add_arguments(self, parser):
        command.add_arguments(parser, formats=["jsonl", "csv", "xlsx"])

    def handle(self, *args, file: Path, format=None, batch_size=2000, user=None, no_progress=False,
               skip_invalid=False, rejects=None, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            target = rejects or rejects_path(file, detect_format(file, format))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        actor = command.actor_named(user)
        with command.reporting(self, file, quiet=no_progress) as progress:
            job = run_import(file, actor=actor, fmt=format, batch_size=batch_size, progress=progress,
                             skip_invalid=skip_invalid, rejects_to=target)
        command.write_summary(self, job, noun="records")
        command.write_rejects(self, job, rejects=target)
