"""Project writes: propose, and move between stages. `enter_stage` alone assigns `stage`, always with its event."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, RequirementsUnmet, TimeLimitPassed, ValidationFailed
from biaozhun.rules.cycles import approval_deadline, cycle_kind
from biaozhun.rules.plan_numbers import PlanNumberError, parse_plan_number
from biaozhun.rules.stages import BY_CODE, TransitionRefused, check_move

from .. import limits
from ..models import STAGE_LABELS, Project, ProjectEvent, ProjectKind
from . import events
from .guards import missing_for

# Stages entered by their own services, never by a plain move.
OWN_SERVICE = {
    "published": gettext_lazy("批准发布（由国家标准委审核人员填写标准号和日期）"),  # publish_project creates the edition
    "in_force": gettext_lazy("实施日期到达时由系统自动转入"),  # the daily sweep
}
# Moves that need a reason on the record: side exits, and returns to drafting.
NEEDS_REASON = {"suspended", "terminated"}
RETURNS = {"disposition", "review", "approval"}
# Decisions of the national administration rather than of the committee's secretariat.
DECISIONS = {"planned"}
PERIOD_LIMITS = {"notice": "notice_days", "comment": "comment_days"}


class StaleProject(DomainError):
    code = "stale_project"
    status = 409


def stage_name(code: str) -> str:
    return str(STAGE_LABELS[code])


@transaction.atomic
def propose_project(actor, *, committee, title_zh: str, kind: str, nature: str, title_en: str = "",
                    adopts: str = "", degree: str = "", drafters: str = "", revises=(),
                    trade_relevant: bool = False) -> Project:
    if actor is not None:
        policy.require(actor, "development.propose", committee)
    problems = []
    if kind not in ProjectKind.values:
        problems.append({"field": "kind", "message": f"one of {', '.join(ProjectKind.values)}"})
    if nature not in ("mandatory", "recommended", "guidance"):
        problems.append({"field": "nature", "message": "one of mandatory, recommended, guidance"})
    if kind == ProjectKind.ADOPTION and not adopts:
        problems.append({"field": "adopts", "message": _("须填写所采用的国际标准")})
    if kind in (ProjectKind.REVISION, ProjectKind.AMENDMENT) and not revises:
        problems.append({"field": "revises", "message": _("修订或修改单项目须指明被修订的标准")})
    if trade_relevant and nature != "mandatory":
        problems.append({"field": "trade_relevant", "message": _("只有强制性国家标准需要WTO/TBT通报")})
    if not title_zh.strip():
        problems.append({"field": "title_zh", "message": _("必填")})
    if problems:
        raise ValidationFailed(_("项目未能提出。"), problems)
    project = Project.objects.create(
        committee=committee, title_zh=title_zh.strip(), title_en=title_en, kind=kind, nature=nature, adopts=adopts,
        degree=degree, drafters=drafters, trade_relevant=trade_relevant, created_at=clock.now(),
        proposer=actor if getattr(actor, "pk", None) else None,
    )
    if revises:
        project.revises.set(revises)
    events.record(project, ProjectEvent.Kind.PROPOSED, actor=actor, to_stage=project.stage)
    return project


def frozen_error(project: Project) -> TimeLimitPassed:
    """The refusal of any step of a project frozen for passing its approval deadline, citing the cycle rule."""
    kind = cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION)
    return TimeLimitPassed(_("已超过报批期限（%(deadline)s），项目已冻结：须申请延期并获批准后才能继续。") % {
        "deadline": project.deadline}, rule=f"cycle_{kind}",
        deadline=project.deadline.isoformat() if project.deadline else None)


def lock(project: Project, expected_version: int) -> Project:
    """The project re-read under a row lock; StaleProject if someone changed it since `expected_version`."""
    current = Project.objects.select_for_update().select_related("committee").get(pk=project.pk)
    if current.version != expected_version:
        raise StaleProject(_("项目已被他人修改（当前版本 %(version)d），请刷新后重试。") % {"version": current.version},
                           version=current.version)
    return current


@transaction.atomic
def move_project(actor, project: Project, *, to: str, expected_version: int, reason: str = "",
                 plan_number: str = "", period_days: int | None = None) -> Project:
    """Move to `to` if the workflow allows it now; every refusal says what is allowed or missing."""
    if actor is not None:
        policy.require(actor, "development.decide" if to in DECISIONS else "development.move", project)
    project = lock(project, expected_version)
    if to in OWN_SERVICE:
        raise InvalidTransition(_("「%(stage)s」不能直接转入：%(how)s。") % {
            "stage": stage_name(to), "how": OWN_SERVICE[to]}, current=project.stage, allowed=[])
    try:
        check_move(project.stage, to, suspended_from=project.suspended_from or None)
    except TransitionRefused as exc:
        allowed = [a for a in exc.allowed if a not in OWN_SERVICE]
        names = _("、").join(f"{stage_name(a)} ({a})" for a in allowed) or _("无（项目已结束）")
        raise InvalidTransition(_("不能从「%(current)s」转入「%(target)s」。可转入：%(allowed)s") % {
            "current": stage_name(project.stage), "target": stage_name(to) if to in BY_CODE else to,
            "allowed": names}, current=exc.current, allowed=allowed) from None
    if project.frozen and to not in ("suspended", "terminated"):
        raise frozen_error(project)
    if (to in NEEDS_REASON or (to == "drafting" and project.stage in RETURNS)) and not reason.strip():
        raise ValidationFailed(_("请说明理由。"), [{"field": "reason", "message": _("转入「%(stage)s」须说明理由") % {
            "stage": stage_name(to)}}])
    today = clock.today()
    if project.stage in PERIOD_LIMITS and to not in ("suspended", "terminated") and project.period_ends_on \
            and today <= project.period_ends_on:
        raise RequirementsUnmet(_("%(stage)s期至 %(end)s 截止，期满后方可进入下一阶段。") % {
            "stage": stage_name(project.stage), "end": project.period_ends_on},
            [{"requirement": "period", "message": str(project.period_ends_on)}])
    missing = missing_for(project, to)
    if missing:
        raise RequirementsUnmet(_("转入「%(stage)s」的条件尚未满足：") % {"stage": stage_name(to)}
                                + "；".join(item["message"] for item in missing), missing)
    data: dict = {}
    resuming = project.stage == "suspended"  # back where it stopped: plan, deadline and period stay as they were
    if to == "planned" and not resuming:
        data.update(_plan(project, plan_number, today))
    if to in PERIOD_LIMITS and not resuming:
        data.update(_open_period(project, to, today, period_days))
    enter_stage(project, to=to, actor=actor, reason=reason, data=data)
    return project


def _plan(project: Project, plan_number: str, today) -> dict:
    try:
        parsed = parse_plan_number(plan_number, nature=project.nature)
    except PlanNumberError as exc:
        raise ValidationFailed(_("计划号有误。"), [{"field": "plan_number", "message": str(exc)}]) from None
    number = str(parsed)
    if Project.objects.filter(plan_number=number).exclude(pk=project.pk).exists():
        raise ValidationFailed(_("计划号有误。"), [{"field": "plan_number", "message": _("计划号 %(number)s 已被使用")
                                                    % {"number": number}}])
    project.plan_number = number
    project.plan_issued_on = today
    project.extension_months = 0
    project.deadline = limits.period_end(approval_deadline(
        today, cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION), limits=limits.cycles()))
    return {"plan_number": number, "deadline": project.deadline.isoformat()}


def _open_period(project: Project, stage: str, today, period_days: int | None) -> dict:
    minimum = limits.current()[PERIOD_LIMITS[stage]]
    days = minimum if period_days is None else period_days
    if days < minimum:
        raise ValidationFailed(_("期限过短。"), [{"field": "period_days", "message": _(
            "不少于 %(days)d 日（%(rule)s）") % {"days": minimum, "rule": PERIOD_LIMITS[stage]}}])
    project.period_opened_on = today
    project.period_ends_on = limits.period_end(today + timedelta(days=days))
    return {"period_ends_on": project.period_ends_on.isoformat(), "period_days": days}


def enter_stage(project: Project, *, to: str, actor, reason: str = "", data: dict | None = None) -> ProjectEvent:
    """Assign the stage and write its event; callers hold the row lock and have checked the move."""
    before = project.stage
    project.suspended_from = before if to == "suspended" else ""
    if before in PERIOD_LIMITS and to != "suspended":
        project.period_closed = True
    if to in PERIOD_LIMITS:
        project.period_closed = False
    project.stage = to
    project.version += 1
    project.save()
    return events.record(project, ProjectEvent.Kind.MOVED, actor=actor, reason=reason, data=data or {},
                         from_stage=before, to_stage=to)
