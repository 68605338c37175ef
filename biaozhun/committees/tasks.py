"""Background work of committees: the daily term reminders the scheduler runs (settings.BIAOZHUN_DAILY_TASKS). The
emails are a task of their own, queued with the event they follow (terms.email_term_reminder)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .terms import remind_term_ends


@task()
def remind_term_ends_daily() -> int:
    """Remind the secretariats whose committee's term ends soon and has no next term recorded."""
    return remind_term_ends(actor=SYSTEM)
