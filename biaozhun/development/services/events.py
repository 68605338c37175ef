"""The one way project history is written: one constructor per `ProjectEvent.Kind`, each documenting the `data`
it stores (the model's docstring has them side by side). Nothing else creates ProjectEvent rows.

Each constructor appends the event in the caller's transaction, stamped with `clock.now()` and the acting user
(`user_or_none`: SYSTEM and anonymous visitors are stored as no user), and queues the emails the routing table
asks for in that same transaction (core.outbox): a crash just after the commit still finds them queued, a
rolled-back change mails nobody, and history replayed with its past dates (`clock.as_of`) mails nobody either.

How to add an event kind: add it to `ProjectEvent.Kind` (a value never renamed, a translated label), write its
constructor here with its data keys in the docstring and in ProjectEvent's table, describe it for the timeline
(timeline.describe), add routing rows if someone should be emailed (routing_defaults.py for new databases, a
data migration for existing ones), and run `makemigrations development` (the kind's choices change).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.outbox import enqueue_with_transaction

from ..models import Ballot, Comment, DraftDocument, ExtensionRequest, Project, ProjectEvent
from ..notify import notify_project_event

Kind = ProjectEvent.Kind


def _record(project: Project, kind: str, *, actor: Any, reason: str = "", data: dict[str, Any] | None = None,
            from_stage: str = "", to_stage: str = "") -> ProjectEvent:
    event = ProjectEvent.objects.create(
        project=project, kind=kind, actor=user_or_none(actor), reason=reason, data=data or {},
        from_stage=from_stage, to_stage=to_stage, at=clock.now(),
    )
    if not clock.replaying():  # history replayed with its past dates emails nobody
        enqueue_with_transaction(notify_project_event, event.pk)
    return event


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def proposed(project: Project, *, actor: Any) -> ProjectEvent:
    """A project was proposed. No data; `to_stage` is the stage it starts in."""
    return _record(project, Kind.PROPOSED, actor=actor, to_stage=project.stage)


def moved(project: Project, *, actor: Any, from_stage: str, to_stage: str, reason: str = "",
          data: dict[str, Any] | None = None) -> ProjectEvent:
    """The project entered `to_stage`. Data by target: planned: plan_number, deadline; a public period:
    period_ends_on, period_days; disposition (the sweep ending comment): period_ends_on; published: identifier;
    in_force: implemented_on. A project resuming from suspension carries none."""
    return _record(project, Kind.MOVED, actor=actor, reason=reason, data=data, from_stage=from_stage,
                   to_stage=to_stage)


def details_changed(project: Project, *, actor: Any, changes: dict[str, tuple[Any, Any]]) -> ProjectEvent:
    """Free details (titles, drafters, ...) were edited: changes = {field: [before, after]}."""
    return _record(project, Kind.DETAILS_CHANGED, actor=actor,
                   data={"changes": {field: [before, after] for field, (before, after) in changes.items()}})


def document_added(project: Project, *, actor: Any, document: DraftDocument) -> ProjectEvent:
    """A new version of a document: document (id), kind, version."""
    return _record(project, Kind.DOCUMENT_ADDED, actor=actor, data={
        "document": document.pk, "kind": document.kind, "version": document.version})


def period_closed(project: Project, *, actor: Any) -> ProjectEvent:
    """The public notice period ended (the project stays in 立项公示 until the plan): period_ends_on."""
    return _record(project, Kind.PERIOD_CLOSED, actor=actor, data={"period_ends_on": _day(project.period_ends_on)})


def disposed(project: Project, *, actor: Any, comment: Comment) -> ProjectEvent:
    """A comment's disposition was recorded or changed: comments (ids), disposition, number; the reason as reason."""
    return _record(project, Kind.DISPOSED, actor=actor, reason=comment.disposition_reason, data={
        "comments": [comment.pk], "disposition": comment.disposition, "number": comment.number})


def ballot_opened(project: Project, *, actor: Any, ballot: Ballot) -> ProjectEvent:
    """A review ballot opened: ballot (id), members (on the roll), method, closes_on."""
    return _record(project, Kind.BALLOT_OPENED, actor=actor, data={
        "ballot": ballot.pk, "members": ballot.members, "method": ballot.method, "closes_on": _day(ballot.closes_on)})


def ballot_closed(project: Project, *, actor: Any, ballot: Ballot) -> ProjectEvent:
    """A review ballot closed with its result: ballot, members, approve, reject, abstain, recused, passed, outcome."""
    return _record(project, Kind.BALLOT_CLOSED, actor=actor, data={
        "ballot": ballot.pk, "members": ballot.members, "approve": ballot.approve, "reject": ballot.reject,
        "abstain": ballot.abstain, "recused": ballot.recused, "passed": ballot.passed, "outcome": ballot.outcome})


def tbt_notified(project: Project, *, actor: Any) -> ProjectEvent:
    """China's WTO/TBT notification was recorded: number, notified_on."""
    return _record(project, Kind.TBT_NOTIFIED, actor=actor, data={
        "number": project.tbt_notification, "notified_on": _day(project.tbt_notified_on)})


def deadline_reminder(project: Project, *, actor: Any, state: str, days_left: int) -> ProjectEvent:
    """The approval deadline is near or today: state (reminder, due_today), deadline, days_left. The words are
    the reader's (timeline.describe), so no reason is stored."""
    return _record(project, Kind.DEADLINE_REMINDER, actor=actor, data={
        "state": state, "deadline": _day(project.deadline), "days_left": days_left})


def overdue(project: Project, *, actor: Any, state: str, days_left: int) -> ProjectEvent:
    """The approval deadline passed and the project froze: state (overdue), deadline, days_left (negative)."""
    return _record(project, Kind.OVERDUE, actor=actor, data={
        "state": state, "deadline": _day(project.deadline), "days_left": days_left})


def extension_requested(project: Project, *, actor: Any, request: ExtensionRequest) -> ProjectEvent:
    """An extension was asked for: request (id), months, deadline (the one to extend); the reason as reason."""
    return _record(project, Kind.EXTENSION_REQUESTED, actor=actor, reason=request.reason, data={
        "request": request.pk, "months": request.months, "deadline": _day(request.deadline_before)})


def extension_decided(project: Project, *, actor: Any, request: ExtensionRequest) -> ProjectEvent:
    """An extension request was decided: request, approved, months, deadline (the project's, after the decision);
    the decision's reason as reason."""
    return _record(project, Kind.EXTENSION_DECIDED, actor=actor, reason=request.decision_reason, data={
        "request": request.pk, "approved": request.state == ExtensionRequest.State.APPROVED,
        "months": request.months, "deadline": _day(project.deadline)})


def withdrawn(project: Project, *, actor: Any, identifier: str, standard: int | None, reason: str) -> ProjectEvent:
    """A publication made in error was withdrawn: identifier and standard as they were published; the reason."""
    return _record(project, Kind.WITHDRAWN, actor=actor, reason=reason,
                   data={"identifier": identifier, "standard": standard})


def published(project: Project, *, actor: Any) -> ProjectEvent:
    """Publication was approved: identifier, standard (the edition's id; None for an amendment sheet)."""
    return _record(project, Kind.PUBLISHED, actor=actor, data={
        "identifier": project.published_identifier, "standard": project.standard_id})
