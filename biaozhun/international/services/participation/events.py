"""One constructor per kind of participation event; the participation services record their history only here.

Each writes one append-only ``ParticipationEvent`` (the acting user, or none for the system; the time from
core.clock). ``data`` keys by kind:

====================  =========================================================================================
committee_registered  code, title, membership
committee_changed     code, before, after (the changed fields only)
mirror_linked         code (the ISO/IEC committee), committee (the Chinese committee's code)
mirror_unlinked       code, committee
post_recorded         where, kind, holder, organisation, start, end
post_changed          where, kind, before, after
work_item_recorded    reference, stage, stage_on
stage_moved           reference, from, to, on, note
ballot_opened         reference, kind, committee, opens_on, closes_on
vote_recorded         reference, before (the vote before, or ""), vote, comments_changed
ballot_reminded       reference, closes_on, days_before, recipients
ballot_missed         reference, closes_on
====================  =========================================================================================
"""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from ...models import (
    InternationalBallot,
    InternationalCommittee,
    ParticipationEvent,
    ParticipationEventKind,
    Post,
    WorkItem,
)

Kind = ParticipationEventKind


def _record(kind: str, *, actor: Any, data: dict[str, Any], international: InternationalCommittee | None = None,
            post: Post | None = None, work_item: WorkItem | None = None,
            ballot: InternationalBallot | None = None) -> ParticipationEvent:
    event = ParticipationEvent(kind=kind, international=international, post=post, work_item=work_item, ballot=ballot,
                               actor=user_or_none(actor), at=clock.now(), data=data)
    event.save()
    return event


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def committee_registered(international: InternationalCommittee, *, actor: Any) -> ParticipationEvent:
    return _record(Kind.COMMITTEE_REGISTERED, actor=actor, international=international, data={
        "code": international.code, "title": international.title, "membership": international.china_membership})


def committee_changed(international: InternationalCommittee, *, actor: Any, before: dict[str, Any],
                      after: dict[str, Any]) -> ParticipationEvent:
    return _record(Kind.COMMITTEE_CHANGED, actor=actor, international=international, data={
        "code": international.code, "before": before, "after": after})


def mirror_linked(international: InternationalCommittee, *, actor: Any, committee_code: str) -> ParticipationEvent:
    return _record(Kind.MIRROR_LINKED, actor=actor, international=international, data={
        "code": international.code, "committee": committee_code})


def mirror_unlinked(international: InternationalCommittee, *, actor: Any, committee_code: str) -> ParticipationEvent:
    return _record(Kind.MIRROR_UNLINKED, actor=actor, international=international, data={
        "code": international.code, "committee": committee_code})


def post_recorded(post: Post, *, actor: Any) -> ParticipationEvent:
    return _record(Kind.POST_RECORDED, actor=actor, post=post, international=post.international, data={
        "where": post.where, "kind": post.kind, "holder": post.holder, "organisation": post.organisation,
        "start": _day(post.start), "end": _day(post.end)})


def post_changed(post: Post, *, actor: Any, before: dict[str, Any], after: dict[str, Any]) -> ParticipationEvent:
    return _record(Kind.POST_CHANGED, actor=actor, post=post, international=post.international, data={
        "where": post.where, "kind": post.kind, "before": before, "after": after})


def work_item_recorded(item: WorkItem, *, actor: Any) -> ParticipationEvent:
    return _record(Kind.WORK_ITEM_RECORDED, actor=actor, work_item=item, international=item.international, data={
        "reference": item.reference, "stage": item.stage, "stage_on": _day(item.stage_on)})


def stage_moved(item: WorkItem, *, actor: Any, before: str, note: str) -> ParticipationEvent:
    return _record(Kind.STAGE_MOVED, actor=actor, work_item=item, international=item.international, data={
        "reference": item.reference, "from": before, "to": item.stage, "on": _day(item.stage_on), "note": note})


def ballot_opened(ballot: InternationalBallot, *, actor: Any) -> ParticipationEvent:
    return _record(Kind.BALLOT_OPENED, actor=actor, ballot=ballot, international=ballot.international, data={
        "reference": ballot.reference, "kind": ballot.kind, "committee": ballot.committee.code,
        "opens_on": _day(ballot.opens_on), "closes_on": _day(ballot.closes_on)})


def vote_recorded(ballot: InternationalBallot, *, actor: Any, before: str, comments_changed: bool) -> ParticipationEvent:
    return _record(Kind.VOTE_RECORDED, actor=actor, ballot=ballot, data={
        "reference": ballot.reference, "before": before, "vote": ballot.vote, "comments_changed": comments_changed})


def ballot_reminded(ballot: InternationalBallot, *, actor: Any, days_before: int,
                    recipients: int) -> ParticipationEvent:
    return _record(Kind.BALLOT_REMINDED, actor=actor, ballot=ballot, data={
        "reference": ballot.reference, "closes_on": _day(ballot.closes_on), "days_before": days_before,
        "recipients": recipients})


def ballot_missed(ballot: InternationalBallot, *, actor: Any) -> ParticipationEvent:
    return _record(Kind.BALLOT_MISSED, actor=actor, ballot=ballot, data={
        "reference": ballot.reference, "closes_on": _day(ballot.closes_on)})
