"""Background work of the development workflow that the scheduler runs daily (settings.BIAOZHUN_DAILY_TASKS).
The emails of each event are a task of their own, beside the routing they follow (notify.notify_project_event)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .sweep import sweep


@task()
def sweep_projects() -> dict[str, int]:
    """The daily sweep, by the platform: ended public periods, deadline reminders, overdue freezing, entry into
    force, due ballots."""
    return sweep(actor=SYSTEM)
