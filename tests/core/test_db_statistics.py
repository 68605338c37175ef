"""The query planner's statistics: gathered after every `migrate` and by a daily task (core/db_statistics.py)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.core.tasks import refresh_database_statistics

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's own statistics table"),
]


def statistics_of(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchall()


def forget_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")
        if cursor.fetchone()[0]:
            cursor.execute("DELETE FROM sqlite_stat1")


def add_organisations() -> None:
    Organisation.objects.bulk_create(
        Organisation(kind=OrganisationKind.BUREAU, name=f"局{i}", region_code=f"{32 + i % 3}") for i in range(30))


def test_migrate_leaves_the_planner_statistics_of_every_table_with_rows():
    forget_statistics()
    add_organisations()
    assert statistics_of("accounts_organisation") == []
    call_command("migrate", verbosity=0)
    stats = statistics_of("accounts_organisation")
    assert stats and all(stat.split()[0] == str(Organisation.objects.count()) for _idx, stat in stats)


def test_the_daily_task_refreshes_the_statistics(settings):
    assert ("biaozhun.core.tasks.refresh_database_statistics", "03:45") in settings.BIAOZHUN_DAILY_TASKS
    forget_statistics()
    add_organisations()
    refresh_database_statistics.call()
    assert statistics_of("accounts_organisation")
