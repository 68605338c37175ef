"""One constructor per kind of assessment event; the assessment services record their history only through these.

Each writes one append-only ``AssessmentEvent`` (the acting user, or no user for the system; the time from
core.clock). ``data`` keys by kind:

=================  ==========================================================================================
scheme_created     year, version, config (the whole scheme), copied_from (a year, or None for the default)
scheme_changed     year, version (after), before, after (the changed top-level keys of the scheme only)
created            committee (code), year, version, replaces (the id of the version it replaces, or None)
computed           as_of, total, grade, ratios ({indicator: [numerator, denominator]})
scored             before, after ({item: score}), note_changed
finalised          total, grade, measure (recommended, or "")
decided            measure, document, decided_on, correction_due, status (the committee's after, or None)
correction_closed  closed_on, note
=================  ==========================================================================================
"""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import Assessment, AssessmentEvent, AssessmentEventKind, AssessmentScheme

Kind = AssessmentEventKind


def _event(kind: str, *, actor: Any, assessment: Assessment | None = None, scheme: AssessmentScheme | None = None,
           from_state: str = "", to_state: str = "", reason: str = "", data: dict[str, Any]) -> AssessmentEvent:
    return AssessmentEvent(kind=kind, assessment=assessment, scheme=scheme, actor=user_or_none(actor), at=clock.now(),
                           from_state=from_state, to_state=to_state, reason=reason, data=data)


def _record(*args: Any, **kwargs: Any) -> AssessmentEvent:
    event = _event(*args, **kwargs)
    event.save()
    return event


def scheme_created(scheme: AssessmentScheme, *, actor: Any, copied_from: int | None) -> AssessmentEvent:
    return _record(Kind.SCHEME_CREATED, actor=actor, scheme=scheme, data={
        "year": scheme.year, "version": scheme.version, "config": scheme.config, "copied_from": copied_from})


def scheme_changed(scheme: AssessmentScheme, *, actor: Any, before: dict[str, Any],
                   after: dict[str, Any]) -> AssessmentEvent:
    return _record(Kind.SCHEME_CHANGED, actor=actor, scheme=scheme, data={
        "year": scheme.year, "version": scheme.version, "before": before, "after": after})


def created(assessment: Assessment, *, actor: Any) -> AssessmentEvent:
    return _record(Kind.CREATED, actor=actor, assessment=assessment, to_state=assessment.state,
                   data=created_data(assessment))


def created_data(assessment: Assessment) -> dict[str, Any]:
    return {"committee": assessment.committee.code, "year": assessment.year, "version": assessment.version,
            "replaces": assessment.replaces_id}


def computed(assessment: Assessment, *, actor: Any, from_state: str) -> AssessmentEvent:
    return _record(Kind.COMPUTED, actor=actor, assessment=assessment, from_state=from_state,
                   to_state=assessment.state, data=computed_data(assessment))


def computed_data(assessment: Assessment) -> dict[str, Any]:
    return {"as_of": assessment.as_of.isoformat() if assessment.as_of else None,
            "total": str(assessment.total) if assessment.total is not None else None, "grade": assessment.grade,
            "ratios": {code: [row["numerator"], row["denominator"]] for code, row in assessment.figures.items()}}


def bulk(rows: list[AssessmentEvent]) -> None:
    """Write many events at once (the yearly run over every committee), built with `unsaved`."""
    AssessmentEvent.objects.bulk_create(rows, batch_size=1000)


def unsaved(kind: str, *, actor: Any, assessment: Assessment, from_state: str = "",
            data: dict[str, Any]) -> AssessmentEvent:
    """An event of ``kind`` not yet written (for `bulk`)."""
    return _event(kind, actor=actor, assessment=assessment, from_state=from_state, to_state=assessment.state,
                  data=data)


def scored(assessment: Assessment, *, actor: Any, from_state: str, before: dict[str, Any], after: dict[str, Any],
           note_changed: bool) -> AssessmentEvent:
    return _record(Kind.SCORED, actor=actor, assessment=assessment, from_state=from_state, to_state=assessment.state,
                   data={"before": before, "after": after, "note_changed": note_changed})


def finalised(assessment: Assessment, *, actor: Any, from_state: str) -> AssessmentEvent:
    return _record(Kind.FINALISED, actor=actor, assessment=assessment, from_state=from_state,
                   to_state=assessment.state, data={
                       "total": str(assessment.total) if assessment.total is not None else None,
                       "grade": assessment.grade, "measure": assessment.measure})


def decided(assessment: Assessment, *, actor: Any, status: str | None) -> AssessmentEvent:
    decision = assessment.decision
    return _record(Kind.DECIDED, actor=actor, assessment=assessment, reason=decision.reason, data={
        "measure": decision.measure, "document": decision.document, "decided_on": decision.decided_on.isoformat(),
        "correction_due": decision.correction_due.isoformat() if decision.correction_due else None,
        "status": status})


def correction_closed(assessment: Assessment, *, actor: Any) -> AssessmentEvent:
    decision = assessment.decision
    return _record(Kind.CORRECTION_CLOSED, actor=actor, assessment=assessment, reason=decision.correction_note,
                   data={"closed_on": decision.correction_closed_on.isoformat(), "note": decision.correction_note})
