"""manage.py restore ARCHIVE: put a backup back, verify every table and file against its manifest, rebuild the
search index. Exits non-zero when anything differs from the manifest."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from biaozhun.core.backup.archive import BackupError, restore_backup
from biaozhun.core.backup.engines import BackupToolError


class Command(BaseCommand):
    help = ("Replace the database and the stored files with those of a backup archive (manage.py backup), check "
            "that every table's rows and every file match the archive's manifest, and rebuild this machine's "
            "search index. Stop the site's writers (web processes, workers, scheduler) first.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--skip-search-rebuild", action="store_true",
                            help="leave the search index (search_sync rebuilds it when it finds it ahead)")

    def handle(self, *args, archive: Path, no_input=False, skip_search_rebuild=False, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file")
        if not no_input:
            answer = input(f"This replaces the database and the stored files with those of {archive}. "
                           "Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            restored = restore_backup(archive)
        except (BackupError, BackupToolError) as exc:
            raise CommandError(str(exc)) from exc
        for path in restored.kept:
            self.stdout.write(f"kept what was replaced: {path}")
        if not skip_search_rebuild:
            call_command("search_rebuild", "--no-progress", stdout=self.stdout)
        if restored.mismatches:
            raise CommandError("the restored data differs from the backup's manifest:\n  "
                               + "\n  ".join(restored.mismatches))
        tables = restored.manifest["tables"]
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(f"restored {archive}: {len(tables)} tables, {rows} rows and every file verified "
                          "against the manifest. On every other machine run `manage.py search_rebuild`.")
