"""Background work of the yearly work plan: the daily due-date reminders the scheduler runs
(settings.BIAOZHUN_DAILY_TASKS). The emails are a task of their own, queued with the event they follow."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services.reminders import remind_due_tasks


@task()
def remind_due_tasks_daily() -> int:
    """Remind the units of open tasks whose due date is near or has passed."""
    return remind_due_tasks(actor=SYSTEM)
