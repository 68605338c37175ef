"""Background work of the development workflow."""

from django_tasks import task

from . import notify


@task()
def notify_project_event(event_id: int) -> int:
    """Email the people the routing table names for one project event."""
    from .models import ProjectEvent

    event = ProjectEvent.objects.select_related("project__committee", "actor").filter(pk=event_id).first()
    return notify.notify(event) if event else 0


@task()
def sweep_projects() -> dict[str, int]:
    """The daily sweep: ended public periods, deadline reminders, overdue freezing, entry into force, ballots."""
    from .services.deadlines import sweep

    return sweep()
