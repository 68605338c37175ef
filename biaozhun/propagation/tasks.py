"""Background work of change propagation (django-tasks; run by `manage.py db_worker`).

`scan_changes` is queued by the catalogue change itself (receivers.py), in its transaction: it makes the changes
and queues `propagate_change_task` for each. The daily `resume_propagation` (settings.BIAOZHUN_DAILY_TASKS) scans
too and finishes any change a dead worker left half-done, so nothing waits longer than a day even after a crash.
"""

from django_tasks import task

from biaozhun.core.actors import SYSTEM

from .models import Change
from .services.detection import scan_catalogue
from .services.propagation import pending_changes, propagate_change


@task()
def scan_changes() -> int:
    """Make the changes the catalogue recorded since the last scan; how many."""
    return len(scan_catalogue(actor=SYSTEM))


@task()
def propagate_change_task(change_id: int) -> int:
    """Flag what cites one change's edition; the number of flags it has."""
    change = Change.objects.filter(pk=change_id).first()
    if change is None:
        return 0
    return propagate_change(actor=SYSTEM, change=change).flag_count


@task()
def resume_propagation() -> dict[str, int]:
    """The daily safety net: scan, then propagate every change not done (those a dead worker left)."""
    made = scan_catalogue(actor=SYSTEM)
    resumed = 0
    for change in Change.objects.filter(pk__in=pending_changes()):
        propagate_change(actor=SYSTEM, change=change)
        resumed += 1
    return {"changes": len(made), "propagated": resumed}
