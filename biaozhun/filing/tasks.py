"""Background work of filing that the scheduler runs daily (settings.BIAOZHUN_DAILY_TASKS)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services.flags import scan_national_editions


@task()
def flag_superseded_standards() -> dict[str, int]:
    """Flag to their authorities the filed standards that national editions created since the last run cover."""
    return scan_national_editions(actor=SYSTEM)
