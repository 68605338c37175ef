"""Background work of feedback: the daily sweep the scheduler runs (settings.BIAOZHUN_DAILY_TASKS). The emails of
each event are a task of their own, beside what they follow (notify.py, services/sweep.py, services/exports.py)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services.exports import send_due_exports
from .services.sweep import sweep_feedback


@task()
def sweep_feedback_daily() -> dict[str, int]:
    """The platform routes what waits, reminds, escalates what is overdue, closes what was answered long ago, and
    sends the periodic exports that are due."""
    counts = sweep_feedback(actor=SYSTEM)
    counts["exports"] = send_due_exports(actor=SYSTEM)
    return counts
