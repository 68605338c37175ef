"""Background work of filing: the daily sweeps the scheduler runs (settings.BIAOZHUN_DAILY_TASKS) and the batches
(services/batch.py), checked and filed outside the request. The emails of each event are a task of their own,
beside the routing they follow (notify.notify_filing_event)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services import remind_reviewers
from .services.batch import process_batch
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


@task()
def process_filing_batch(batch_id: int) -> dict[str, int | str]:
    """Check a batch's rows, then file them; run again, it resumes where it stopped."""
    batch = process_batch(actor=SYSTEM, batch_id=batch_id)
    return {"state": batch.state, "filed": batch.filed, "refused": batch.refused}
