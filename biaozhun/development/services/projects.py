"""Project writes: propose, move between stages, edit the free details. `enter_stage` alone assigns `stage`, always
with its event."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.accounts import policy
from biaozhun.catalog.models import Nature
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import DomainError, InvalidTransition, RequirementsUnmet, TimeLimitPassed, ValidationFailed
from biaozhun.rules.cycles import approval_deadline, cycle_kind
from biaozhun.rules.plan_numbers import PlanNumberError, parse_plan_number
from biaozhun.rules.stages import (
    BEFORE_PLAN_STAGES,
    BY_CODE,
    DECISION_STAGES,
    OPEN_STAGES,
    OWN_SERVICE_STAGES,
    PERIOD_LIMITS,
    RETURN_SOURCES,
    SIDE_EXITS,
    Stage,
    TransitionRefused,
    check_move,
)

from .. import limits
from ..models import Project, ProjectEvent, ProjectKind, stage_label
from . import details, events
from .guards import missing_for, period_still_running

# How the stages that no plain move enters are entered instead.
HOW_ENTERED = {
    Stage.PUBLISHED: gettext_lazy("批准发布（由国家标准委审核人员填写标准号和日期）"),  # publish_project
    Stage.IN_FORCE: gettext_lazy("实施日期到达时由系统自动转入"),  # the daily sweep
}
assert set(HOW_ENTERED) == OWN_SERVICE_STAGES
# The natures a national standard project may have.
NATURES = (Nature.MANDATORY, Nature.RECOMMENDED, Nature.GUIDANCE)
# The details that may be edited outside the workflow (the admin), and until when: always while the project is
# open, or only before the plan is issued (what is adopted, and how closely, decides the cycle and the plan).
FREE_DETAILS = ("title_zh", "title_en", *details.PUBLICATION_DETAILS)
DETAILS_BEFORE_PLAN = ("adopts", "degree")


class StaleProject(DomainError):
    code = "stale_project"
    status = 409


def move_action(target: str) -> str:
    """The policy action a move to `target` needs: a decision of the national administration, or the committee's."""
    return "development.decide" if target in DECISION_STAGES else "development.move"


def move_needs_reason(current: str, target: str) -> bool:
    """Side exits (suspension, termination) and returns to drafting are explained on the record."""
    return target in SIDE_EXITS or (target == Stage.DRAFTING and current in RETURN_SOURCES)


@transaction.atomic
def propose_project(*, actor: Any, committee, title_zh: str, kind: str, nature: str, title_en: str = "",
                    adopts: str = "", degree: str = "", revises=(), trade_relevant: bool = False, ccs: Any = None,
                    ics_codes: Any = (), competent_department: str = "", drafting_units: Any = (),
                    drafters: Any = (), references: Any = ()) -> Project:
    """A new project in 提案. The publication details (classification, competent department, drafting units,
    drafters and normative references: lists, or text one per line) are carried into the edition when it is published; a revision or
    amendment takes the revised edition's classification and department where none is given."""
    policy.require(actor, "development.propose", committee)
    problems = []
    revises = list(revises)
    offered = {"ccs": ccs, "ics_codes": ics_codes, "competent_department": competent_department,
               "drafting_units": drafting_units, "drafters": drafters, "references": references}
    given = {name: value for name, value in offered.items() if value not in (None, "", [], ())}
    values = details.clean({**details.inherited(revises), **given}, problems)
    if kind not in ProjectKind.values:
        problems.append({"field": "kind", "message": _("请选择：%(choices)s") % {
            "choices": _("、").join(str(label) for label in ProjectKind.labels)}})
    if nature not in NATURES:
        problems.append({"field": "nature", "message": _("请选择：%(choices)s") % {
            "choices": _("、").join(str(n.label) for n in NATURES)}})
    if kind == ProjectKind.ADOPTION and not adopts:
        problems.append({"field": "adopts", "message": _("须填写所采用的国际标准")})
    if kind in (ProjectKind.REVISION, ProjectKind.AMENDMENT) and not revises:
        problems.append({"field": "revises", "message": _("修订或修改单项目须指明被修订的标准")})
    if trade_relevant and nature != Nature.MANDATORY:
        problems.append({"field": "trade_relevant", "message": _("只有强制性国家标准需要WTO/TBT通报")})
    if not title_zh.strip():
        problems.append({"field": "title_zh", "message": _("必填")})
    if problems:
        raise ValidationFailed(_("项目未能提出。"), problems)
    project = Project.objects.create(
        committee=committee, title_zh=title_zh.strip(), title_en=title_en, kind=kind, nature=nature, adopts=adopts,
        degree=degree, trade_relevant=trade_relevant, created_at=clock.now(), proposer=user_or_none(actor), **values,
    )
    if revises:
        project.revises.set(revises)
    events.proposed(project, actor=actor)
    return project


def frozen_error(project: Project) -> TimeLimitPassed:
    """The refusal of any step of a project frozen for passing its approval deadline, citing the cycle rule."""
    kind = cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION)
    return TimeLimitPassed(_("已超过报批期限（%(deadline)s），项目已冻结：须申请延期并获批准后才能继续。") % {
        "deadline": project.deadline}, rule=f"cycle_{kind}",
        deadline=project.deadline.isoformat() if project.deadline else None)


def lock(project: Project, *, expected_version: int) -> Project:
    """The project re-read under a row lock; StaleProject if someone changed it since `expected_version`."""
    current = Project.objects.select_for_update().select_related("committee").get(pk=project.pk)
    if current.version != expected_version:
        raise StaleProject(_("项目已被他人修改（当前版本 %(version)d），请刷新后重试。") % {"version": current.version},
                           version=current.version)
    return current


@transaction.atomic
def move_project(*, actor: Any, project: Project, to: str, expected_version: int, reason: str = "",
                 plan_number: str = "", period_days: int | None = None) -> Project:
    """Move to `to` if the workflow allows it now; every refusal says what is allowed or missing."""
    policy.require(actor, move_action(to), project)
    project = lock(project, expected_version=expected_version)
    if to in OWN_SERVICE_STAGES:
        raise InvalidTransition(_("「%(stage)s」不能直接转入：%(how)s。") % {
            "stage": stage_label(to), "how": HOW_ENTERED[Stage(to)]}, current=project.stage, allowed=[])
    try:
        check_move(project.stage, to, suspended_from=project.suspended_from or None)
    except TransitionRefused as exc:
        allowed = [a for a in exc.allowed if a not in OWN_SERVICE_STAGES]
        names = _("、").join(stage_label(a) for a in allowed) or _("无（项目已结束）")
        raise InvalidTransition(_("不能从「%(current)s」转入「%(target)s」。可转入：%(allowed)s") % {
            "current": stage_label(project.stage), "target": stage_label(to) if to in BY_CODE else to,
            "allowed": names}, current=exc.current, allowed=allowed) from None
    if project.frozen and to not in SIDE_EXITS:
        raise frozen_error(project)
    if move_needs_reason(project.stage, to) and not reason.strip():
        raise ValidationFailed(_("请说明理由。"), [{"field": "reason", "message": _("转入「%(stage)s」须说明理由") % {
            "stage": stage_label(to)}}])
    today = clock.today()
    if to not in SIDE_EXITS:
        running = period_still_running(project, today)
        if running:
            raise RequirementsUnmet(running[0]["message"], running)
    missing = missing_for(project, to)
    if missing:
        raise RequirementsUnmet(_("转入「%(stage)s」的条件尚未满足：") % {"stage": stage_label(to)}
                                + "；".join(item["message"] for item in missing), missing)
    data: dict = {}
    resuming = project.stage == Stage.SUSPENDED  # back where it stopped: plan, deadline and period stay as they were
    if to in DECISION_STAGES and not resuming:
        data.update(_plan(project, plan_number, today))
    if to in PERIOD_LIMITS and not resuming:
        data.update(_open_period(project, to, today, period_days))
    enter_stage(actor=actor, project=project, to=to, reason=reason, data=data)
    return project


def _plan(project: Project, plan_number: str, today: date) -> dict:
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


def _open_period(project: Project, stage: str, today: date, period_days: int | None) -> dict:
    rule = PERIOD_LIMITS[Stage(stage)]
    minimum = limits.current()[rule]
    days = minimum if period_days is None else period_days
    if days < minimum:
        raise ValidationFailed(_("期限过短。"), [{"field": "period_days", "message": _(
            "%(period)s不少于 %(days)d 日") % {"period": limits.label(rule), "days": minimum}}])
    project.period_opened_on = today
    project.period_ends_on = limits.period_end(today + timedelta(days=days))
    return {"period_ends_on": project.period_ends_on.isoformat(), "period_days": days}


def enter_stage(*, actor: Any, project: Project, to: str, reason: str = "", data: dict | None = None) -> ProjectEvent:
    """Assign the stage and write its event; callers hold the row lock and have checked the move and the policy."""
    before = project.stage
    project.suspended_from = before if to == Stage.SUSPENDED else ""
    if before in PERIOD_LIMITS and to != Stage.SUSPENDED:
        project.period_closed = True
    if to in PERIOD_LIMITS:
        project.period_closed = False
    project.stage = to
    project.version += 1
    project.save()
    return events.moved(project, actor=actor, from_stage=before, to_stage=to, reason=reason, data=data)


@transaction.atomic
def update_project_details(*, actor: Any, project: Project, changes: dict[str, Any],
                           expected_version: int) -> Project:
    """Edit the free details of a project (FREE_DETAILS while it is open; DETAILS_BEFORE_PLAN only before the
    plan). Everything else follows from the workflow and changes only through its services. Writes one
    details_changed event with each field's value before and after; a change to nothing writes nothing."""
    policy.require(actor, "development.move", project)
    project = lock(project, expected_version=expected_version)
    unknown = sorted(set(changes) - set(FREE_DETAILS) - set(DETAILS_BEFORE_PLAN))
    if unknown:
        raise ValidationFailed(_("项目信息未能修改。"), [
            {"field": name, "message": _("该项由标准制修订流程决定，不能直接修改")} for name in unknown])
    if project.stage not in OPEN_STAGES:
        raise InvalidTransition(_("项目已「%(stage)s」，其信息不能再修改。") % {"stage": stage_label(project.stage)},
                                current=project.stage, allowed=[])
    late = [name for name in changes if name in DETAILS_BEFORE_PLAN and project.stage not in BEFORE_PLAN_STAGES]
    if late:
        raise InvalidTransition(_("计划已下达：采用的国际标准及一致性程度不能再修改。"), current=project.stage,
                                allowed=[], fields=late)
    values = {name: (value.strip() if isinstance(value, str) else value) for name, value in changes.items()}
    problems: list[dict[str, str]] = []
    values.update(details.clean(values, problems))
    if "title_zh" in values and not values["title_zh"]:
        problems.append({"field": "title_zh", "message": _("必填")})
    if problems:
        raise ValidationFailed(_("项目信息未能修改。"), problems)
    if values.get("adopts", project.adopts) == "" and project.kind == ProjectKind.ADOPTION:
        raise ValidationFailed(_("项目信息未能修改。"), [{"field": "adopts", "message": _("须填写所采用的国际标准")}])
    changed = {name: (getattr(project, name), value) for name, value in values.items()
               if getattr(project, name) != value}
    if not changed:
        return project
    for name, (_before, after) in changed.items():
        setattr(project, name, after)
    project.version += 1
    project.save(update_fields=[*changed, "version"])
    events.details_changed(project, actor=actor, changes={
        name: [details.plain(before), details.plain(after)] for name, (before, after) in changed.items()})
    return project
