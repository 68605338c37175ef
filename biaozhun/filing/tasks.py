"""Background work of filing: the batches (services/batch.py), checked and filed outside the request."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services.batch import process_batch


@task()
def process_filing_batch(batch_id: int) -> dict[str, int | str]:
    """Check a batch's rows, then file them; run again, it resumes where it stopped."""
    batch = process_batch(actor=SYSTEM, batch_id=batch_id)
    return {"state": batch.state, "filed": batch.filed, "refused": batch.refused}
