"""A social organisation publishes its group standards (T/<code> <number>-<year>) into the catalogue, through the
catalogue's own services (create_standard, attach_full_text, set_text_access), which ask the policy again about
the record itself. The extra facts (主要技术内容, 专利, whether the text is public) stay here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, TextAccess
from biaozhun.catalog.services import attach_full_text, create_standard, set_text_access
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed

from .. import events
from ..models import GroupProfile, GroupStandard

SOURCE = "groups"  # the catalogue event's source for editions a social organisation published
LIMITS = {"main_content": 5000, "patent_note": 2000, "number": 30}
# The catalogue's interchange field names that the publication form calls otherwise.
FORM_FIELDS = {"identifier": "number"}


@dataclass(frozen=True)
class GroupStandardInput:
    number: str  # 顺序号: 115, 115.1, 001.2
    year: int
    title_zh: str
    main_content: str
    published_on: date
    implemented_on: date | None = None
    title_en: str = ""
    scope: str = ""
    involves_patents: bool = False
    patent_note: str = ""
    text_public: bool = False
    ccs: str = ""
    ics: list[str] = field(default_factory=list)
    industry_classes: list[str] = field(default_factory=list)
    drafting_units: list[str] = field(default_factory=list)
    drafters: list[str] = field(default_factory=list)


def identifier_for(profile: GroupProfile, number: str, year: int) -> str:
    return f"T/{profile.code} {number.strip()}-{year}"


def catalogue_record(profile: GroupProfile, data: GroupStandardInput) -> dict[str, Any]:
    """The edition in the catalogue's interchange format (docs/catalog-jsonl.md)."""
    record = {
        "identifier": identifier_for(profile, data.number, data.year), "title_zh": data.title_zh.strip(),
        "title_en": data.title_en.strip(), "scope": data.scope.strip(), "issued_by": [profile.organisation.name],
        "published_on": data.published_on.isoformat(),
        "implemented_on": data.implemented_on.isoformat() if data.implemented_on else None,
        "ccs": data.ccs.strip() or None, "ics": data.ics,
        "industry_classes": data.industry_classes or [profile.industry_id],
        "drafting_units": data.drafting_units, "drafters": data.drafters,
    }
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _group_problems(data: GroupStandardInput, text: bytes | None) -> list[dict[str, str]]:
    problems = []
    if not data.number.strip():
        problems.append({"field": "number", "message": _("请填写顺序号，如 115 或 115.1。")})
    if not data.title_zh.strip():
        problems.append({"field": "title_zh", "message": _("请填写标准的中文名称。")})
    if not data.main_content.strip():
        problems.append({"field": "main_content", "message": _("请填写主要技术内容：标准规定了哪些技术要求、试验方法等。")})
    if data.involves_patents and not data.patent_note.strip():
        problems.append({"field": "patent_note", "message": _(
            "涉及专利时请写明专利名称、专利号和专利权人的许可声明。")})
    for name, limit in LIMITS.items():
        value = getattr(data, name)
        if len(value) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符，实际 %(length)s 个") % {
                "limit": limit, "length": len(value)}})
    if data.text_public and not text:
        problems.append({"field": "text", "message": _("选择了公开全文，请上传全文 PDF；不公开全文时请取消勾选。")})
    if text and not data.text_public:
        problems.append({"field": "text", "message": _("只有公开的全文才在平台上保存；请勾选“全文公开”，或不上传文件。")})
    return problems


def _catalogue_problems(record: dict[str, Any]) -> list[dict[str, str]]:
    from biaozhun.catalog.selectors import record_cleaner

    _record, errors = record_cleaner().clean(record)
    return [{"field": FORM_FIELDS.get(e.field, e.field), "message": e.message} for e in errors]


@transaction.atomic
def publish_group_standard(*, actor: Any, profile: GroupProfile, data: GroupStandardInput,
                           text: bytes | None = None) -> GroupStandard:
    """Enter one group standard into the catalogue with its extra facts and, when public, its text (a PDF)."""
    policy.require(actor, "groups.publish", profile)
    record = catalogue_record(profile, data)
    problems = _group_problems(data, text)
    named = {p["field"] for p in problems}
    problems += [p for p in _catalogue_problems(record) if p["field"] not in named]
    if Standard.objects.filter(edition=record["identifier"]).exists() and not any(
            p["field"] == "number" for p in problems):
        problems.append({"field": "number", "message": _(
            "%(identifier)s 已在标准目录中，请核对顺序号和年代号。") % {"identifier": record["identifier"]}})
    if problems:
        raise ValidationFailed(_("团体标准未能发布，请按所列字段的提示修改。"), problems)
    standard = create_standard(actor=actor, data=record, source=SOURCE)
    facts = GroupStandard.objects.create(
        standard=standard, profile=profile, main_content=data.main_content.strip(),
        involves_patents=data.involves_patents, patent_note=data.patent_note.strip() if data.involves_patents else "",
        text_public=data.text_public, created_at=clock.now())
    if data.text_public and text:
        try:
            attach_full_text(actor=actor, standard=standard, content=text, language="zh")
        except ValidationFailed as exc:
            raise ValidationFailed(_("团体标准未能发布，请按所列字段的提示修改。"),
                                   [{**p, "field": "text"} for p in exc.errors]) from None
        set_text_access(actor=actor, standard=standard, access=TextAccess.DOWNLOAD, reason=_(
            "发布者（%(name)s）公开全文。") % {"name": profile.organisation.name})
    events.standard_published(profile, actor=actor, standard=standard, text_public=data.text_public,
                              involves_patents=data.involves_patents)
    return facts
