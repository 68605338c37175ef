"""The daily sweep of ISO/IEC ballots the scheduler runs (settings.BIAOZHUN_DAILY_TASKS): reminders before the
deadlines, and ballots marked when their deadline passed without China's vote. The emails are a task of their own,
queued with the event they follow (services/participation/reminders.email_ballot_reminder)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from ..services.participation import sweep_ballots


@task()
def sweep_ballots_daily() -> dict[str, int]:
    result = sweep_ballots(actor=SYSTEM)
    return {"reminded": result.reminded, "missed": result.missed}
