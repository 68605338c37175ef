"""Print the demo accounts' current two-step verification code (demo data of `make run` only)."""

from django.core.management.base import BaseCommand

from biaozhun.accounts.security import demo


class Command(BaseCommand):
    help = "Print the current code of the demo accounts' authenticator (key: see README, 'Demo accounts')."

    def handle(self, *args, **options):
        self.stdout.write(demo.current_code())
