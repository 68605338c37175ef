"""Import a year's work plan from its text file: `manage.py workplan_import FILE --year 2019`.

Runs as the platform (SYSTEM) unless --user names an administrator; idempotent (the same text again changes
nothing; a changed text updates the items and keeps their units, dates and progress)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biaozhun.accounts.models import User
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import DomainError
from biaozhun.workplan.services.plans import decode_plan_text, import_plan

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = "Import (or update) a year's standardization work plan from its plain text."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--user", help="the administrator importing it (default: the platform)")

    def handle(self, *args, file: Path, year: int, user: str | None, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file}: larger than {MAX_BYTES // 1024 // 1024} MB; is it the plan's text?")
        actor = SYSTEM
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"no user {user!r}")
        try:
            result = import_plan(actor=actor, year=year, text=decode_plan_text(file.read_bytes()),
                                 source_name=file.name)
        except DomainError as error:
            raise CommandError(error.message) from error
        plan = result.plan
        if result.created:
            self.stdout.write(f"{plan.year}: imported {len(result.added)} items in {plan.parts.count()} parts")
        elif result.changes_anything:
            self.stdout.write(f"{plan.year}: added {len(result.added)}, changed {len(result.changed)}, "
                              f"removed {len(result.removed)}, restored {len(result.restored)}")
        else:
            self.stdout.write(f"{plan.year}: unchanged ({result.unchanged} items)")
