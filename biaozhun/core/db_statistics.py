"""The planner's statistics (docs/decisions/0017-database-statistics.md): refreshed after every `migrate` and
daily (core/tasks.py). SQLite plans without them as if every condition left ten rows: the public filing list,
among others, then takes indexes several times slower (bench/bench_filing_list.py --no-stats). PostgreSQL's
autovacuum analyses too; an ANALYZE after a migration covers the tables it has not reached yet."""

from __future__ import annotations

from django.db import connections


def refresh_statistics(using: str = "default") -> None:
    """Gather the query planner's statistics of every table of the database `using`: a full ANALYZE (0.3 s for
    the 220 MB national-scale filing database). Not SQLite's sampled one (PRAGMA analysis_limit): with 1,000
    rows per index it took `state = 'accepted'` for 1 row in 1,000 of 150,000 filings, and planned as if it had
    no statistics."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")


def after_migrate(sender, *, using: str = "default", **kwargs) -> None:
    """post_migrate (sent once per app; connected for the core app only): the new tables and indexes have
    statistics before the first request plans a query over them."""
    refresh_statistics(using)
