"""Background work for the public portal."""

from django_tasks import task

from .notifications import send_watch_notifications


@task()
def notify_watchers() -> int:
    """Email everyone whose watched standards changed since the last run."""
    return send_watch_notifications()
