"""Every write to programme tags: the table (administrators) and the tags of a standard edition or a project.
Each write appends its TagEvent in the same transaction; a standard's tags also append a catalogue `updated`
event (source "programme_tags"), the change feed the search index follows (search/feed.py), so the catalogue's
tag filter sees the change."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, UpdateSource
from biaozhun.catalog.services import events as catalog_events
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.development.models import Project
from biaozhun.rules.systems import CODE_PATTERN

from ..models import ProgrammeTag, ProjectTag, StandardTag, TagEvent, TagEventKind

Kind = TagEventKind
TAG_FIELDS = ("name_zh", "name_en", "description", "position", "active")


def _event(kind: str, *, actor: Any, tag: ProgrammeTag | None = None, data: dict[str, Any] | None = None) -> None:
    TagEvent(tag=tag, kind=kind, actor=user_or_none(actor), at=clock.now(), data=data or {}).save()


def _problems(code: str, values: dict[str, Any], *, tag: ProgrammeTag | None) -> list[dict[str, str]]:
    problems = []
    if tag is None and (not CODE_PATTERN.fullmatch(code) or "." in code):
        problems.append({"field": "code", "message": _("代码请用字母、数字和连字符（如 standardization-plus）。")})
    elif tag is None and ProgrammeTag.objects.filter(code=code).exists():
        problems.append({"field": "code", "message": _("已有代码为 %(code)s 的标签。") % {"code": code}})
    name = str(values.get("name_zh", "")).strip()
    if not name or len(name) > 60:
        problems.append({"field": "name_zh", "message": _("请填写标签名称（不超过 60 个字符）。")})
    elif ProgrammeTag.objects.filter(name_zh=name).exclude(pk=getattr(tag, "pk", None)).exists():
        problems.append({"field": "name_zh", "message": _("已有名称为“%(name)s”的标签。") % {"name": name}})
    return problems


@transaction.atomic
def create_tag(*, actor: Any, code: str, name_zh: str, name_en: str = "", description: str = "", position: int = 0,
               active: bool = True) -> ProgrammeTag:
    policy.require(actor, "systems.manage_tags")
    code = code.strip()
    values = {"name_zh": name_zh.strip(), "name_en": name_en.strip(), "description": description.strip(),
              "position": position, "active": active}
    problems = _problems(code, values, tag=None)
    if problems:
        raise ValidationFailed(_("标签未能保存，请按提示修改。"), problems)
    tag = ProgrammeTag.objects.create(code=code, **values)
    _event(Kind.TAG_CREATED, actor=actor, tag=tag, data={"code": code})
    return tag


@transaction.atomic
def update_tag(*, actor: Any, tag: ProgrammeTag, **values: Any) -> ProgrammeTag:
    """Rename, describe, reorder or retire a tag (its code never changes: links and searches name it)."""
    policy.require(actor, "systems.manage_tags")
    tag = ProgrammeTag.objects.select_for_update().get(pk=tag.pk)
    after = {key: values.get(key, getattr(tag, key)) for key in TAG_FIELDS}
    after = {key: value.strip() if isinstance(value, str) else value for key, value in after.items()}
    problems = _problems(tag.code, after, tag=tag)
    if problems:
        raise ValidationFailed(_("标签未能保存，请按提示修改。"), problems)
    before = {key: getattr(tag, key) for key in TAG_FIELDS if getattr(tag, key) != after[key]}
    if not before:
        return tag
    for key, value in after.items():
        setattr(tag, key, value)
    tag.save(update_fields=list(TAG_FIELDS))
    _event(Kind.TAG_UPDATED, actor=actor, tag=tag, data={"code": tag.code, "before": before})
    return tag


def tags_by_codes(codes: list[str]) -> list[ProgrammeTag]:
    """The active tags named by their codes; ValidationFailed naming the unknown ones."""
    wanted = [code.strip() for code in codes if code.strip()]
    found = {tag.code: tag for tag in ProgrammeTag.objects.filter(code__in=wanted, active=True)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ValidationFailed(_("未知的专项标签：%(codes)s。") % {"codes": "、".join(unknown)},
                               [{"field": "tags", "message": _("未知的专项标签：%(codes)s。") % {"codes": "、".join(unknown)}}])
    return list(dict.fromkeys(found[code] for code in wanted))


@transaction.atomic
def set_standard_tags(*, actor: Any, standard: Standard, tags: list[ProgrammeTag]) -> list[str]:
    """Make `tags` the edition's programme tags; returns their codes. Nothing is written when nothing changes."""
    policy.require(actor, "systems.tag_standard", standard)
    before = sorted(StandardTag.objects.filter(standard=standard).values_list("tag__code", flat=True))
    after = sorted({tag.code for tag in tags})
    if before == after:
        return after
    StandardTag.objects.filter(standard=standard).exclude(tag__code__in=after).delete()
    StandardTag.objects.bulk_create([StandardTag(standard=standard, tag=tag) for tag in tags
                                     if tag.code not in before], ignore_conflicts=True)
    _event(Kind.STANDARD_TAGGED, actor=actor, data={"standard": standard.identifier, "before": before, "after": after})
    catalog_events.record([catalog_events.updated(standard.pk, actor=actor, before={"programme_tags": before},
                                                  source=UpdateSource.PROGRAMME_TAGS)])
    return after


@transaction.atomic
def set_project_tags(*, actor: Any, project: Project, tags: list[ProgrammeTag]) -> list[str]:
    policy.require(actor, "systems.tag_project", project)
    before = sorted(ProjectTag.objects.filter(project=project).values_list("tag__code", flat=True))
    after = sorted({tag.code for tag in tags})
    if before == after:
        return after
    ProjectTag.objects.filter(project=project).exclude(tag__code__in=after).delete()
    ProjectTag.objects.bulk_create([ProjectTag(project=project, tag=tag) for tag in tags
                                    if tag.code not in before], ignore_conflicts=True)
    _event(Kind.PROJECT_TAGGED, actor=actor, data={"project": project.plan_number or project.pk, "before": before,
                                                   "after": after})
    return after
