"""Project writes: propose, and move between stages; `_move` alone assigns `stage`, always with its event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError, InvalidTransition, ValidationFailed
from biaozhun.rules.cycles import approval_deadline, cycle_kind
from biaozhun.rules.stages import TransitionRefused, check_move

from .models import Project, ProjectEvent, ProjectKind


class StaleProject(DomainError):
    code = "stale_project"
    status = 409


@transaction.atomic
def propose_project(actor, *, committee, title_zh: str, kind: str, nature: str, title_en: str = "",
                    adopts: str = "", degree: str = "", drafters: str = "") -> Project:
    if actor is not None:
        policy.require(actor, "development.propose", committee)
    problems = []
    if kind not in ProjectKind.values:
        problems.append({"field": "kind", "message": f"one of {', '.join(ProjectKind.values)}"})
    if nature not in ("mandatory", "recommended", "guidance"):
        problems.append({"field": "nature", "message": "one of mandatory, recommended, guidance"})
    if kind == ProjectKind.ADOPTION and not adopts:
        problems.append({"field": "adopts", "message": "the international standard adopted is required"})
    if not title_zh.strip():
        problems.append({"field": "title_zh", "message": "required"})
    if problems:
        raise ValidationFailed("The project was not proposed.", problems)
    project = Project.objects.create(committee=committee, title_zh=title_zh.strip(), title_en=title_en, kind=kind,
                                     nature=nature, adopts=adopts, degree=degree, drafters=drafters)
    ProjectEvent.objects.create(project=project, kind=ProjectEvent.Kind.PROPOSED, to_stage=project.stage,
                                actor=actor if getattr(actor, "pk", None) else None)
    return project


@transaction.atomic
def move_project(actor, project: Project, *, to: str, expected_version: int, reason: str = "",
                 plan_number: str = "") -> Project:
    """Move to `to` if the workflow allows it from the current stage; the error names the allowed moves."""
    if actor is not None:
        policy.require(actor, "development.move", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.version != expected_version:
        raise StaleProject(f"the project was changed by someone else (version {project.version}); reload it")
    try:
        check_move(project.stage, to, suspended_from=project.suspended_from or None)
    except TransitionRefused as exc:
        raise InvalidTransition(str(exc), current=exc.current, allowed=list(exc.allowed)) from None
    data = {}
    if to == "planned":
        if not plan_number:
            raise ValidationFailed("The plan number is required.", [{"field": "plan_number", "message": "e.g. 20190001-T-469"}])
        project.plan_number = plan_number
        project.plan_issued_on = timezone.localdate()
        project.deadline = approval_deadline(
            project.plan_issued_on, cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION))
        data = {"plan_number": plan_number, "deadline": project.deadline.isoformat()}
    _move(project, to=to, actor=actor, reason=reason, data=data)
    return project


def _move(project: Project, *, to: str, actor, reason: str, data: dict) -> None:
    before = project.stage
    project.suspended_from = before if to == "suspended" else ""
    project.stage = to
    project.version += 1
    project.save()
    ProjectEvent.objects.create(project=project, kind=ProjectEvent.Kind.MOVED, from_stage=before, to_stage=to,
                                actor=actor if getattr(actor, "pk", None) else None, reason=reason, data=data)
