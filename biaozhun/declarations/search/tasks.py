"""Background work of the declaration search index that the scheduler runs daily (settings.BIAOZHUN_DAILY_TASKS):
the catch-up of `manage.py declarations_search_sync`, for what bulk writes (which send no signals) or a crash
between a commit and its reindex left behind (sync.py). Reindexing twice is harmless."""

from django_tasks import task

from . import sync


@task()
def catch_up_search_index() -> int:
    """Reindex the declarations with events past the index's mark; the number reindexed."""
    return sync.catch_up()
