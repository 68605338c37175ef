"""New work items led from China and the harmonized stages they move through; the ISO/IEC ballots China votes on
and China's vote, recorded by the mirror committee's secretariat before the deadline.

The administration records work items and their stage moves and opens ballots (participation.manage); the mirror
committee's secretariat records the vote and comments (participation.vote), and may change them until the end of
the deadline's day. Each change writes one event; a refusal writes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, TimeLimitPassed, ValidationFailed
from biaozhun.rules.participation import deadline_missed, default_deadline, stage_move_allowed, stages_after

from ...models import (
    HarmonizedStage,
    InternationalBallot,
    InternationalBallotKind,
    InternationalCommittee,
    MirrorLink,
    NationalVote,
    WorkItem,
)
from ...models.participation import VOTES_WITH_COMMENTS
from . import events

MAX_COMMENTS = 20_000
MAX_NOTE = 2000


def _problem(name: str, message: str) -> dict[str, str]:
    return {"field": name, "message": message}


def _reference(text: str) -> str:
    return " ".join(str(text).replace("／", "/").split())


# --- Work items ----------------------------------------------------------------------------------------------
@transaction.atomic
def record_work_item(*, actor: Any, international: InternationalCommittee, reference: str, title: str, leader: str,
                     leader_organisation: str, proposed_on: date, title_zh: str = "",
                     committee: Committee | None = None, stage: str = HarmonizedStage.S0000,
                     stage_on: date | None = None) -> WorkItem:
    """A new work item proposal led from China, at the stage it has reached (00.00 when just proposed)."""
    policy.require(actor, "participation.manage")
    reference, title, title_zh = _reference(reference), str(title).strip(), str(title_zh).strip()
    leader, leader_organisation = str(leader).strip(), str(leader_organisation).strip()
    stage_on = stage_on or proposed_on
    problems = []
    if not reference:
        problems.append(_problem("reference", _("请填写项目编号，例如 ISO/NP 24567。")))
    elif WorkItem.objects.filter(reference=reference).exists():
        problems.append(_problem("reference", _("项目 %(reference)s 已经登记。") % {"reference": reference}))
    if not title:
        problems.append(_problem("title", _("请填写项目的英文名称。")))
    if not leader:
        problems.append(_problem("leader", _("请填写项目负责人（Project leader）。")))
    if not leader_organisation:
        problems.append(_problem("leader_organisation", _("请填写项目负责人所在单位。")))
    if stage not in HarmonizedStage.values:
        problems.append(_problem("stage", _("请选择 ISO 协调阶段代码（00.00 至 95.99）。")))
    if proposed_on > clock.today():
        problems.append(_problem("proposed_on", _("提出日期不能晚于今天。")))
    if stage_on < proposed_on or stage_on > clock.today():
        problems.append(_problem("stage_on", _("进入本阶段的日期应在提出日期（%(day)s）和今天之间。") % {
            "day": proposed_on.isoformat()}))
    if problems:
        raise ValidationFailed(_("国际标准提案未能登记，请按提示修改。"), problems)
    item = WorkItem.objects.create(
        international=international, committee=committee, reference=reference, title=title, title_zh=title_zh,
        leader=leader, leader_organisation=leader_organisation, proposed_on=proposed_on, stage=stage,
        stage_on=stage_on)
    events.work_item_recorded(item, actor=actor)
    return item


@transaction.atomic
def move_stage(*, actor: Any, item: WorkItem, stage: str, on: date | None = None, note: str = "") -> WorkItem:
    """Record the stage the project has reached (forward, or back after a decision to go back), with its date."""
    policy.require(actor, "participation.manage")
    item = WorkItem.objects.select_for_update().select_related("international").get(pk=item.pk)
    on, note = on or clock.today(), str(note).strip()
    if not stage_move_allowed(item.stage, stage):
        allowed = stages_after(item.stage)
        raise InvalidTransition(_("%(reference)s 处于 %(current)s 阶段，不能登记为 %(stage)s。可登记的阶段：%(allowed)s。") % {
            "reference": item.reference, "current": item.stage, "stage": stage,
            "allowed": "、".join(allowed) if allowed else _("无（项目已终止）")}, current=item.stage)
    problems = []
    if on < item.stage_on or on > clock.today():
        problems.append(_problem("on", _("阶段日期应在上一阶段日期（%(day)s）和今天之间。") % {
            "day": item.stage_on.isoformat()}))
    if len(note) > MAX_NOTE:
        problems.append(_problem("note", _("说明最多 %(n)d 个字符。") % {"n": MAX_NOTE}))
    if problems:
        raise ValidationFailed(_("阶段变更未能登记，请按提示修改。"), problems)
    before = item.stage
    item.stage, item.stage_on = stage, on
    item.save(update_fields=["stage", "stage_on"])
    events.stage_moved(item, actor=actor, before=before, note=note)
    return item


# --- Ballots -------------------------------------------------------------------------------------------------
def mirrors(committee: Committee, international: InternationalCommittee) -> bool:
    """Whether the committee mirrors the ISO/IEC committee, or the TC it belongs to."""
    wanted = Q(international=international)
    if international.parent_id:
        wanted |= Q(international_id=international.parent_id)
    return MirrorLink.objects.filter(wanted, committee=committee).exists()


@transaction.atomic
def open_ballot(*, actor: Any, international: InternationalCommittee, committee: Committee, reference: str,
                kind: str, opens_on: date, closes_on: date | None = None, title: str = "") -> InternationalBallot:
    """Register an ISO/IEC ballot China votes on and give it to the mirror committee that prepares the position;
    without a closing day, the kind's usual length (rules.participation.BALLOT_WEEKS)."""
    policy.require(actor, "participation.manage")
    committee = Committee.objects.get(pk=committee.pk)  # its status now, not as the caller read it
    reference, title = _reference(reference), str(title).strip()
    problems = []
    if kind not in InternationalBallotKind.values:
        problems.append(_problem("kind", _("请选择投票类型：%(choices)s。") % {
            "choices": "、".join(str(label) for label in InternationalBallotKind.labels)}))
    elif closes_on is None:
        closes_on = default_deadline(kind, opens_on)
    if not reference:
        problems.append(_problem("reference", _("请填写投票文件编号，例如 ISO/DIS 45001。")))
    elif InternationalBallot.objects.filter(reference=reference, kind=kind).exists():
        problems.append(_problem("reference", _("%(reference)s 的这类投票已经登记。") % {"reference": reference}))
    if closes_on is not None and closes_on < opens_on:
        problems.append(_problem("closes_on", _("截止日期不能早于开始日期（%(day)s）。") % {"day": opens_on.isoformat()}))
    if not mirrors(committee, international):
        problems.append(_problem("committee", _("%(committee)s 不是 %(code)s 的国内技术对口单位；请先登记对口关系，"
                                                "或选择对口单位。") % {"committee": committee.code,
                                                                 "code": international.code}))
    elif not committee.is_at_work:
        problems.append(_problem("committee", _("%(committee)s 当前%(status)s，不能承担投票。") % {
            "committee": committee.code, "status": committee.get_status_display()}))
    if problems:
        raise ValidationFailed(_("国际投票未能登记，请按提示修改。"), problems)
    ballot = InternationalBallot.objects.create(international=international, committee=committee, reference=reference,
                                                kind=kind, title=title, opens_on=opens_on, closes_on=closes_on)
    events.ballot_opened(ballot, actor=actor)
    return ballot


@transaction.atomic
def record_vote(*, actor: Any, ballot: InternationalBallot, vote: str, comments: str = "") -> InternationalBallot:
    """Record China's vote and comments (the mirror committee's secretariat), until the end of the deadline's day;
    recording again before then replaces them (each recording is an event)."""
    policy.require(actor, "participation.vote", ballot)
    ballot = InternationalBallot.objects.select_for_update().get(pk=ballot.pk)
    comments = str(comments).replace("\r\n", "\n").strip()
    if deadline_missed(ballot.closes_on, clock.today()):
        raise TimeLimitPassed(_("%(reference)s 的投票已于 %(day)s 截止，不能再记录或修改我国投票。") % {
            "reference": ballot.reference, "day": ballot.closes_on.isoformat()}, closes_on=ballot.closes_on.isoformat())
    problems = []
    if vote not in NationalVote.values:
        problems.append(_problem("vote", _("请选择我国投票：%(choices)s。") % {
            "choices": "、".join(str(label) for label in NationalVote.labels)}))
    if vote in VOTES_WITH_COMMENTS and not comments:
        problems.append(_problem("comments", _("投“%(vote)s”时须填写我国意见（反对时说明理由）。") % {
            "vote": NationalVote(vote).label}))
    if len(comments) > MAX_COMMENTS:
        problems.append(_problem("comments", _("意见最多 %(n)d 个字符。") % {"n": MAX_COMMENTS}))
    if problems:
        raise ValidationFailed(_("投票未能记录，请按提示修改。"), problems)
    before, comments_changed = ballot.vote, comments != ballot.comments
    ballot.vote, ballot.comments = vote, comments
    ballot.recorded_by, ballot.recorded_at = user_or_none(actor), clock.now()
    ballot.save(update_fields=["vote", "comments", "recorded_by", "recorded_at"])
    events.vote_recorded(ballot, actor=actor, before=before, comments_changed=comments_changed)
    return ballot
