"""Walk the audit log's hash chain from its anchor (the newest purge, or the start) and report the first broken
link. Exit status 0 when the chain is whole, 1 at the first break."""

from django.core.management.base import BaseCommand, CommandError

from biaozhun.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exits non-zero at the first broken link."

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(f"audit log chain BROKEN: {result.problem}")
        self.stdout.write(f"audit log chain OK: {result.verified.records} record(s) "
                          f"#{result.verified.first_seq or '-'}..#{result.verified.last_seq}, "
                          f"from {result.start}; head hash {result.verified.last_hash}")
