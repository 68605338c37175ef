"""Export the audit records older than BIAOZHUN_AUDIT_RETENTION_DAYS to a new JSONL file, then delete them
(audit/purge.py). The purge is itself recorded, and the chain stays verifiable from the purge's anchor."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biaozhun.audit.purge import RetentionTooShort, purge_expired
from biaozhun.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Export (JSONL, fsynced) and then delete audit records older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--export-to", required=True, type=Path,
                            help="the JSONL file to write (must not exist); keep it with the backups")

    def handle(self, *args, export_to: Path, **options):
        if export_to.exists():
            raise CommandError(f"{export_to} exists: give a new file name (the export never overwrites)")
        if not export_to.parent.is_dir():
            raise CommandError(f"{export_to.parent} is not a directory")
        try:
            result = purge_expired(actor=SYSTEM, export_to=export_to)
        except RetentionTooShort as error:
            raise CommandError(str(error)) from None
        if not result.records:
            self.stdout.write(f"nothing to purge: no record older than {result.cutoff:%Y-%m-%d %H:%M %Z}")
            return
        self.stdout.write(f"exported {result.records} record(s) to {result.file} and deleted them "
                          f"(through #{result.through_seq}, older than {result.cutoff:%Y-%m-%d %H:%M %Z})")
