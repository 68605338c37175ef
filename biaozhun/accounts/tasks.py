"""Background work for accounts (django-tasks; run by `manage.py db_worker`, scheduled by run_scheduler)."""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .security.lockout import purge_sign_in_throttles


@task()
def purge_sign_in_failures() -> int:
    """Forget failed sign-in counters whose window has passed and which hold no lock."""
    return purge_sign_in_throttles(actor=SYSTEM)
