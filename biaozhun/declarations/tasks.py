"""Background work of the declarations app (django-tasks; run by `manage.py db_worker`): bulk declaration files too
large to import while the person waits (services/bulk_upload.py)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services.bulk_upload import process_import


@task()
def process_declaration_import(job_id: int) -> dict[str, int | str]:
    """Import a queued file; run again, it resumes after the batches already committed."""
    job = process_import(actor=SYSTEM, job_id=job_id)
    return {"state": job.state, "declared": job.declared, "rejected_rows": job.rejected_rows}
