"""An application's writes: an organisation member applies for the organisation while the call is open; the
authority starts the review, then approves (the application becomes a pilot, with its start and planned end) or
rejects it with a reason; the organisation may withdraw it until it is decided."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, ValidationFailed
from biaozhun.declarations.services.profiles import county_code_problem

from .. import events
from ..models import ApplicationState as State
from ..models import (
    CallState,
    Pilot,
    PilotApplication,
    Programme,
    ProgrammeEventKind,
)
from . import attachments as files

LIMITS = {"project_name": 200, "field": 100, "objectives": 5000, "planned_standards": 5000}
APPLICATION_MOVES = {
    State.SUBMITTED: (State.UNDER_REVIEW, State.WITHDRAWN),
    State.UNDER_REVIEW: (State.APPROVED, State.REJECTED, State.WITHDRAWN),
    State.APPROVED: (),
    State.REJECTED: (),
    State.WITHDRAWN: (),
}


class CallNotOpen(DomainError):
    """An application to a call that does not take applications today; ``data`` holds its state and dates."""

    code = "call_not_open"
    status = 409


class AlreadyApplied(DomainError):
    """A second live application of one organisation to one call."""

    code = "already_applied"
    status = 409


@dataclass
class ApplicationInput:
    project_name: str
    region_code: str
    field: str
    objectives: str
    planned_standards: str = ""
    attachments: list[tuple[str, Any]] = field(default_factory=list)  # (kind, uploaded file)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _clean(data: ApplicationInput) -> list[dict[str, str]]:
    problems = []
    data.project_name = " ".join(data.project_name.split())
    data.field = " ".join(data.field.split())
    data.objectives = data.objectives.strip()
    data.planned_standards = data.planned_standards.strip()
    data.region_code = data.region_code.strip()
    required = {"project_name": _("请填写项目名称。"), "field": _("请填写所属领域。"), "objectives": _("请填写建设目标。")}
    for name, message in required.items():
        if not getattr(data, name):
            problems.append({"field": name, "message": message})
    for name, limit in LIMITS.items():
        if len(getattr(data, name)) > limit:
            problems.append({"field": name, "message": _("最多 %(n)d 个字符。") % {"n": limit}})
    problem = county_code_problem(data.region_code)
    if problem:
        problems.append({"field": "region_code", "message": problem})
    return problems


@transaction.atomic
def apply_for_pilot(*, actor: Any, programme: Programme, organisation: Organisation,
                    data: ApplicationInput) -> PilotApplication:
    """Refused (nothing written) unless the actor applies for their own organisation, the call is open today, the
    organisation has no live application to it, and every field and file passes its check."""
    policy.require(actor, "programmes.apply", organisation)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    today = clock.today()
    if not programme.accepts_on(today):
        raise CallNotOpen(_("“%(title)s”不在申报期内（%(opens)s 至 %(closes)s，当前状态：%(state)s），不能申报。") % {
            "title": programme.title, "opens": programme.opens_on.isoformat(),
            "closes": programme.closes_on.isoformat(), "state": programme.get_state_display()},
            state=programme.state, opens_on=programme.opens_on.isoformat(),
            closes_on=programme.closes_on.isoformat())
    if programme.applications.filter(organisation=organisation, state__in=[
            State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED]).exists():
        raise AlreadyApplied(_("%(organisation)s已申报本批次；如需修改，请先撤回原申报再重新申报。") % {
            "organisation": organisation.name})
    problems = _clean(data)
    checked, file_problems = files.check_files(data.attachments)
    problems += file_problems
    if problems:
        raise ValidationFailed(_("申报未能提交，请按提示修改。"), problems)
    application = PilotApplication.objects.create(
        programme=programme, organisation=organisation, project_name=data.project_name,
        region_code=data.region_code, field=data.field, objectives=data.objectives,
        planned_standards=data.planned_standards, submitted_at=clock.now(), submitted_by=actor)
    files.store(application, checked)
    events.applied(application, actor=actor, attachments=len(checked))
    return application


def _move(application: PilotApplication, to: str) -> str:
    if to not in APPLICATION_MOVES[application.state]:
        raise InvalidTransition(_("申报当前状态为“%(state)s”，不能改为“%(to)s”。") % {
            "state": application.get_state_display(), "to": State(to).label}, state=application.state, to=to)
    before = application.state
    application.state = to
    return before


def _locked(application: PilotApplication) -> PilotApplication:
    return PilotApplication.objects.select_for_update().select_related("programme", "organisation").get(
        pk=application.pk)


@transaction.atomic
def start_review(*, actor: Any, application: PilotApplication) -> PilotApplication:
    policy.require(actor, "programmes.manage", application)
    application = _locked(application)
    before = _move(application, State.UNDER_REVIEW)
    application.save(update_fields=["state"])
    events.application_moved(ProgrammeEventKind.REVIEW_STARTED, application, actor=actor, from_state=before)
    return application


def _require_closed(application: PilotApplication) -> None:
    if application.programme.state != CallState.CLOSED:
        raise InvalidTransition(_("申报截止（批次状态为“申报已截止”）后才能作出决定；当前为“%(state)s”。") % {
            "state": application.programme.get_state_display()}, state=application.programme.state)


@transaction.atomic
def approve_application(*, actor: Any, application: PilotApplication, started_on: date | None = None) -> Pilot:
    """Approve after the call closed: the application becomes a pilot from ``started_on`` (default today) for the
    call's planned duration."""
    policy.require(actor, "programmes.manage", application)
    application = _locked(application)
    _require_closed(application)
    before = _move(application, State.APPROVED)
    application.decided_at = clock.now()
    application.save(update_fields=["state", "decided_at"])
    started_on = started_on or clock.today()
    pilot = Pilot.objects.create(
        application=application, programme=application.programme, organisation=application.organisation,
        name=application.project_name, region_code=application.region_code,
        province_code=application.region_code[:2], field=application.field, started_on=started_on,
        planned_end_on=add_months(started_on, application.programme.duration_months))
    events.application_moved(ProgrammeEventKind.APPROVED, application, actor=actor, from_state=before, pilot=pilot)
    return pilot


@transaction.atomic
def reject_application(*, actor: Any, application: PilotApplication, reason: str) -> PilotApplication:
    policy.require(actor, "programmes.manage", application)
    application = _locked(application)
    _require_closed(application)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("请说明不予批准的理由。"), [{"field": "reason", "message": _("请说明不予批准的理由。")}])
    before = _move(application, State.REJECTED)
    application.reason = reason
    application.decided_at = clock.now()
    application.save(update_fields=["state", "reason", "decided_at"])
    events.application_moved(ProgrammeEventKind.REJECTED, application, actor=actor, from_state=before, reason=reason)
    return application


@transaction.atomic
def withdraw_application(*, actor: Any, application: PilotApplication, reason: str = "") -> PilotApplication:
    policy.require(actor, "programmes.edit_application", application)
    application = _locked(application)
    before = _move(application, State.WITHDRAWN)
    application.reason = reason.strip()
    application.save(update_fields=["state", "reason"])
    events.application_moved(ProgrammeEventKind.WITHDRAWN, application, actor=actor, from_state=before,
                             reason=application.reason)
    return application
