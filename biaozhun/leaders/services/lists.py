"""Leader lists: drafted from a run's top tier, put on public notice for a number of working days (objections
during it), objections decided (upheld: the entry leaves the list; rejected: it stays), then published.

    draft ──open_notice──▶ notice ──publish (after the period, no objection open)──▶ published

The objection period runs from the day the notice opens to the `notice_working_days`-th working day after it
(rules/workdays.py over the holiday calendar administrators keep), both included. The default is
``settings.BIAOZHUN_LEADERS_NOTICE_WORKING_DAYS`` (10 when unset); the administration may choose another length
when it opens the notice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, TimeLimitPassed, ValidationFailed
from biaozhun.declarations.models import Declaration
from biaozhun.reference.selectors import working_calendar

from ..models import (
    EntryState,
    LeaderEntry,
    LeaderList,
    LeadersEventKind,
    ListState,
    Objection,
    ObjectionState,
    RankingRun,
    RankingStatus,
)
from . import events

DEFAULT_NOTICE_WORKING_DAYS = 10
MAX_OBJECTION = 5000


def notice_working_days() -> int:
    return int(getattr(settings, "BIAOZHUN_LEADERS_NOTICE_WORKING_DAYS", DEFAULT_NOTICE_WORKING_DAYS))


def _locked(leader_list: LeaderList) -> LeaderList:
    return LeaderList.objects.select_for_update().select_related("key_product").get(pk=leader_list.pk)


def _require_state(leader_list: LeaderList, state: str, action: str) -> None:
    if leader_list.state != state:
        raise InvalidTransition(
            _("名单当前为“%(state)s”，不能%(action)s。") % {"state": leader_list.get_state_display(), "action": action},
            current=leader_list.state)


@transaction.atomic
def draft_leader_list(actor: Any, *, run: RankingRun) -> LeaderList:
    """A draft list of the run's top tier (one entry per declaration, no order)."""
    policy.require(actor, "leaders.manage", run)
    run = RankingRun.objects.select_for_update().select_related("scheme__key_product").get(pk=run.pk)
    if run.status != RankingStatus.RANKED or not run.tiers or not run.tiers[0]:
        raise InvalidTransition(_("这次分档没有形成档次（%(status)s），不能据此草拟领跑者名单。") % {
            "status": run.get_status_display()}, current=run.status)
    if LeaderList.objects.filter(run=run).exists():
        raise InvalidTransition(_("已根据这次分档草拟过名单；如需重拟，请重新分档。"), current=run.status)
    product = run.scheme.key_product
    leader_list = LeaderList.objects.create(key_product=product, run=run, year=product.year, created_at=clock.now())
    enterprises = dict(Declaration.objects.filter(pk__in=run.tiers[0]).values_list("pk", "enterprise_id"))
    LeaderEntry.objects.bulk_create(LeaderEntry(leader_list=leader_list, declaration_id=pk,
                                                enterprise_id=enterprises[pk]) for pk in run.tiers[0])
    events.list_moved(leader_list, LeadersEventKind.LIST_DRAFTED, actor=actor,
                      data={"run": run.pk, "entries": len(run.tiers[0])})
    return leader_list


@transaction.atomic
def open_notice(actor: Any, *, leader_list: LeaderList, working_days: int | None = None) -> LeaderList:
    """Public notice from today for `working_days` working days (the default when None)."""
    leader_list = _locked(leader_list)
    policy.require(actor, "leaders.manage", leader_list)
    _require_state(leader_list, ListState.DRAFT, _("公示"))
    days = notice_working_days() if working_days is None else int(working_days)
    if not 1 <= days <= 60:
        raise ValidationFailed(_("未能公示，请按提示修改。"), [
            {"field": "working_days", "message": _("公示期应为 1 到 60 个工作日。")}])
    today = clock.today()
    end = working_calendar().add_working_days(today, days)
    leader_list.state, leader_list.notice_from, leader_list.notice_until = ListState.NOTICE, today, end.day
    leader_list.notice_working_days, leader_list.notice_approximate = days, end.approximate
    leader_list.save(update_fields=["state", "notice_from", "notice_until", "notice_working_days",
                                    "notice_approximate"])
    events.list_moved(leader_list, LeadersEventKind.NOTICE_OPENED, actor=actor, data={
        "from": today.isoformat(), "until": end.day.isoformat(), "working_days": days,
        "approximate": end.approximate})
    return leader_list


def objection_period_message(leader_list: LeaderList) -> str:
    return _("公示期为 %(start)s 至 %(end)s（%(days)s 个工作日），异议须在此期间提出。") % {
        "start": leader_list.notice_from, "end": leader_list.notice_until, "days": leader_list.notice_working_days}


@transaction.atomic
def submit_objection(actor: Any, *, leader_list: LeaderList, entry: LeaderEntry, text: str) -> Objection:
    """An objection to one entry, during the notice period only."""
    leader_list = _locked(leader_list)
    policy.require(actor, "leaders.object", leader_list)
    today = clock.today()
    if leader_list.state != ListState.NOTICE or not (leader_list.notice_from <= today <= leader_list.notice_until):
        raise TimeLimitPassed(
            _("现在不在公示期内，不能提出异议。") + (objection_period_message(leader_list)
                                                     if leader_list.notice_from else ""),
            rule="leaders_notice", today=today.isoformat())
    text = text.strip()
    problems = []
    if entry.leader_list_id != leader_list.pk or entry.state != EntryState.LISTED:
        problems.append({"field": "entry", "message": _("请从名单中选择异议针对的企业和产品。")})
    if not text:
        problems.append({"field": "text", "message": _("请写明异议的事实和理由。")})
    elif len(text) > MAX_OBJECTION:
        problems.append({"field": "text", "message": _("异议内容不超过 %(n)d 字。") % {"n": MAX_OBJECTION}})
    if problems:
        raise ValidationFailed(_("未能提交异议，请按提示修改。"), problems)
    objection = Objection.objects.create(leader_list=leader_list, entry=entry, author=actor, text=text,
                                         at=clock.now())
    events.objection_recorded(objection, LeadersEventKind.OBJECTION_SUBMITTED, actor=actor)
    return objection


@transaction.atomic
def decide_objection(actor: Any, *, objection: Objection, upheld: bool, reason: str) -> Objection:
    """Upheld: the entry leaves the list; rejected: it stays. The reason is published with the decision."""
    objection = Objection.objects.select_for_update().select_related("entry", "leader_list").get(pk=objection.pk)
    policy.require(actor, "leaders.decide_objection", objection)
    if objection.state != ObjectionState.OPEN:
        raise InvalidTransition(_("这条异议已经处理（%(state)s）。") % {"state": objection.get_state_display()},
                                current=objection.state)
    if objection.leader_list.state == ListState.PUBLISHED:
        raise InvalidTransition(_("名单已发布，不能再处理异议。"), current=objection.leader_list.state)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("未能处理异议，请按提示修改。"), [
            {"field": "reason", "message": _("请写明处理意见，它将与名单一起公开。")}])
    objection.state = ObjectionState.UPHELD if upheld else ObjectionState.REJECTED
    objection.decided_at, objection.decided_by, objection.decision = clock.now(), user_or_none(actor), reason
    objection.save(update_fields=["state", "decided_at", "decided_by", "decision"])
    if upheld and objection.entry.state == EntryState.LISTED:
        objection.entry.state = EntryState.REMOVED
        objection.entry.save(update_fields=["state"])
    kind = LeadersEventKind.OBJECTION_UPHELD if upheld else LeadersEventKind.OBJECTION_REJECTED
    events.objection_recorded(objection, kind, actor=actor, reason=reason)
    return objection


@transaction.atomic
def publish_leader_list(actor: Any, *, leader_list: LeaderList) -> LeaderList:
    """Publish once the notice period is over and every objection is decided."""
    leader_list = _locked(leader_list)
    policy.require(actor, "leaders.manage", leader_list)
    _require_state(leader_list, ListState.NOTICE, _("发布"))
    if clock.today() <= leader_list.notice_until:
        raise InvalidTransition(_("公示期到 %(end)s 结束，结束后才能发布名单。") % {"end": leader_list.notice_until},
                                current=leader_list.state)
    open_count = leader_list.objections.filter(state=ObjectionState.OPEN).count()
    if open_count:
        raise InvalidTransition(_("还有 %(n)d 条异议未处理，处理后才能发布名单。") % {"n": open_count},
                                current=leader_list.state)
    leader_list.state, leader_list.published_at = ListState.PUBLISHED, clock.now()
    leader_list.save(update_fields=["state", "published_at"])
    entries = leader_list.entries.values_list("state", flat=True)
    events.list_moved(leader_list, LeadersEventKind.LIST_PUBLISHED, actor=actor, data={
        "entries": sum(1 for s in entries if s == EntryState.LISTED),
        "removed": sum(1 for s in entries if s == EntryState.REMOVED)})
    return leader_list
