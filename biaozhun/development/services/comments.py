"""Comments under real names during the public periods (立项公示, 征求意见), numbered within the project, and the
drafting group's disposition of each once its period is over."""

from __future__ import annotations

import re
import unicodedata

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, TimeLimitPassed, ValidationFailed

from .. import limits
from ..models import Comment, Disposition, DocumentKind, Project, ProjectEvent
from . import events
from .projects import PERIOD_LIMITS, frozen_error, stage_name

CLAUSE_MAX = Comment._meta.get_field("clause").max_length
TEXT_MAX = 10_000
# Dispositions that must be explained (处理理由) on the record.
NEEDS_REASON = {Disposition.PARTLY, Disposition.NOT_ACCEPTED}
# Where each period's comments are processed: the stages after it, before the draft moves on.
DISPOSE_STAGES = {"notice": ("planned", "drafting"), "comment": ("disposition",)}
# Notice comments left without a first disposition may still get one until the draft goes to review, since
# the review guard counts every comment of the project.
LATE_NOTICE_STAGES = ("comment", "disposition")


def normalise_clause(text: str) -> str:
    """A clause reference as typed ("5.2.1", "第5章", "附录A"), with full-width forms and spacing tidied."""
    text = unicodedata.normalize("NFKC", text).replace("。", ".")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\d)\s*\.\s*(?=\d)", ".", text)


def period_over(project: Project, today) -> bool:
    return project.period_closed or (project.period_ends_on is not None and today > project.period_ends_on)


def period_days(project: Project) -> int:
    if project.period_opened_on and project.period_ends_on:
        return (project.period_ends_on - project.period_opened_on).days
    return limits.current()[PERIOD_LIMITS[project.stage]]


def check_open(project: Project, today) -> None:
    """Refuse a comment unless the project's public period is running today."""
    if project.stage not in PERIOD_LIMITS or project.period_ends_on is None:
        raise InvalidTransition(_("本项目当前处于「%(stage)s」阶段，不在立项公示或征求意见期内，不接受意见。") % {
            "stage": stage_name(project.stage)}, current=project.stage)
    if period_over(project, today):
        rule = PERIOD_LIMITS[project.stage]
        raise TimeLimitPassed(_("%(period)s期已于 %(end)s 截止（%(rule)s：%(days)d 日），不再接受意见。") % {
            "period": stage_name(project.stage), "end": project.period_ends_on.isoformat(), "rule": rule,
            "days": period_days(project)}, rule=rule, ends_on=project.period_ends_on.isoformat(),
            opened_on=project.period_opened_on.isoformat() if project.period_opened_on else None)


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(_("意见未能提交。"), [{"field": field, "message": message}])


@transaction.atomic
def submit_comment(actor, project: Project, *, text: str, clause: str = "", proposal: str = "",
                   organisation=None) -> Comment:
    """A comment under the actor's real name, numbered next within the project."""
    if actor is not None:
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
    if project.stage == "comment":
        draft = project.documents.filter(kind=DocumentKind.DRAFT).order_by("-version").first()
    latest = project.comments.aggregate(latest=Max("number"))["latest"] or 0
    return Comment.objects.create(
        project=project, number=latest + 1, period=project.stage, document=draft, clause=clause, text=text,
        proposal=proposal, author=actor, author_name=author_name, organisation=organisation,
        organisation_name=organisation.name if organisation is not None else "", submitted_at=clock.now(),
    )


def check_window(project: Project, comment: Comment, today) -> None:
    """Refuse a disposition unless the comment's period is over and the project has not moved past processing."""
    stage = project.stage
    if stage == comment.period:
        if not period_over(project, today):
            raise RequirementsUnmet(_("%(period)s期至 %(end)s 截止，期满后方可处理意见。") % {
                "period": stage_name(stage), "end": project.period_ends_on.isoformat()},
                [{"requirement": "period", "message": project.period_ends_on.isoformat()}])
        return
    if stage in DISPOSE_STAGES.get(comment.period, ()):
        return
    if comment.period == "notice" and stage in LATE_NOTICE_STAGES and not comment.disposition:
        return
    raise InvalidTransition(_("项目已进入「%(stage)s」阶段，第 %(number)d 号意见的处理不能再更改。") % {
        "stage": stage_name(stage), "number": comment.number}, current=stage)


@transaction.atomic
def dispose_comment(actor, comment: Comment, *, disposition: str, reason: str = "") -> Comment:
    """Record (or change, while the project is still processing) the disposition of one comment."""
    if actor is not None:
        policy.require(actor, "development.manage", comment.project)
    project = Project.objects.select_for_update().get(pk=comment.project_id)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    reason = reason.strip()
    if disposition not in Disposition.values:
        raise ValidationFailed(_("处理意见未能保存。"), [{"field": "disposition", "message": _(
            "请选择采纳、部分采纳或不采纳")}])
    if disposition in NEEDS_REASON and not reason:
        raise ValidationFailed(_("处理意见未能保存。"), [{"field": "reason", "message": _(
            "“%(disposition)s”须说明理由") % {"disposition": Disposition(disposition).label}}])
    check_window(project, comment, clock.today())
    if project.frozen:
        raise frozen_error(project)
    comment.disposition = disposition
    comment.disposition_reason = reason
    comment.disposed_by = actor if getattr(actor, "pk", None) else None
    comment.disposed_at = clock.now()
    comment.save(update_fields=["disposition", "disposition_reason", "disposed_by", "disposed_at"])
    events.record(project, ProjectEvent.Kind.DISPOSED, actor=actor, reason=reason,
                  data={"comments": [comment.pk], "disposition": disposition, "number": comment.number})
    return comment
