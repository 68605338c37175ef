"""A call's writes: set it up (a draft), then open, close and decide it. Each asks the policy and writes its event
in the same transaction; a refused move names the state it is in and writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed

from .. import events
from ..models import ApplicationState, CallState, Programme, ProgrammeType

# The moves of a call: from → allowed next states.
CALL_MOVES = {
    CallState.DRAFT: (CallState.OPEN,),
    CallState.OPEN: (CallState.CLOSED,),
    CallState.CLOSED: (CallState.DECIDED,),
    CallState.DECIDED: (),
}
AUTHORITY_KINDS = (OrganisationKind.NATIONAL_ADMINISTRATION, OrganisationKind.BUREAU)


@dataclass
class ProgrammeInput:
    programme_type: ProgrammeType
    authority: Organisation
    title: str
    year: int
    opens_on: date
    closes_on: date
    eligibility: str = ""
    duration_months: int = 24


@transaction.atomic
def create_programme(*, actor: Any, data: ProgrammeInput) -> Programme:
    policy.require(actor, "programmes.create", data.authority)
    problems = []
    if data.authority.kind not in AUTHORITY_KINDS:
        problems.append({"field": "authority", "message": _("组织单位须为国家标准化管理委员会或市场监管部门。")})
    if not data.title.strip():
        problems.append({"field": "title", "message": _("请填写批次名称。")})
    if data.closes_on < data.opens_on:
        problems.append({"field": "closes_on", "message": _("申报截止日期不能早于开始日期。")})
    if not 1 <= data.duration_months <= 120:
        problems.append({"field": "duration_months", "message": _("建设周期应为 1 至 120 个月。")})
    if problems:
        raise ValidationFailed(_("批次未能保存，请按提示修改。"), problems)
    programme = Programme.objects.create(
        programme_type=data.programme_type, authority=data.authority, title=data.title.strip(), year=data.year,
        opens_on=data.opens_on, closes_on=data.closes_on, eligibility=data.eligibility.strip(),
        duration_months=data.duration_months)
    events.programme_created(programme, actor=actor)
    return programme


@transaction.atomic
def move_call(*, actor: Any, programme: Programme, to: str) -> Programme:
    """Open a draft, close an open call, or decide a closed one (every application decided or withdrawn)."""
    policy.require(actor, "programmes.manage", programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if to not in CALL_MOVES[programme.state]:
        allowed = "、".join(str(CallState(s).label) for s in CALL_MOVES[programme.state]) or _("无")
        raise InvalidTransition(_("批次当前状态为“%(state)s”，不能改为“%(to)s”；可改为：%(allowed)s。") % {
            "state": programme.get_state_display(), "to": CallState(to).label if to in CallState.values else to,
            "allowed": allowed}, state=programme.state, to=to)
    if to == CallState.DECIDED:
        pending = programme.applications.filter(
            state__in=[ApplicationState.SUBMITTED, ApplicationState.UNDER_REVIEW]).count()
        if pending:
            raise RequirementsUnmet(_("还有 %(n)d 份申报未作决定，全部决定后才能公布结果。") % {"n": pending},
                                    [{"requirement": "applications_decided", "message": _("还有申报未作决定。")}])
    before = programme.state
    programme.state = to
    programme.save(update_fields=["state"])
    events.call_moved(programme, actor=actor, from_state=before)
    return programme
