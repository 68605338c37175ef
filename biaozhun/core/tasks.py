"""Background work of the platform itself that the scheduler runs daily (settings.BIAOZHUN_DAILY_TASKS)."""

from django_tasks import task

from .db_statistics import refresh_statistics


@task()
def refresh_database_statistics() -> None:
    """The query planner's statistics, refreshed as the data grows (db_statistics.py)."""
    refresh_statistics()
