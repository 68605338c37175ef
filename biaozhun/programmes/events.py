"""One constructor per kind of programme event; the services record history only through these.

``data`` keys by kind:

====================  ===================================================================================
programme_created     type (code), year, opens_on, closes_on
call_moved            (from_state, to_state on the row)
applied               organisation (id), region_code, attachments (count)
review_started        —
approved              pilot (id), started_on, planned_end_on
rejected              (reason on the row)
withdrawn             (reason on the row)
evaluation_opened     stage, evaluators (ids), pass_mark
scored                evaluator (id), scores ({criterion: score as text})
evaluation_concluded  stage, total, passed, outcome, planned_end_on (after an extension, else None)
evidence_linked       kind, key
====================  ===================================================================================
"""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import Evaluation, Pilot, PilotApplication, Programme, ProgrammeEvent, ProgrammeEventKind

Kind = ProgrammeEventKind


def _record(kind: str, *, actor: Any, programme: Programme | None = None,
            application: PilotApplication | None = None, pilot: Pilot | None = None,
            evaluation: Evaluation | None = None, from_state: str = "", to_state: str = "", reason: str = "",
            data: dict[str, Any] | None = None) -> ProgrammeEvent:
    event = ProgrammeEvent(kind=kind, programme=programme, application=application, pilot=pilot,
                           evaluation=evaluation, actor=user_or_none(actor), at=clock.now(), from_state=from_state,
                           to_state=to_state, reason=reason, data=data or {})
    event.save()
    return event


def programme_created(programme: Programme, *, actor: Any) -> ProgrammeEvent:
    return _record(Kind.PROGRAMME_CREATED, actor=actor, programme=programme, to_state=programme.state, data={
        "type": programme.programme_type.code, "year": programme.year, "opens_on": programme.opens_on.isoformat(),
        "closes_on": programme.closes_on.isoformat()})


def call_moved(programme: Programme, *, actor: Any, from_state: str) -> ProgrammeEvent:
    return _record(Kind.CALL_MOVED, actor=actor, programme=programme, from_state=from_state,
                   to_state=programme.state)


def applied(application: PilotApplication, *, actor: Any, attachments: int) -> ProgrammeEvent:
    return _record(Kind.APPLIED, actor=actor, programme=application.programme, application=application,
                   to_state=application.state, data={"organisation": application.organisation_id,
                                                     "region_code": application.region_code,
                                                     "attachments": attachments})


def application_moved(kind: str, application: PilotApplication, *, actor: Any, from_state: str, reason: str = "",
                      pilot: Pilot | None = None) -> ProgrammeEvent:
    data = {}
    if pilot is not None:
        data = {"pilot": pilot.pk, "started_on": pilot.started_on.isoformat(),
                "planned_end_on": pilot.planned_end_on.isoformat()}
    return _record(kind, actor=actor, programme=application.programme, application=application, pilot=pilot,
                   from_state=from_state, to_state=application.state, reason=reason, data=data)


def evaluation_opened(evaluation: Evaluation, *, actor: Any, evaluators: list[int]) -> ProgrammeEvent:
    return _record(Kind.EVALUATION_OPENED, actor=actor, pilot=evaluation.pilot, evaluation=evaluation,
                   to_state=evaluation.state, data={"stage": evaluation.stage, "evaluators": evaluators,
                                                    "pass_mark": str(evaluation.pass_mark)})


def scored(evaluation: Evaluation, *, actor: Any, scores: dict[str, str]) -> ProgrammeEvent:
    return _record(Kind.SCORED, actor=actor, pilot=evaluation.pilot, evaluation=evaluation,
                   data={"evaluator": getattr(actor, "pk", None), "scores": scores})


def evaluation_concluded(evaluation: Evaluation, *, actor: Any, pilot_from: str) -> ProgrammeEvent:
    pilot = evaluation.pilot
    return _record(Kind.EVALUATION_CONCLUDED, actor=actor, pilot=pilot, evaluation=evaluation,
                   from_state=pilot_from, to_state=pilot.state, reason=evaluation.comments, data={
                       "stage": evaluation.stage, "total": str(evaluation.total) if evaluation.total is not None
                       else None, "passed": evaluation.passed, "outcome": evaluation.outcome,
                       "planned_end_on": pilot.planned_end_on.isoformat()
                       if evaluation.outcome == "extended" else None})


def evidence_linked(pilot: Pilot, *, actor: Any, kind: str, key: str) -> ProgrammeEvent:
    return _record(Kind.EVIDENCE_LINKED, actor=actor, pilot=pilot, data={"kind": kind, "key": key})
