"""One constructor per kind of committee event; committee services record their history only through these.

Each writes one append-only ``CommitteeEvent`` (the acting user, or no user for the system; the time from
core.clock, so replayed history keeps its dates) and documents the keys of its ``data``. Values in ``data`` are
JSON: dates as ISO text, related rows by primary key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import Committee, CommitteeEvent, Member

Kind = CommitteeEvent.Kind


def _record(committee: Committee, kind: str, *, actor: Any, data: dict[str, Any]) -> CommitteeEvent:
    return CommitteeEvent.objects.create(committee=committee, kind=kind, actor=user_or_none(actor), at=clock.now(),
                                         data=data)


def _with_application(data: dict[str, Any], application: int | None) -> dict[str, Any]:
    return {**data, "application": application} if application is not None else data


def committee_created(committee: Committee, *, actor: Any, application: int | None = None) -> CommitteeEvent:
    """data: {"code"} (and "application", the approved application it was established through)."""
    return _record(committee, Kind.CREATED, actor=actor, data=_with_application({"code": committee.code}, application))


def committee_updated(committee: Committee, *, actor: Any, before: dict[str, Any], after: dict[str, Any],
                      application: int | None = None) -> CommitteeEvent:
    """data: {"before", "after"}: the changed fields only, each with its old and its new value (and "application",
    the approved application that asked for the change)."""
    return _record(committee, Kind.UPDATED, actor=actor,
                   data=_with_application({"before": before, "after": after}, application))


def contacts_changed(committee: Committee, *, actor: Any, fields: list[str]) -> CommitteeEvent:
    """data: {"fields"}: the names of the changed contact fields; their values are personal data and stay out."""
    return _record(committee, Kind.CONTACTS_CHANGED, actor=actor, data={"fields": fields})


def term_started(committee: Committee, *, actor: Any, number: int, start: date, end: date, carried: list[int],
                 ended: list[int], added: list[int]) -> CommitteeEvent:
    """data: {"number", "start", "end", "carried", "ended", "added"}: the new term and the member ids of the seats
    carried into it (their new seats), ended with the old term, and added new."""
    return _record(committee, Kind.TERM_STARTED, actor=actor, data={
        "number": number, "start": start.isoformat(), "end": end.isoformat(), "carried": carried, "ended": ended,
        "added": added})


def term_reminded(committee: Committee, *, actor: Any, number: int, end: date, days_before: int) -> CommitteeEvent:
    """data: {"number", "end", "days_before"}: which term ends when, and which reminder this is."""
    return _record(committee, Kind.TERM_REMINDED, actor=actor,
                   data={"number": number, "end": end.isoformat(), "days_before": days_before})


def member_added(member: Member, *, actor: Any, data: dict[str, Any] | None = None) -> CommitteeEvent:
    """data: {"member_id", "name", "stakeholder"} (plus what the caller adds: "term", "carried_from")."""
    return _record(member.committee, Kind.MEMBER_ADDED, actor=actor,
                   data={"member_id": member.pk, "name": member.name, "stakeholder": member.stakeholder, **(data or {})})


def member_changed(member: Member, *, actor: Any, before: dict[str, Any], after: dict[str, Any]) -> CommitteeEvent:
    """data: {"member_id", "name", "before", "after"}: the changed fields only (``user`` as a user id)."""
    return _record(member.committee, Kind.MEMBER_CHANGED, actor=actor,
                   data={"member_id": member.pk, "name": member.name, "before": before, "after": after})


def member_ended(member: Member, *, actor: Any, on: date, reason: str) -> CommitteeEvent:
    """data: {"member_id", "on", "reason"}: the last day of the seat and why it ended."""
    return _record(member.committee, Kind.MEMBER_ENDED, actor=actor,
                   data={"member_id": member.pk, "on": on.isoformat(), "reason": reason})


def status_changed(committee: Committee, kind: str, *, actor: Any, before: str, reason: str, decision: str,
                   on: date) -> CommitteeEvent:
    """kind: suspended, reinstated, revoked or merged. data: {"before", "reason", "decision", "on"} (merged also
    "merged_into", the code of the committee taking the work)."""
    data = {"before": before, "reason": reason, "decision": decision, "on": on.isoformat()}
    if committee.merged_into_id:
        data["merged_into"] = committee.merged_into.code
    return _record(committee, kind, actor=actor, data=data)
