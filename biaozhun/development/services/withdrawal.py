"""Withdraw a publication made in error (撤销发布): an administrator takes the edition (or the amendment sheet) out
of the catalogue through catalog.services, and the project goes back to 报批 with its ballot, package and plan as
they were, so the reviewer can publish it again correctly. The catalogue's history and the project's both say
who withdrew what and why."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.services import withdraw_amendment, withdraw_standard
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.identifiers import parse
from biaozhun.rules.stages import WITHDRAWABLE_STAGES, WITHDRAWAL_RETURNS_TO

from ..models import Project, ProjectKind, stage_label
from . import events
from .projects import enter_stage, lock


@transaction.atomic
def withdraw_publication(*, actor: Any, project: Project, expected_version: int, reason: str) -> Project:
    """Undo the publication of `project`: the catalogue loses what it published, the project returns to 报批."""
    policy.require(actor, "development.withdraw_publication", project)
    project = lock(project, expected_version=expected_version)
    if project.stage not in WITHDRAWABLE_STAGES:
        raise InvalidTransition(_("项目处于「%(stage)s」阶段，尚未发布，无需撤销。") % {
            "stage": stage_label(project.stage)}, current=project.stage, allowed=[])
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("撤销未能完成。"), [{"field": "reason", "message": _(
            "请说明发布有误之处（如：标准号应为 GB 9706.299-2026），它将记入项目和标准的历史。")}])
    identifier, standard_id = project.published_identifier, project.standard_id
    if project.standard_id is not None:
        withdraw_standard(actor=actor, standard=project.standard, reason=reason)
    elif project.kind == ProjectKind.AMENDMENT:
        ident = parse(identifier)
        base = replace(ident, supplements=(), adopted=None).canonical
        sheet = next(s for s in ident.supplements if s.kind == "xg")
        withdraw_amendment(actor=actor, standard=project.revises.get(edition=base), number=int(sheet.number),
                           reason=reason)
    project.standard = None
    project.published_identifier = ""
    project.implemented_on = None
    enter_stage(actor=actor, project=project, to=WITHDRAWAL_RETURNS_TO, reason=reason,
                data={"withdrawn": identifier})
    events.withdrawn(project, actor=actor, identifier=identifier, standard=standard_id, reason=reason)
    return project
