"""Every write to the foreign-language versions' plan: a project created (by hand or from a year's plan file), moved
along rules/translations.py, published with its translated text (the edition's `catalog.FullText` in the project's
language, checked as every full text is: catalog/services/fulltext.py). Each write appends its TranslationEvent in
the same transaction.

Event data by kind: created {"standard", "language", "plan_year", "plan_number", "source" ("form" or the file's
name)}; moved {} (the states are columns; why in ``reason``); updated {"before": {field: value}}; published
{"sha256", "size", "pages", "published_on"}."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.models import Standard, Tier
from biaozhun.catalog.services.fulltext import attach_full_text
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.rules.translations import OPEN, MoveRefused, TranslationState, by_undertaker, check_move

from ..models import TargetLanguage, TranslationEvent, TranslationEventKind, TranslationProject, TranslationStateChoice

Kind = TranslationEventKind


@dataclass
class ProjectInput:
    """One project as a form or a plan file's row gives it (the standard already looked up)."""

    standard: Standard | None
    language: str
    plan_year: int
    plan_number: str
    undertaker_name: str
    undertaker: Organisation | None = None
    due_on: date | None = None
    note: str = ""


def _event(project: TranslationProject, kind: str, *, actor: Any, from_state: str = "", reason: str = "",
           data: dict[str, Any] | None = None) -> TranslationEvent:
    return TranslationEvent(project=project, kind=kind, actor=user_or_none(actor), at=clock.now(),
                            from_state=from_state, to_state=project.state, reason=reason, data=data or {})


def _problems(data: ProjectInput, taken: set[tuple[int, str]]) -> list[dict[str, str]]:
    problems = []
    if data.standard is None:
        problems.append({"field": "standard", "message": _("请填写目录中已收录的我国标准的标准号。")})
    elif data.standard.tier == Tier.INTERNATIONAL:
        problems.append({"field": "standard", "message": _("外文版是我国标准的译本；国际标准不需要翻译。")})
    if data.language not in TargetLanguage.values:
        problems.append({"field": "language", "message": _("“%(language)s”不是可选的语种，可选：%(choices)s") % {
            "language": data.language, "choices": "、".join(str(label) for label in TargetLanguage.labels)}})
    if not 2000 <= data.plan_year <= clock.today().year + 1:
        problems.append({"field": "plan_year", "message": _("计划年度应在 2000 年至明年之间。")})
    number = data.plan_number.strip()
    if not number or len(number) > 40:
        problems.append({"field": "plan_number", "message": _("请填写计划编号（不超过 40 个字符）。")})
    elif (data.plan_year, number) in taken:
        problems.append({"field": "plan_number", "message": _("%(year)s 年度计划中已有编号 %(number)s。") % {
            "year": data.plan_year, "number": number}})
    if not data.undertaker_name.strip() or len(data.undertaker_name) > 200:
        problems.append({"field": "undertaker_name", "message": _("请填写承担单位（不超过 200 个字符）。")})
    return problems


def _taken(year: int) -> set[tuple[int, str]]:
    return {(year, number) for number in
            TranslationProject.objects.filter(plan_year=year).values_list("plan_number", flat=True)}


def _open_for(standard: Standard, language: str) -> bool:
    return TranslationProject.objects.filter(standard=standard, language=language, state__in=list(OPEN)).exists()


def _new(data: ProjectInput, *, actor: Any, source: str) -> TranslationProject:
    project = TranslationProject.objects.create(
        standard=data.standard, language=data.language, plan_year=data.plan_year,
        plan_number=data.plan_number.strip(), undertaker_name=data.undertaker_name.strip(),
        undertaker=data.undertaker, due_on=data.due_on, note=data.note)
    _event(project, Kind.CREATED, actor=actor, data={
        "standard": project.standard.identifier, "language": project.language, "plan_year": project.plan_year,
        "plan_number": project.plan_number, "source": source}).save()
    return project


@transaction.atomic
def create_translation(*, actor: Any, data: ProjectInput) -> TranslationProject:
    """Put one standard's translation into a year's plan."""
    policy.require(actor, "translations.manage")
    problems = _problems(data, _taken(data.plan_year))
    if not problems and _open_for(data.standard, data.language):
        problems.append({"field": "language", "message": _("该标准的此语种外文版已在计划中，尚未完成。")})
    if problems:
        raise ValidationFailed(_("外文版项目未能保存，请按提示修改。"), problems)
    return _new(data, actor=actor, source="form")


@transaction.atomic
def import_plan(*, actor: Any, rows: list[tuple[int, ProjectInput]], source: str,
                columns: dict[str, str]) -> list[TranslationProject]:
    """A year's plan from a file: every row checked, each problem naming its row and column; all or nothing."""
    policy.require(actor, "translations.manage")
    problems: list[dict[str, Any]] = []
    taken: set[tuple[int, str]] = set()
    for year in {data.plan_year for _line, data in rows}:
        taken |= _taken(year)
    pairs: set[tuple[int, str]] = set()
    for line, data in rows:
        found = _problems(data, taken)
        if not found and _open_for(data.standard, data.language):
            found.append({"field": "language", "message": _("该标准的此语种外文版已在计划中，尚未完成。")})
        if not found and (data.standard.pk, data.language) in pairs:
            found.append({"field": "standard", "message": _("文件中该标准的此语种出现了不止一次。")})
        for problem in found:
            problems.append({"line": line, "column": columns.get(problem["field"], problem["field"]), **problem})
        if data.standard is not None:
            pairs.add((data.standard.pk, data.language))
        taken.add((data.plan_year, data.plan_number.strip()))
    if not rows:
        raise ValidationFailed(_("文件中没有项目行。"), [])
    if problems:
        raise ValidationFailed(_("计划未导入：%(count)d 处需要修改，请改正后重新上传整个文件。") % {"count": len(problems)},
                               problems)
    return [_new(data, actor=actor, source=source) for _line, data in rows]


def _locked(project: TranslationProject) -> TranslationProject:
    # of=self: the undertaker is optional, and PostgreSQL locks no row of an outer join's nullable side
    return (TranslationProject.objects.select_for_update(of=("self",)).select_related("standard", "undertaker")
            .get(pk=project.pk))


def _refused_move(project: TranslationProject, to: str) -> InvalidTransition:
    labels = dict(TranslationStateChoice.choices)
    try:
        check_move(project.state, to)
    except MoveRefused as refused:
        allowed = "、".join(str(labels[state]) for state in refused.allowed) or _("无（已结束）")
        return InvalidTransition(_("项目处于“%(state)s”，不能改为“%(to)s”；可改为：%(allowed)s。") % {
            "state": labels[project.state], "to": labels.get(to, to), "allowed": allowed},
            state=project.state, to=to)
    raise AssertionError("the move is allowed")


@transaction.atomic
def move_translation(*, actor: Any, project: TranslationProject, to: str, reason: str = "") -> TranslationProject:
    """Move a project to `to` (publishing is `publish_translation`, with the text). The undertaking unit makes
    its own steps; the administration every move."""
    policy.require(actor, "translations.work", project)
    project = _locked(project)
    if to not in TranslationStateChoice.values:
        raise ValidationFailed(_("未知的状态。"), [{"field": "to", "message": _("未知的状态。")}])
    if to == TranslationState.PUBLISHED:
        raise ValidationFailed(_("出版外文版时请上传译文 PDF。"), [{"field": "file", "message": _("请上传译文 PDF。")}])
    try:
        check_move(project.state, to)
    except MoveRefused:
        raise _refused_move(project, to) from None
    if not policy.can(actor, "translations.manage") and not by_undertaker(project.state, to):
        raise PermissionDeniedError("translations.manage", _("承担单位可以开始翻译和提交审查；审查、批准和撤销由国家标准委办理。"))
    if to == TranslationState.CANCELLED and not reason.strip():
        raise ValidationFailed(_("撤销项目须说明理由。"), [{"field": "reason", "message": _("请填写撤销理由。")}])
    before = project.state
    project.state = to
    if to == TranslationState.APPROVED:
        project.approved_on = clock.today()
    project.updated_at = clock.now()
    project.save(update_fields=["state", "approved_on", "updated_at"])
    _event(project, Kind.MOVED, actor=actor, from_state=before, reason=reason.strip()).save()
    return project


@transaction.atomic
def publish_translation(*, actor: Any, project: TranslationProject, content: bytes,
                        published_on: date | None = None) -> TranslationProject:
    """Publish an approved project: its PDF becomes the edition's full text in the project's language."""
    policy.require(actor, "translations.manage")
    project = _locked(project)
    try:
        check_move(project.state, TranslationState.PUBLISHED)
    except MoveRefused:
        raise _refused_move(project, TranslationState.PUBLISHED) from None
    text = attach_full_text(actor=actor, standard=project.standard, content=content, language=project.language)
    before = project.state
    project.state = TranslationState.PUBLISHED
    project.published_on = published_on or clock.today()
    project.updated_at = clock.now()
    project.save(update_fields=["state", "published_on", "updated_at"])
    _event(project, Kind.PUBLISHED, actor=actor, from_state=before, data={
        "sha256": text.sha256, "size": text.size, "pages": text.page_count,
        "published_on": project.published_on.isoformat()}).save()
    return project


EDITABLE = ("undertaker_name", "due_on", "note")


@transaction.atomic
def update_translation(*, actor: Any, project: TranslationProject, undertaker_name: str, due_on: date | None,
                       note: str, undertaker: Organisation | None = None) -> TranslationProject:
    """Change the undertaking unit, the due date or the note (the administration)."""
    policy.require(actor, "translations.manage")
    project = _locked(project)
    if not undertaker_name.strip() or len(undertaker_name) > 200:
        raise ValidationFailed(_("外文版项目未能保存，请按提示修改。"), [
            {"field": "undertaker_name", "message": _("请填写承担单位（不超过 200 个字符）。")}])
    after = {"undertaker_name": undertaker_name.strip(), "due_on": due_on, "note": note,
             "undertaker_id": undertaker.pk if undertaker else None}
    before = {key: getattr(project, key) for key in after}
    changed = {key: value for key, value in before.items() if value != after[key]}
    if not changed:
        return project
    for key, value in after.items():
        setattr(project, key, value)
    project.updated_at = clock.now()
    project.save(update_fields=[*after, "updated_at"])
    _event(project, Kind.UPDATED, actor=actor, data={"before": {
        key: value.isoformat() if isinstance(value, date) else value for key, value in changed.items()}}).save()
    return project
