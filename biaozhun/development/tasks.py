"""Background work of the development workflow."""

from django_tasks import task

from . import notify


@task()
def notify_project_event(event_id: int) -> int:
    """Email the people the routing table names for one project event."""
    from .models import ProjectEvent

    event = ProjectEvent.objects.select_related("project__committee", "actor").filter(pk=event_id).first()
    return notify.notify(event) if event else 0
