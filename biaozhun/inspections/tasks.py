"""Background work of random inspections: the daily sweep the scheduler runs (settings.BIAOZHUN_DAILY_TASKS)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services import mark_overdue


@task()
def sweep_inspections() -> int:
    """Mark the campaigns whose results are overdue and email their authorities; the number marked."""
    return mark_overdue(actor=SYSTEM)
