"""Declaring a standard for products, revising the declaration (a new version, the whole content kept each time)
and withdrawing it (never deleted). The automatic checks run before anything is written: their errors refuse the
declaration naming the field, their warnings and notes are stored on it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.services.fulltext import _checked_pdf
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules.declaration_checks import has_warning

from ..checks import CheckContext, Draft, errors, indicator_drafts, run_checks, stored
from ..checks.messages import problems as as_problems
from ..models import (
    Declaration,
    DeclarationProduct,
    DeclarationState,
    EnterpriseProfile,
    Indicator,
    Product,
    StandardSource,
)
from . import events
from .profiles import enterprise_codes


@dataclass
class DeclarationInput:
    """What the enterprise declares: the standard (a catalogue number, or its own Q/ number with a title), the
    products (ids of its products), the indicator table (rows of name, unit, comparator, lower, upper, text,
    test_method, category), reference standards it names, and the text (PDF bytes; None keeps the text on a
    revision)."""

    source: str
    identifier: str
    products: list[int] = field(default_factory=list)
    title: str = ""
    indicators: list[dict[str, Any]] = field(default_factory=list)
    reference_standards: list[str] = field(default_factory=list)
    text: bytes | None = None


def _profile(enterprise: Organisation) -> EnterpriseProfile:
    profile = EnterpriseProfile.objects.filter(organisation=enterprise).first()
    if profile is None:
        raise ValidationFailed(_("请先填写企业信息（所在地区）再公开声明。"), [{"field": "profile", "message": _(
            "企业信息尚未填写：公开声明须注明企业所在地区（到区县）。")}])
    return profile


def _products(enterprise: Organisation, ids: list[int]) -> list[Product]:
    wanted = list(dict.fromkeys(int(i) for i in ids))
    products = list(Product.objects.filter(enterprise=enterprise, pk__in=wanted).order_by("name", "model", "id"))
    if len(products) != len(wanted):
        raise ValidationFailed(_("声明未能保存，请按提示修改。"), [{"field": "products", "message": _(
            "所选产品不属于本企业或已不存在，请刷新页面后重新选择。")}])
    return products


def _source(value: str) -> str:
    if value not in StandardSource.values:
        raise ValidationFailed(_("声明未能保存，请按提示修改。"), [{"field": "source", "message": _(
            "请选择执行的标准类型：国家、行业、地方或团体标准，或本企业标准。")}])
    return value


def build_draft(data: DeclarationInput, *, enterprise: Organisation, profile: EnterpriseProfile | None,
                products: list[Product], has_text: bool) -> Draft:
    rows = data.indicators if data.source == StandardSource.ENTERPRISE else []
    indicators, problems = indicator_drafts(rows)
    references = [" ".join(str(n).split()) for n in data.reference_standards if str(n).strip()]
    return Draft(source=data.source, number=" ".join((data.identifier or "").split()),
                 title=" ".join((data.title or "").split())[:500], enterprise_codes=enterprise_codes(enterprise, profile),
                 product_names=[p.name for p in products], product_count=len(products), indicators=indicators,
                 has_text=has_text, reference_standards=references, problems=problems)


def _checked_text(content: bytes | None) -> list[dict[str, Any]]:
    if content is None:
        return []
    found: list[dict[str, Any]] = []
    _checked_pdf(content, found, label=_("标准文本"))
    return [{**problem, "field": "fulltext"} for problem in found]


def _refuse_if(findings: list[dict[str, Any]], text_problems: list[dict[str, Any]]) -> None:
    refused = as_problems(errors(findings)) + text_problems
    if refused:
        raise ValidationFailed(_("声明未能保存，请按提示修改。"), refused)


def _duplicate(enterprise: Organisation, identifier: str, exclude: int | None = None) -> None:
    other = Declaration.objects.filter(enterprise=enterprise, identifier=identifier,
                                       state=DeclarationState.PUBLISHED).exclude(pk=exclude).first()
    if other is not None:
        raise ValidationFailed(_("声明未能保存，请按提示修改。"), [{"field": "identifier", "message": _(
            "本企业已公开声明执行 %(identifier)s；如需增加产品或修改内容，请修改该声明。") % {"identifier": identifier}}])


def content_of(declaration: Declaration, products: list[Product], indicators: list[Indicator]) -> dict[str, Any]:
    """The whole declaration as one version keeps it."""
    return {
        "source": declaration.source, "tier": declaration.tier, "identifier": declaration.identifier,
        "title": declaration.title, "standard": declaration.standard_id, "region_code": declaration.region_code,
        "products": [{"id": p.pk, "name": p.name, "model": p.model, "code": p.code} for p in products],
        "indicators": [{"position": i.position, "name": i.name, "unit": i.unit, "comparator": i.comparator,
                        "lower": None if i.lower is None else str(i.lower),
                        "upper": None if i.upper is None else str(i.upper), "text": i.text,
                        "test_method": i.test_method, "category": i.category} for i in indicators],
        "reference_standards": declaration.reference_standards, "fulltext_sha256": declaration.fulltext_sha256,
        "checks": declaration.checks,
    }


def _fill(declaration: Declaration, draft: Draft, findings: list[dict[str, Any]]) -> None:
    resolved = draft.resolved
    declaration.source = draft.source
    declaration.tier = resolved.tier
    declaration.identifier, declaration.undated = resolved.identifier, resolved.undated
    declaration.title = resolved.title or draft.title
    declaration.standard_id = resolved.standard_id
    declaration.reference_standards = draft.reference_standards if draft.source == StandardSource.ENTERPRISE else []
    declaration.checks = stored(findings)
    declaration.flagged = has_warning(declaration.checks)


def _write_rows(declaration: Declaration, products: list[Product], draft: Draft) -> list[Indicator]:
    DeclarationProduct.objects.bulk_create(DeclarationProduct(declaration=declaration, product=p) for p in products)
    rows = [Indicator(declaration=declaration, position=i.position, name=i.name, unit=i.unit, comparator=i.comparator,
                      lower=i.lower, upper=i.upper, text=i.text, test_method=i.test_method, category=i.category)
            for i in draft.indicators]
    return Indicator.objects.bulk_create(rows)


def _store_text(declaration: Declaration, content: bytes) -> None:
    if declaration.fulltext.name:
        old, storage = declaration.fulltext.name, declaration.fulltext.storage
        transaction.on_commit(lambda: storage.delete(old))
    declaration.fulltext.save("standard.pdf", ContentFile(content), save=False)
    declaration.fulltext_sha256 = hashlib.sha256(content).hexdigest()


@transaction.atomic
def declare_standard(*, actor: Any, enterprise: Organisation, data: DeclarationInput) -> Declaration:
    """Publish a declaration: the enterprise executes this standard for these products."""
    policy.require(actor, "declarations.declare", enterprise)
    source = _source(data.source)
    profile = _profile(enterprise)
    products = _products(enterprise, data.products)
    draft = build_draft(data, enterprise=enterprise, profile=profile, products=products,
                        has_text=data.text is not None and source == StandardSource.ENTERPRISE)
    findings = run_checks([draft], CheckContext.load([draft]))[0]
    _refuse_if(findings, _checked_text(data.text) if source == StandardSource.ENTERPRISE else [])
    _duplicate(enterprise, draft.resolved.identifier)
    now = clock.now()
    declaration = Declaration(enterprise=enterprise, region_code=profile.region_code, declared_at=now, updated_at=now)
    _fill(declaration, draft, findings)
    if data.text is not None and source == StandardSource.ENTERPRISE:
        _store_text(declaration, data.text)
    declaration.save()
    indicators = _write_rows(declaration, products, draft)
    events.record([events.version(declaration, actor=actor, content=content_of(declaration, products, indicators)),
                   events.declared(declaration, actor=actor)])
    return declaration


def locked(declaration: Declaration) -> Declaration:
    return Declaration.objects.select_for_update().select_related("enterprise").get(pk=declaration.pk)


@transaction.atomic
def revise_declaration(*, actor: Any, declaration: Declaration, data: DeclarationInput, expected_version: int,
                       reason: str = "") -> Declaration:
    """A new version of a published declaration (its number may change, e.g. to the edition in force; its kind may
    not). Without a new text the text already disclosed is kept."""
    declaration = locked(declaration)
    policy.require(actor, "declarations.revise", declaration)
    if declaration.state != DeclarationState.PUBLISHED:
        raise InvalidTransition(_("已撤回的声明不能修改；请重新公开一份声明。"))
    if declaration.version != expected_version:
        raise ValidationFailed(_("您打开这份声明之后，已有人修改了它；请重新打开后再修改。"),
                               [{"field": "version", "message": str(declaration.version)}])
    if data.source != declaration.source:
        raise ValidationFailed(_("声明未能保存，请按提示修改。"), [{"field": "source", "message": _(
            "修改声明时不能改变执行的标准类型；请撤回本声明后重新公开。")}])
    enterprise = declaration.enterprise
    profile = _profile(enterprise)
    products = _products(enterprise, data.products)
    has_text = declaration.source == StandardSource.ENTERPRISE and (data.text is not None
                                                                    or bool(declaration.fulltext.name))
    draft = build_draft(data, enterprise=enterprise, profile=profile, products=products, has_text=has_text)
    findings = run_checks([draft], CheckContext.load([draft]))[0]
    _refuse_if(findings, _checked_text(data.text) if declaration.source == StandardSource.ENTERPRISE else [])
    _duplicate(enterprise, draft.resolved.identifier, exclude=declaration.pk)
    before = declaration.versions.order_by("-version").values_list("content", flat=True).first() or {}
    _fill(declaration, draft, findings)
    if data.text is not None and declaration.source == StandardSource.ENTERPRISE:
        _store_text(declaration, data.text)
    declaration.version += 1
    declaration.updated_at = clock.now()
    declaration.region_code = profile.region_code
    declaration.save()
    DeclarationProduct.objects.filter(declaration=declaration).delete()
    declaration.indicators.all().delete()
    indicators = _write_rows(declaration, products, draft)
    content = content_of(declaration, products, indicators)
    changed = sorted(k for k in content if k != "checks" and before.get(k) != content[k])
    events.record([events.version(declaration, actor=actor, content=content),
                   events.revised(declaration, actor=actor, reason=" ".join(reason.split())[:2000], changed=changed)])
    return declaration


@transaction.atomic
def withdraw_declaration(*, actor: Any, declaration: Declaration, reason: str = "") -> Declaration:
    """Withdraw a published declaration: it leaves the public lists, its versions and history stay."""
    declaration = locked(declaration)
    policy.require(actor, "declarations.withdraw", declaration)
    if declaration.state != DeclarationState.PUBLISHED:
        raise InvalidTransition(_("这份声明已撤回。"))
    now = clock.now()
    declaration.state = DeclarationState.WITHDRAWN
    declaration.withdrawn_at = declaration.updated_at = now
    declaration.save(update_fields=["state", "withdrawn_at", "updated_at"])
    events.record([events.withdrawn(declaration, actor=actor, reason=" ".join(reason.split())[:2000])])
    return declaration
