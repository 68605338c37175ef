"""Technical review ballots (审查投票): open one with its roll fixed, take votes, close it with the result.

The roll is the committee's voting members in term on the day the ballot opens, one Vote row each; the result
is decided by rules/ballots.py from the counts and stored on the ballot when it closes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, TimeLimitPassed, ValidationFailed
from biaozhun.rules.ballots import decide
from biaozhun.rules.stages import Stage

from .. import limits
from ..models import Ballot, Project, Vote, VoteChoice, stage_label
from ..selectors import live_tally
from . import events
from .guards import has_review_draft, review_draft
from .projects import frozen_error

# Choices that must be explained (理由) on the record.
REASONED_CHOICES = {VoteChoice.REJECT, VoteChoice.RECUSE}


def _lock(ballot: Ballot) -> Ballot:
    return Ballot.objects.select_for_update().select_related("project__committee").get(pk=ballot.pk)


@transaction.atomic
def open_ballot(*, actor: Any, project: Project, method: str, closes_on: date | None = None) -> Ballot:
    """Open a meeting (会议审查) or letter (函审) ballot on a project in review, its roll fixed from today."""
    policy.require(actor, "development.manage", project)
    project = Project.objects.select_for_update().select_related("committee").get(pk=project.pk)
    if project.stage != Stage.REVIEW:
        raise InvalidTransition(_("只有处于审查阶段的项目才能发起审查投票（当前阶段：%(stage)s）。") % {
            "stage": stage_label(project.stage)}, current=project.stage)
    if project.ballots.filter(closed_at__isnull=True).exists():
        raise InvalidTransition(_("本项目已有一次审查投票正在进行，须先结束该投票。"), current=project.stage)
    if project.frozen:
        raise frozen_error(project)
    if not project.committee.is_at_work:
        raise InvalidTransition(_("%(committee)s 目前处于“%(status)s”状态，不能发起审查投票；恢复工作后方可发起。") % {
            "committee": project.committee.code, "status": project.committee.get_status_display()},
            current=project.stage)
    today = clock.today()
    if method == Ballot.Method.LETTER:
        days = limits.current()["ballot_days"]
        closes_on = closes_on or limits.period_end(today + timedelta(days=days))
        if closes_on <= today:
            raise ValidationFailed(_("投票未能发起。"), [{"field": "closes_on", "message": _(
                "函审截止日期须晚于今天（%(today)s）") % {"today": today.isoformat()}}])
    elif method == Ballot.Method.MEETING:
        closes_on = closes_on or today
        if closes_on < today:
            raise ValidationFailed(_("投票未能发起。"), [{"field": "closes_on", "message": _(
                "会议日期不能早于今天（%(today)s）") % {"today": today.isoformat()}}])
    else:
        raise ValidationFailed(_("投票未能发起。"), [{"field": "method", "message": _("请选择会议审查或函审")}])
    roll = [m for m in project.committee.members.filter(voting=True) if m.in_term(today)]
    if not roll:
        raise RequirementsUnmet(_("%(committee)s 目前没有在任的有表决权委员，无法发起投票。") % {
            "committee": project.committee.code},
            [{"requirement": "voting_members", "message": _("须先增补有表决权的委员")}])
    document = review_draft(project)
    if document is None:
        raise RequirementsUnmet(_("审查投票须针对送审稿：请先上传送审稿（按意见处理结果修改后的标准草案），再发起投票。"),
                                has_review_draft(project))
    ballot = Ballot.objects.create(project=project, method=method, document=document, opened_by=user_or_none(actor),
                                   opened_at=clock.now(), closes_on=closes_on, members=len(roll))
    Vote.objects.bulk_create([Vote(ballot=ballot, member=member) for member in roll])
    events.ballot_opened(project, actor=actor, ballot=ballot)
    return ballot


def _check_open(ballot: Ballot) -> None:
    """Votes are taken while the ballot is open and its closing day has not passed."""
    if not ballot.is_open:
        raise InvalidTransition(_("本次审查投票已于 %(closed)s 结束，不再接受表决。") % {
            "closed": timezone.localdate(ballot.closed_at).isoformat()}, closed_at=ballot.closed_at.isoformat())
    today = clock.today()
    if today > ballot.closes_on:
        raise TimeLimitPassed(_("审查投票已于 %(end)s 截止，不再接受表决。") % {
            "end": ballot.closes_on.isoformat()}, rule="ballot_days", closes_on=ballot.closes_on.isoformat(),
            today=today.isoformat())


def _check_choice(choice: str, reason: str) -> None:
    if choice not in VoteChoice.values:
        raise ValidationFailed(_("表决未能记录。"), [{"field": "choice", "message": _("请选择赞成、反对、弃权或回避")}])
    if choice in REASONED_CHOICES and not reason.strip():
        raise ValidationFailed(_("表决未能记录。"), [{"field": "reason", "message": _(
            "投「%(choice)s」票须说明理由") % {"choice": VoteChoice(choice).label}}])


def _save_vote(vote: Vote, actor: Any, choice: str, reason: str) -> Vote:
    vote.choice = choice
    vote.reason = reason.strip()
    vote.cast_at = clock.now()
    vote.recorded_by = user_or_none(actor)
    vote.save(update_fields=["choice", "reason", "cast_at", "recorded_by"])
    return vote


@transaction.atomic
def cast_vote(*, actor: Any, ballot: Ballot, choice: str, reason: str = "") -> Vote:
    """A member on the roll votes through their own account; a later vote replaces an earlier one."""
    policy.require(actor, "development.vote", ballot)  # always a person: the system never votes
    ballot = _lock(ballot)
    _check_open(ballot)
    _check_choice(choice, reason)
    vote = ballot.votes.select_for_update().get(member__user=actor)
    return _save_vote(vote, actor, choice, reason)


@transaction.atomic
def record_vote(*, actor: Any, ballot: Ballot, member, choice: str, reason: str = "") -> Vote:
    """The secretariat records a vote a member gave at the review meeting."""
    policy.require(actor, "development.manage", ballot.project)
    ballot = _lock(ballot)
    if ballot.method != Ballot.Method.MEETING:
        raise InvalidTransition(_("函审由委员本人投票，秘书处不能代为记录。"), method=ballot.method)
    _check_open(ballot)
    vote = ballot.votes.select_for_update().filter(member_id=getattr(member, "pk", member)).first()
    if vote is None:
        raise ValidationFailed(_("表决未能记录。"), [{"field": "member", "message": _("该委员不在本次投票的名单上")}])
    _check_choice(choice, reason)
    return _save_vote(vote, actor, choice, reason)


@transaction.atomic
def close_ballot(*, actor: Any, ballot: Ballot) -> Ballot:
    """Close the ballot and store its result. A letter ballot closes before its closing day only when every
    member on the roll has voted. The daily sweep closes ballots past their closing day as SYSTEM."""
    policy.require(actor, "development.manage", ballot.project)
    ballot = _lock(ballot)
    if not ballot.is_open:
        raise InvalidTransition(_("本次审查投票已经结束。"), closed_at=ballot.closed_at.isoformat())
    tally = live_tally(ballot=ballot)
    missing = tally.members - tally.cast - tally.recused
    if ballot.method == Ballot.Method.LETTER and clock.today() < ballot.closes_on and missing:
        raise RequirementsUnmet(_("函审投票至 %(end)s 截止；提前结束须全部委员表决，尚有 %(missing)d 人未投票。") % {
            "end": ballot.closes_on.isoformat(), "missing": missing},
            [{"requirement": "votes", "message": _("尚有 %(missing)d 人未投票") % {"missing": missing}}])
    outcome = decide(tally)
    ballot.approve, ballot.reject, ballot.abstain, ballot.recused = (
        tally.approve, tally.reject, tally.abstain, tally.recused)
    ballot.passed = outcome.passed
    ballot.outcome = outcome.reason
    ballot.closed_at = clock.now()
    ballot.closed_by = user_or_none(actor)
    ballot.save()
    events.ballot_closed(ballot.project, actor=actor, ballot=ballot)
    return ballot

