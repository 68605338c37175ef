"""Approval and publication (批准发布): the WTO/TBT notification of mandatory standards that affect trade, and
publication, which creates the catalogue edition (or, for an amendment project, the amendment sheet) through
catalog.services so that search and watch lists see it through the catalogue's own events.

A number belongs to one standard: a new edition goes into an existing series only when the project revises that
series, and then under a title that continues it (or a change of title the reviewer confirms). The edition takes
the project's classification, department and drafters, and its approved text (the 报批稿 PDF) as its full text.
A publication made in error is withdrawn by an administrator (`withdraw_publication`), which takes the edition out
of the catalogue and returns the project to 报批."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.catalog.models import Nature, Standard
from biaozhun.catalog.services import add_amendment, attach_amendment_text, attach_full_text, create_standard
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, TimeLimitPassed, ValidationFailed
from biaozhun.identifiers import Identifier, IdentifierError, Tier, parse
from biaozhun.rules.stages import APPROVAL_DRAFT_STAGES, OPEN_STAGES, Stage
from biaozhun.text.similarity import title_similarity

from .. import limits
from ..models import DocumentKind, DraftDocument, Project, ProjectKind, stage_label
from . import events
from .documents import PDF
from .projects import enter_stage, lock

ISSUED_BY = ["国家市场监督管理总局", "国家标准化管理委员会"]
# The national prefix each nature publishes under.
PREFIXES = {Nature.MANDATORY: "GB", Nature.RECOMMENDED: "GB/T", Nature.GUIDANCE: "GB/Z"}
# A revision published into its series keeps a title at least this similar to the series' newest edition
# (biaozhun.text.similarity: 1.0 the same title, 0.0 nothing in common), unless the reviewer confirms a new title.
TITLE_CONTINUITY = 0.4
# China's notifications to the WTO TBT committee: G/TBT/N/CHN/1234.
_TBT_NUMBER = re.compile(r"G/TBT/N/CHN/0*(\d{1,6})")


def needs_tbt(project: Project) -> bool:
    return project.nature == Nature.MANDATORY and project.trade_relevant


def tbt_earliest(project: Project, days: int | None = None) -> date | None:
    """The first day the project may be approved after its TBT notification (None before the notification)."""
    if project.tbt_notified_on is None:
        return None
    return project.tbt_notified_on + timedelta(days=limits.current()["tbt_days"] if days is None else days)


def normalise_tbt_number(text: str) -> str:
    cleaned = re.sub(r"\s+", "", text).upper().replace("／", "/")
    match = _TBT_NUMBER.fullmatch(cleaned)
    if not match or int(match[1]) == 0:
        raise ValidationFailed(_("WTO/TBT通报号有误。"), [{"field": "number", "message": _(
            "“%(text)s”不是中国的WTO/TBT通报号，应形如 G/TBT/N/CHN/1234") % {"text": text.strip()}}])
    return f"G/TBT/N/CHN/{int(match[1])}"


@transaction.atomic
def record_tbt_notification(*, actor: Any, project: Project, number: str, notified_on: date) -> Project:
    """Record China's WTO/TBT notification of a mandatory, trade-relevant project (the enquiry point's act)."""
    policy.require(actor, "development.decide", project)
    project = Project.objects.select_for_update().select_related("committee").get(pk=project.pk)
    if not needs_tbt(project):
        raise RequirementsUnmet(_("只有涉及贸易的强制性国家标准项目需要WTO/TBT通报。"), [
            {"requirement": "trade_relevant", "message": _("本项目不是涉及贸易的强制性国家标准项目。")}])
    if project.stage not in OPEN_STAGES:
        raise InvalidTransition(_("项目已「%(stage)s」，不能再登记WTO/TBT通报。") % {"stage": stage_label(project.stage)},
                                current=project.stage, allowed=[])
    number = normalise_tbt_number(number)
    if notified_on > clock.today():
        raise ValidationFailed(_("通报日期有误。"), [{"field": "notified_on", "message": _(
            "通报日期 %(day)s 晚于今天") % {"day": notified_on.isoformat()}}])
    project.tbt_notification, project.tbt_notified_on = number, notified_on
    project.version += 1
    project.save()
    events.tbt_notified(project, actor=actor)
    return project


@transaction.atomic
def publish_project(*, actor: Any, project: Project, expected_version: int, identifier: str, published_on: date,
                    implemented_on: date, title_en: str = "", confirm_title_change: bool = False) -> Standard | None:
    """Approve and publish: the new edition (or the amendment sheet of the revised one), then 批准发布. The
    reviewer who approves is the actor the catalogue records for the edition or sheet. `confirm_title_change`:
    the reviewer confirms that a revision renames its standard (see TITLE_CONTINUITY)."""
    policy.require(actor, "development.decide", project)
    project = lock(project, expected_version=expected_version)
    if project.stage != Stage.APPROVAL:
        raise InvalidTransition(_("只有「报批」阶段的项目可以批准发布（当前：%(stage)s）。") % {
            "stage": stage_label(project.stage)}, current=project.stage, allowed=[])
    _check_dates(published_on, implemented_on)
    if needs_tbt(project):
        _check_tbt(project, published_on)
    ident = _parse_identifier(project, identifier, published_on)
    if project.kind == ProjectKind.AMENDMENT:
        standard = None
        _add_amendment(actor, project, ident, published_on, implemented_on)
    else:
        _check_series(project, ident, confirm_title_change)
        text = approved_text(project)
        if text is None:
            raise RequirementsUnmet(_("请先上传 PDF 格式的报批稿：批准发布后，它将作为标准全文向社会免费公开。"), [
                {"requirement": "approved_text", "message": _("缺少 PDF 格式的报批稿")}])
        standard = _create_edition(actor, project, ident, published_on, implemented_on, title_en)
        with text.file.open("rb") as handle:
            attach_full_text(actor=actor, standard=standard, content=handle.read(), language="zh")
    project.standard = standard
    project.published_identifier = ident.canonical
    project.implemented_on = implemented_on
    if title_en.strip():
        project.title_en = title_en.strip()
    enter_stage(actor=actor, project=project, to=Stage.PUBLISHED, data={"identifier": ident.canonical})
    events.published(project, actor=actor)
    return standard


def _check_dates(published_on: date, implemented_on: date) -> None:
    problems = []
    if published_on > clock.today():
        problems.append({"field": "published_on", "message": _("发布日期 %(day)s 晚于今天") % {
            "day": published_on.isoformat()}})
    if implemented_on < published_on:
        problems.append({"field": "implemented_on", "message": _("实施日期 %(implemented_on)s 早于发布日期 %(published_on)s") % {
            "implemented_on": implemented_on.isoformat(), "published_on": published_on.isoformat()}})
    if problems:
        raise ValidationFailed(_("发布日期或实施日期有误。"), problems)


def _check_tbt(project: Project, published_on: date) -> None:
    """WTO TBT Art. 2.9: approval at least `tbt_days` after the notification."""
    days = limits.current()["tbt_days"]
    earliest = tbt_earliest(project, days)
    if earliest is None:
        raise RequirementsUnmet(_("涉及贸易的强制性国家标准须先进行WTO/TBT通报，通报满 %(days)d 日后方可批准发布。") % {
            "days": days}, [{"requirement": "tbt_notification", "message": _("尚未登记WTO/TBT通报。")}])
    if published_on < earliest:
        raise TimeLimitPassed(_("WTO/TBT通报（%(number)s，%(notified)s）后须满 %(days)d 日方可批准发布，"
                                "最早 %(earliest)s。") % {
            "number": project.tbt_notification, "notified": project.tbt_notified_on.isoformat(), "days": days,
            "earliest": earliest.isoformat()},
            rule="tbt_days", notified_on=project.tbt_notified_on.isoformat(), earliest=earliest.isoformat())


def _identifier_error(message: str) -> ValidationFailed:
    return ValidationFailed(_("标准号有误。"), [{"field": "identifier", "message": message}])


def _parse_identifier(project: Project, text: str, published_on: date) -> Identifier:
    """A dated national number whose prefix agrees with the nature; a 修改单 number for amendments; a double
    number (…/ISO 9001:2015) only for identical adoptions of the project's international standard."""
    try:
        ident = parse(text)
    except IdentifierError as exc:
        raise _identifier_error(_("“%(text)s”不是有效的标准号：%(error)s") % {
            "text": text, "error": identifier_message(exc)}) from None
    expected = PREFIXES[project.nature]
    if ident.tier != Tier.NATIONAL or ident.prefix != expected:
        raise _identifier_error(_("%(nature)s国家标准的编号以 %(prefix)s 开头，不能是 %(number)s") % {
            "nature": project.get_nature_display(), "prefix": expected, "number": ident.canonical})
    if ident.year is None:
        raise _identifier_error(_("标准号须带年代号，如 %(example)s") % {
            "example": f"{ident.undated}-{published_on.year}"})
    if ident.adopted is not None:
        _check_double_number(project, ident)
    if project.kind == ProjectKind.AMENDMENT:
        return _check_amendment_number(project, ident, published_on)
    if ident.supplements:
        raise _identifier_error(_("只有修改单项目的编号带 /XG"))
    if ident.year != published_on.year:
        raise _identifier_error(_("年代号 %(year)d 与发布日期 %(day)s 不符") % {
            "year": ident.year, "day": published_on.isoformat()})
    edition = replace(ident, adopted=None).canonical
    if Standard.objects.filter(edition=edition).exists():
        raise _identifier_error(_("%(number)s 已在标准目录中") % {"number": edition})
    return ident


def approved_text(project: Project) -> DraftDocument | None:
    """The approved text publication makes the full text: the newest PDF draft uploaded for approval (报批稿)."""
    return (project.documents.filter(kind=DocumentKind.DRAFT, stage__in=APPROVAL_DRAFT_STAGES, content_type=PDF)
            .order_by("-version").first())


def _check_series(project: Project, ident: Identifier, confirmed: bool) -> None:
    """A number already used by a standard is published only by a project that revises that standard, and under a
    title that continues it unless the reviewer confirms the change."""
    newest = Standard.objects.filter(undated=ident.undated).order_by("-year", "-id").first()
    if newest is None:
        return
    if not project.revises.filter(undated=ident.undated).exists():
        raise _identifier_error(_(
            "%(number)s 已是《%(title)s》的标准号（最新版本 %(edition)s）。本项目未修订该标准，须使用尚未使用的标准号；"
            "如本项目确为修订该标准，请先在项目中指明被修订的标准。") % {
            "number": ident.undated, "title": newest.title_zh or newest.title_en, "edition": newest.identifier})
    similarity = title_similarity(newest.title_zh, project.title_zh)
    if similarity < TITLE_CONTINUITY and not confirmed:
        raise ValidationFailed(_("项目名称与 %(number)s 现有名称差异较大，请确认。") % {"number": ident.undated}, [{
            "field": "confirm_title_change", "message": _(
                "《%(title)s》与 %(edition)s《%(old)s》的名称差异较大。如确为该标准更名，请勾选“确认标准更名”后再批准"
                "发布；否则请核对标准号。") % {"title": project.title_zh, "edition": newest.identifier,
                                        "old": newest.title_zh}}])


def _check_double_number(project: Project, ident: Identifier) -> None:
    if project.kind != ProjectKind.ADOPTION or project.degree != "IDT":
        raise _identifier_error(_("只有等同采用（IDT）国际标准的项目可使用双编号"))
    try:
        adopts = parse(project.adopts).canonical
    except (IdentifierError, TypeError):
        adopts = project.adopts
    if ident.adopted.canonical != adopts:
        raise _identifier_error(_("双编号中的国际标准 %(given)s 与项目采用的 %(adopts)s 不一致") % {
            "given": ident.adopted.canonical, "adopts": project.adopts})


def _amended(project: Project, ident: Identifier) -> Standard | None:
    base = replace(ident, supplements=(), adopted=None).canonical
    return project.revises.filter(edition=base).first()


def _check_amendment_number(project: Project, ident: Identifier, published_on: date) -> Identifier:
    """GB 2762-2017/XG1-2026: the revised edition, the next sheet number, the year of publication."""
    revised = project.revises.order_by("id").first()
    standard = _amended(project, ident)
    sheet = next((s for s in ident.supplements if s.kind == "xg"), None)
    if standard is None or revised is None:
        raise _identifier_error(_("修改单的编号须以被修改的标准号开头，如 %(example)s") % {
            "example": f"{revised.identifier if revised else 'GB 2762-2017'}/XG1-{published_on.year}"})
    number = standard.amendments.count() + 1
    example = f"{standard.edition}/XG{number}-{published_on.year}"
    if sheet is None or sheet.number != str(number) or sheet.year != published_on.year:
        raise _identifier_error(_("修改单编号应为 %(example)s") % {"example": example})
    return ident


def _add_amendment(actor: Any, project: Project, ident: Identifier, published_on: date, implemented_on: date) -> None:
    """The amendment sheet joins the revised edition's record; catalog.services writes it with its event. Its
    approved text (the PDF 报批稿), when there is one, becomes the sheet's text, read and downloaded with the
    standard's."""
    standard = _amended(project, ident)
    number = int(ident.supplements[0].number)
    standard = add_amendment(actor=actor, standard=standard, number=number, published_on=published_on,
                             implemented_on=implemented_on, summary=project.title_zh)
    text = approved_text(project)
    if text is not None:
        with text.file.open("rb") as handle:
            attach_amendment_text(actor=actor, amendment=standard.amendments.get(number=number), content=handle.read())


def _create_edition(actor: Any, project: Project, ident: Identifier, published_on: date, implemented_on: date,
                    title_en: str) -> Standard:
    revises = list(project.revises.order_by("id"))
    data = {
        "identifier": ident.canonical,
        "title_zh": project.title_zh,
        "title_en": title_en.strip() or project.title_en,
        "tc_code": project.committee.code,
        "responsible_unit": project.committee.name_zh,
        "issued_by": ISSUED_BY,
        "published_on": published_on.isoformat(),
        "implemented_on": implemented_on.isoformat(),
        "replaces": [standard.identifier for standard in revises],
    }
    data.update(ccs=project.ccs_id, ics=list(project.ics_codes), competent_department=project.competent_department,
                drafting_units=list(project.drafting_units), drafters=list(project.drafters),
                references=list(project.references),
                plan_number=project.plan_number or "")
    if project.kind == ProjectKind.ADOPTION:
        data["adopts"] = [{"identifier": project.adopts, "degree": project.degree}]
    return create_standard(actor=actor, data={k: v for k, v in data.items() if v not in (None, "", [])})
