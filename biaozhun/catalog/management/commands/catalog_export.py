import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from biaozhun.catalog import exporting
from biaozhun.catalog.models import Standard, Status, Tier


class Command(BaseCommand):
    help = "Export the catalogue as JSONL (default), CSV or XLSX, optionally filtered by tier and status."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl", "csv", "xlsx"], default="jsonl")
        parser.add_argument("--out", help="output file (default: standard output; required for xlsx)")
        parser.add_argument("--tier", choices=Tier.values, action="append")
        parser.add_argument("--status", choices=Status.values, action="append")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, format="jsonl", out=None, tier=None, status=None, no_progress=False, **options):
        queryset = Standard.objects.all()
        if tier:
            queryset = queryset.filter(tier__in=tier)
        if status:
            queryset = queryset.filter(status__in=status)
        bar = tqdm(desc="exporting", unit=" records", file=sys.stderr, disable=no_progress)

        def progress(done: int) -> None:
            bar.update(done - bar.n)

        records = exporting.iter_records(queryset)
        if format == "xlsx":
            if not out:
                raise CommandError("--out is required for xlsx")
            count = exporting.write_xlsx(records, out, progress)
        else:
            writer = exporting.write_jsonl if format == "jsonl" else exporting.write_csv
            if out:
                with open(out, "w", encoding="utf-8", newline="") as handle:
                    count = writer(records, handle, progress)
            else:
                count = writer(records, sys.stdout, progress)
        bar.close()
        self.stderr.write(f"{count} records exported")
