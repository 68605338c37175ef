"""Django's ``flush``, which history tables refuse: their append-only triggers reject the DELETE (SQLite) or
TRUNCATE (PostgreSQL) it runs, so a production database's history cannot be wiped by a command.

Test databases set ``BIAOZHUN_FLUSH_SUSPENDS_HISTORY_GUARDS = True`` (tests/settings.py): the triggers are then
dropped for the flush and put back after it, so transactional tests can empty the database between tests."""

from django.conf import settings
from django.core.management.commands import flush
from django.db import connections, transaction

from biaozhun.core.append_only_db import guards_suspended


class Command(flush.Command):
    def handle(self, **options):
        if not getattr(settings, "BIAOZHUN_FLUSH_SUSPENDS_HISTORY_GUARDS", False):
            return super().handle(**options)
        connection = connections[options["database"]]
        with transaction.atomic(using=connection.alias), guards_suspended(connection):
            return super().handle(**options)
