"""Comments under real names during the public periods (立项公示, 征求意见), numbered within the project, and the
drafting group's disposition of each once its period is over."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, TimeLimitPassed, ValidationFailed
from biaozhun.rules.stages import DISPOSAL_STAGES, LATE_NOTICE_DISPOSAL_STAGES, PERIOD_LIMITS, Stage

from .. import limits
from ..models import Comment, Disposition, DocumentKind, Project, period_label, stage_label
from . import events
from .projects import frozen_error

CLAUSE_MAX = Comment._meta.get_field("clause").max_length
TEXT_MAX = 10_000
# Dispositions that must be explained (处理理由) on the record.
REASONED_DISPOSITIONS = {Disposition.PARTLY, Disposition.NOT_ACCEPTED}


def normalise_clause(text: str) -> str:
    """A clause reference as typed ("5.2.1", "第5章", "附录A"), with full-width forms and spacing tidied."""
    text = unicodedata.normalize("NFKC", text).replace("。", ".")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\d)\s*\.\s*(?=\d)", ".", text)


def period_over(project: Project, today: date) -> bool:
    return project.period_closed or (project.period_ends_on is not None and today > project.period_ends_on)


def period_days(project: Project) -> int:
    if project.period_opened_on and project.period_ends_on:
        return (project.period_ends_on - project.period_opened_on).days
    return limits.current()[PERIOD_LIMITS[Stage(project.stage)]]


def check_open(project: Project, today: date) -> None:
    """Refuse a comment unless the project's public period is running today."""
    if project.stage not in PERIOD_LIMITS or project.period_ends_on is None:
        raise InvalidTransition(_("本项目当前处于「%(stage)s」阶段，不在立项公示或征求意见期内，不接受意见。") % {
            "stage": stage_label(project.stage)}, current=project.stage)
    if period_over(project, today):
        rule = PERIOD_LIMITS[Stage(project.stage)]
        raise TimeLimitPassed(_("%(period)s（%(days)d 日）已于 %(end)s 截止，不再接受意见。") % {
            "period": period_label(project.stage), "end": project.period_ends_on.isoformat(),
            "days": period_days(project)}, rule=rule, ends_on=project.period_ends_on.isoformat(),
            opened_on=project.period_opened_on.isoformat() if project.period_opened_on else None)


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(_("意见未能提交。"), [{"field": field, "message": message}])


@transaction.atomic
def submit_comment(*, actor: Any, project: Project, text: str, clause: str = "", proposal: str = "",
                   organisation=None) -> Comment:
    """A comment under the actor's real name, numbered next within the project."""
    policy.require(actor, "development.comment", project)
    if not getattr(actor, "pk", None):
        raise _invalid("author", _("意见须由实名注册的用户提出"))
    project = Project.objects.select_for_update().get(pk=project.pk)  # serialises the numbering
    check_open(project, clock.today())
    if project.frozen:  # past its approval deadline: only suspension or termination remain
        raise frozen_error(project)
    author_name = actor.real_name.strip()
    if not author_name:
        raise _invalid("real_name", _("请先在账号资料中填写真实姓名：意见须以实名提出"))
    if organisation is not None and not actor.memberships.filter(organisation=organisation).exists():
        raise _invalid("organisation", _("您不是“%(name)s”的成员，不能以该单位名义提出意见") % {
            "name": organisation.name})
    text, proposal, clause = text.strip(), proposal.strip(), normalise_clause(clause)
    if not text:
        raise _invalid("text", _("请填写意见内容"))
    if len(text) > TEXT_MAX or len(proposal) > TEXT_MAX:
        raise _invalid("text" if len(text) > TEXT_MAX else "proposal", _("不超过 %(max)d 字") % {"max": TEXT_MAX})
    if len(clause) > CLAUSE_MAX:
        raise _invalid("clause", _("章条编号不超过 %(max)d 字，如 5.2.1、第5章、附录A") % {"max": CLAUSE_MAX})
    draft = None
    if project.stage == Stage.COMMENT:
        draft = project.documents.filter(kind=DocumentKind.DRAFT).order_by("-version").first()
    latest = project.comments.aggregate(latest=Max("number"))["latest"] or 0
    return Comment.objects.create(
        project=project, number=latest + 1, period=project.stage, document=draft, clause=clause, text=text,
        proposal=proposal, author=actor, author_name=author_name, organisation=organisation,
        organisation_name=organisation.name if organisation is not None else "", submitted_at=clock.now(),
    )


def check_window(project: Project, comment: Comment, today: date) -> None:
    """Refuse a disposition unless the comment's period is over and the project has not moved past processing."""
    stage = project.stage
    if stage == comment.period:
        if not period_over(project, today):
            raise RequirementsUnmet(_("%(period)s期至 %(end)s 截止，期满后方可处理意见。") % {
                "period": period_label(stage), "end": project.period_ends_on.isoformat()},
                [{"requirement": "period", "message": project.period_ends_on.isoformat()}])
        return
    if stage in DISPOSAL_STAGES.get(comment.period, ()):
        return
    if comment.period == Stage.NOTICE and stage in LATE_NOTICE_DISPOSAL_STAGES and not comment.disposition:
        return
    raise InvalidTransition(_("项目已进入「%(stage)s」阶段，第 %(number)d 号意见的处理不能再更改。") % {
        "stage": stage_label(stage), "number": comment.number}, current=stage)


@transaction.atomic
def dispose_comment(*, actor: Any, comment: Comment, disposition: str, reason: str = "") -> Comment:
    """Record (or change, while the project is still processing) the disposition of one comment."""
    policy.require(actor, "development.manage", comment.project)
    project = Project.objects.select_for_update().get(pk=comment.project_id)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    reason = reason.strip()
    if disposition not in Disposition.values:
        raise ValidationFailed(_("处理意见未能保存。"), [{"field": "disposition", "message": _(
            "请选择采纳、部分采纳或不采纳")}])
    if disposition in REASONED_DISPOSITIONS and not reason:
        raise ValidationFailed(_("处理意见未能保存。"), [{"field": "reason", "message": _(
            "“%(label)s”须说明理由") % {"label": Disposition(disposition).label}}])
    check_window(project, comment, clock.today())
    if project.frozen:
        raise frozen_error(project)
    comment.disposition = disposition
    comment.disposition_reason = reason
    comment.disposed_by = user_or_none(actor)
    comment.disposed_at = clock.now()
    comment.save(update_fields=["disposition", "disposition_reason", "disposed_by", "disposed_at"])
    events.disposed(project, actor=actor, comment=comment)
    return comment
