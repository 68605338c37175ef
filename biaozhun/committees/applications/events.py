"""One constructor per kind of application event; the application services record history only through these.
Each writes one append-only ``ApplicationEvent`` with the acting user (no user for the system) and the time from
core.clock; ``data`` holds JSON only."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import Application, ApplicationEvent

Kind = ApplicationEvent.Kind


def _record(application: Application, kind: str, *, actor: Any, data: dict[str, Any]) -> ApplicationEvent:
    return ApplicationEvent.objects.create(application=application, kind=kind, actor=user_or_none(actor),
                                           at=clock.now(), data=data)


def created(application: Application, *, actor: Any) -> ApplicationEvent:
    """data: {"purpose"}."""
    return _record(application, Kind.CREATED, actor=actor, data={"purpose": application.purpose})


def updated(application: Application, *, actor: Any, fields: list[str]) -> ApplicationEvent:
    """data: {"fields"}: the names of the fields (and "seats") that changed."""
    return _record(application, Kind.UPDATED, actor=actor, data={"fields": fields})


def submitted(application: Application, *, actor: Any, seats: int) -> ApplicationEvent:
    """data: {"seats"}: how many seats were proposed."""
    return _record(application, Kind.SUBMITTED, actor=actor, data={"seats": seats})


def withdrawn(application: Application, *, actor: Any, reason: str) -> ApplicationEvent:
    """data: {"reason"}."""
    return _record(application, Kind.WITHDRAWN, actor=actor, data={"reason": reason})


def notice_opened(application: Application, *, actor: Any) -> ApplicationEvent:
    """data: {"opened_on", "closes_on"}: the day the notice opened and its last day."""
    return _record(application, Kind.NOTICE_OPENED, actor=actor, data={
        "opened_on": application.notice_opened_on.isoformat(), "closes_on": application.notice_closes_on.isoformat()})


def commented(application: Application, *, actor: Any, number: int) -> ApplicationEvent:
    """data: {"number"}: the comment's number on the application."""
    return _record(application, Kind.COMMENTED, actor=actor, data={"number": number})


def approved(application: Application, *, actor: Any, committee: str) -> ApplicationEvent:
    """data: {"committee", "decision", "reason"}: the code of the committee founded, changed or merged."""
    return _record(application, Kind.APPROVED, actor=actor, data={
        "committee": committee, "decision": application.decision, "reason": application.decision_reason})


def rejected(application: Application, *, actor: Any) -> ApplicationEvent:
    """data: {"reason", "decision"}."""
    return _record(application, Kind.REJECTED, actor=actor,
                   data={"reason": application.decision_reason, "decision": application.decision})
