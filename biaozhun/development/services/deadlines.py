"""Extensions of the approval deadline (延期申请): the secretariat asks in time, once per project and within the
longest extension; the national administration decides. (The daily sweep that sends deadline reminders and
freezes overdue projects is development/sweep.py.)"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, TimeLimitPassed, ValidationFailed
from biaozhun.rules.cycles import approval_deadline, cycle_kind, last_day_to_request_extension

from .. import limits
from ..models import ExtensionRequest, Project, ProjectKind, stage_label
from . import events


@transaction.atomic
def request_extension(*, actor: Any, project: Project, months: int, reason: str) -> ExtensionRequest:
    """The secretariat asks to extend the approval deadline: while it runs (not while the project is suspended),
    in time, once per project, within the longest extension."""
    policy.require(actor, "development.manage", project)
    project = Project.objects.select_for_update().select_related("committee").get(pk=project.pk)
    values = limits.current()
    if not project.deadline_runs:
        raise InvalidTransition(_("只有计划下达后、报批前的项目可以申请延期（当前：%(stage)s）。") % {
            "stage": stage_label(project.stage)}, current=project.stage, allowed=[])
    if project.frozen:
        raise TimeLimitPassed(_("项目已超过报批期限（%(deadline)s）并冻结，不能再申请延期，只能暂缓或终止。") % {
            "deadline": project.deadline.isoformat()}, rule="extension_notice_days",
            deadline=project.deadline.isoformat())
    last_day = last_day_to_request_extension(project.deadline, values["extension_notice_days"])
    if clock.today() > last_day:
        raise TimeLimitPassed(_("延期须在报批期限（%(deadline)s）前 %(days)d 日提出，最后一天是 %(last)s。") % {
            "deadline": project.deadline.isoformat(), "days": values["extension_notice_days"],
            "last": last_day.isoformat()},
            rule="extension_notice_days", deadline=project.deadline.isoformat(), last_day=last_day.isoformat())
    _check_once(project)
    problems = []
    if not 1 <= months <= values["extension_max_months"]:
        problems.append({"field": "months", "message": _("延期为 1 至 %(max)d 个月") % {
            "max": values["extension_max_months"]}})
    if not reason.strip():
        problems.append({"field": "reason", "message": _("请说明延期理由")})
    if problems:
        raise ValidationFailed(_("延期申请未能提交。"), problems)
    request = ExtensionRequest.objects.create(project=project, months=months, reason=reason.strip(),
                                              requested_by=user_or_none(actor), requested_at=clock.now(),
                                              deadline_before=project.deadline)
    events.extension_requested(project, actor=actor, request=request)
    return request


def _check_once(project: Project) -> None:
    """One extension per project: none may be pending, and none approved before."""
    earlier = project.extension_requests.exclude(state=ExtensionRequest.State.REFUSED).order_by("-id").first()
    if earlier is None:
        return
    if earlier.state == ExtensionRequest.State.PENDING:
        raise InvalidTransition(_("已有一份待审核的延期申请（%(months)d 个月），请等待审核结果。") % {
            "months": earlier.months}, current=earlier.state, allowed=[])
    raise InvalidTransition(_("每个项目只能延期一次：已于 %(day)s 批准延期 %(months)d 个月。") % {
        "day": timezone.localdate(earlier.decided_at).isoformat(), "months": earlier.months},
        current=earlier.state, allowed=[])


@transaction.atomic
def decide_extension(*, actor: Any, request: ExtensionRequest, approve: bool, reason: str = "") -> ExtensionRequest:
    """The national administration approves (the deadline moves; reminders start again) or refuses with a reason."""
    policy.require(actor, "development.decide", request.project)
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ExtensionRequest.State.PENDING:
        raise InvalidTransition(_("该延期申请已审核（%(state)s）。") % {"state": request.get_state_display()},
                                current=request.state, allowed=[])
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationFailed(_("不批准须说明理由。"), [{"field": "reason", "message": _("请说明不批准的理由")}])
    project = Project.objects.select_for_update().get(pk=request.project_id)
    if approve:
        project.extension_months = request.months
        project.deadline = limits.period_end(approval_deadline(
            project.plan_issued_on, cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION),
            extension_months=request.months, limits=limits.cycles()))
        project.deadline_notice = ""
        project.frozen = project.deadline < clock.today()
        project.version += 1
        project.save()
    request.state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
    request.decided_by = user_or_none(actor)
    request.decided_at = clock.now()
    request.decision_reason = reason
    request.save()
    events.extension_decided(project, actor=actor, request=request)
    return request
