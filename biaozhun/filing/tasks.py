"""Background work of filing that the scheduler runs daily (settings.BIAOZHUN_DAILY_TASKS). The emails of each
event are a task of their own, beside the routing they follow (notify.notify_filing_event)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services import remind_reviewers
from .services.flags import scan_national_editions


@task()
def sweep_filings() -> int:
    """The daily sweep, by the platform: remind the reviewers of filings whose review is near or past its due
    date. Returns the number of filings reminded."""
    return remind_reviewers(actor=SYSTEM)


@task()
def flag_superseded_standards() -> dict[str, int]:
    """Flag to their authorities the filed standards that national editions created since the last run cover."""
    return scan_national_editions(actor=SYSTEM)
