"""Background work of filing that the scheduler runs daily (settings.BIAOZHUN_DAILY_TASKS). The emails of each
event are a task of their own, beside the routing they follow (notify.notify_filing_event)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services import remind_reviewers


@task()
def sweep_filings() -> int:
    """The daily sweep, by the platform: remind the reviewers of filings whose review is near or past its due
    date. Returns the number of filings reminded."""
    return remind_reviewers(actor=SYSTEM)
