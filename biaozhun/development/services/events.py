"""The one way project history is written: `record` appends a typed event and, once the transaction commits,
queues the emails the routing table asks for."""

from __future__ import annotations

from django.db import transaction

from biaozhun.core import clock

from ..models import Project, ProjectEvent


def record(project: Project, kind: str, *, actor=None, reason: str = "", data: dict | None = None,
           from_stage: str = "", to_stage: str = "") -> ProjectEvent:
    event = ProjectEvent.objects.create(
        project=project, kind=kind, actor=actor if getattr(actor, "pk", None) else None, reason=reason,
        data=data or {}, from_stage=from_stage, to_stage=to_stage, at=clock.now(),
    )
    if not clock.replaying():  # history replayed with its past dates emails nobody
        transaction.on_commit(lambda: _queue_notification(event.pk))
    return event


def _queue_notification(event_id: int) -> None:
    from ..tasks import notify_project_event

    notify_project_event.enqueue(event_id)
