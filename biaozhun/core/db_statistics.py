"""The planner's statistics (docs/decisions/0016-database-statistics.md): refreshed after every `migrate` and
daily (core/tasks.py). SQLite plans without them as if every condition left ten rows: the public filing list,
among others, then takes indexes 3–10 times slower (bench/bench_filing_list.py --no-stats). PostgreSQL's
autovacuum analyses too; an ANALYZE after a migration covers the tables it has not reached yet."""

from __future__ import annotations

from django.db import connections

# Rows SQLite samples per index (PRAGMA analysis_limit): approximate statistics, as `PRAGMA optimize` gathers
# them, in a fraction of a full ANALYZE (which reads every row: seconds at national scale, with the write lock).
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_statistics(using: str = "default") -> None:
    """Gather the query planner's statistics of every table of the database `using`."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            try:
                cursor.execute("ANALYZE")
            finally:
                cursor.execute("PRAGMA analysis_limit = 0")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def after_migrate(sender, *, using: str = "default", **kwargs) -> None:
    """post_migrate (sent once per app; connected for the core app only): the new tables and indexes have
    statistics before the first request plans a query over them."""
    refresh_statistics(using)
