"""Bootstrap the administrative roles from the command line (the operator acting as the platform): the first
security administrator, who then grants the other roles on /audit/roles/. The separation rule applies here
too, and every change is recorded in the audit log."""

from django.core.management.base import BaseCommand, CommandError

from biaozhun.accounts.models import User
from biaozhun.audit import roles
from biaozhun.audit.models import AdminRole
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Grant (or with --withdraw, withdraw) an administrative role: system_administrator, " \
           "security_administrator or auditor."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=AdminRole.values)
        parser.add_argument("--withdraw", action="store_true")

    def handle(self, *args, username: str, role: str, withdraw: bool, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no account named {username!r}")
        change = roles.withdraw_role if withdraw else roles.grant_role
        try:
            change(actor=SYSTEM, user=user, role=role)
        except ValidationFailed as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"{'withdrew' if withdraw else 'granted'} {role} {'from' if withdraw else 'to'} {username}")
