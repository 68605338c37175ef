"""manage.py backup DIRECTORY: the database and stored files in one archive, made while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biaozhun.core.backup.archive import BackupError, make_backup
from biaozhun.core.backup.engines import BackupToolError


class Command(BaseCommand):
    help = ("Write DIRECTORY/biaozhun-<UTC time>.tar: the database (SQLite online backup, or pg_dump of one "
            "snapshot), every stored file, and a manifest with each table's rows and checksum. The site keeps "
            "running. Restore with `manage.py restore ARCHIVE`.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            path, manifest = make_backup(directory)
        except (BackupError, BackupToolError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table["rows"] for table in manifest["tables"].values())
        files = sum(root["files"] for root in manifest["files"].values())
        self.stdout.write(f"{path}: {len(manifest['tables'])} tables, {rows} rows, {files} files")
