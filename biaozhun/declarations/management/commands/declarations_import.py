"""Import a bulk declaration file (XLSX or JSONL, docs/declarations-import.md) for the enterprises its rows name.

    manage.py declarations_import FILE [--skip-invalid] [--batch-rows N]

All-or-nothing by default: any invalid row and nothing is written (the problems are printed by line and field).
With --skip-invalid the valid declarations are written and the refused rows go to a rejects file (JSONL, the same
format with each row's problems), printed at the end. A rerun of the same file resumes after the batches already
committed."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biaozhun.core.actors import SYSTEM
from biaozhun.core.safe_read import EXCEL_MAX_ROWS, ReadRefused
from biaozhun.core.upload_limits import Profile, read_limits, refusal_message
from biaozhun.declarations.bulk_format import FormatError, read_records
from biaozhun.declarations.models import DeclarationImport
from biaozhun.declarations.services.bulk import BATCH_ROWS, import_declarations


class Command(BaseCommand):
    help = "Import self-declarations from an XLSX or JSONL file (rows name their enterprise by USCC)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--skip-invalid", action="store_true", help="write the valid rows, keep the rest apart")
        parser.add_argument("--batch-rows", type=int, default=BATCH_ROWS, help="rows per committed batch")

    def handle(self, *args, path, skip_invalid=False, batch_rows=BATCH_ROWS, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        digest = hashlib.sha256()
        with open(file, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
            stream.seek(0)
            try:
                records, kind = read_records(stream, file.name, read_limits(Profile.IMPORT, max_rows=EXCEL_MAX_ROWS))
            except ReadRefused as exc:
                raise CommandError(refusal_message(exc)) from exc
            except FormatError as exc:
                raise CommandError(str(exc)) from exc
        job = import_declarations(actor=SYSTEM, records=records, source_name=file.name, sha256=digest.hexdigest(),
                                  file_format=kind, skip_invalid=skip_invalid, batch_rows=batch_rows)
        for problem in job.errors:
            self.stderr.write(f"line {problem['line']}: {problem.get('field') or '-'}: {problem['message']}")
        if job.state == DeclarationImport.State.REJECTED:
            raise CommandError(f"{job.rejected_rows} of {job.total_rows} rows refused; nothing was written "
                               "(fix them, or rerun with --skip-invalid)")
        self.stdout.write(f"{job.total_rows} rows: {job.declared} declarations written, {job.rejected_rows} rows "
                          f"refused (job {job.pk})")
        if job.rejects_file:
            self.stdout.write(f"rejects: {job.rejects_file.path}")
