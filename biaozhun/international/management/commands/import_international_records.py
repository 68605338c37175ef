"""Import ISO's or IEC's records into the catalogue (docs/international-records.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biaozhun.catalog.importing import command
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
        command.add_arguments(parser, formats=["jsonl", "csv"])
        parser.add_argument("--organisation", choices=["ISO", "IEC"], default="ISO")

    def handle(self, *args, file: Path, organisation="ISO", format=None, batch_size=2000, user=None,
               no_progress=False, skip_invalid=False, rejects=None, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            layout = layout_for(file, organisation, format)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        target = rejects or default_rejects(file, layout)
        actor = command.actor_named(user)
        with command.reporting(self, file, quiet=no_progress) as progress:
            result = import_records(file, actor=actor, layout=layout, batch_size=batch_size, progress=progress,
                                    skip_invalid=skip_invalid, rejects_to=target)
        command.write_summary(self, result.job, noun="editions",
                              also=f"; {result.projects} projects under development left out")
        self.stdout.write(f"{organisation} records: {result.records_created} created, {result.records_updated} updated")
        if result.unresolved:
            self.stdout.write(f"{result.unresolved} links to ISO ids found neither in the file nor in the catalogue")
        command.write_rejects(self, result.job, rejects=target)
