"""Background work of the systems app (django-tasks; run by `manage.py db_worker`). `carry_tags` is queued by the
catalogue's events (receivers.py); the daily run (settings.BIAOZHUN_DAILY_TASKS) catches up whatever a dead worker
left, from the cursor."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .services.carry import carry_tags_forward


@task()
def carry_tags() -> int:
    """Carry programme tags to the editions entered or linked since the last run; how many gained tags."""
    return carry_tags_forward(actor=SYSTEM)
