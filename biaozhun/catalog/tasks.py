"""Background work for the catalogue (django-tasks; run by `manage.py db_worker`, scheduled by run_scheduler)."""

from django_tasks import task

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM

from .services import refresh_due_statuses


@task()
def refresh_statuses_daily() -> int:
    """Move every edition whose implementation, abolition or replacement date has come."""
    return refresh_due_statuses(actor=SYSTEM, today=clock.today())
