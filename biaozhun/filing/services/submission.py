"""Submission by the authority: a new filing, a revision of a returned one, or its withdrawal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.records import RecordCleaner
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.catalog.services.fulltext import _checked_pdf
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.uploads import PdfFacts
from biaozhun.rules.filing import FilingState as State

from .. import events, limits
from ..authorities import Target
from ..models import Filing, FilingEventKind, FilingState, FilingTier
from ..steady import held
from ..texts import extract_words
from .checking import run_and_store
from .states import locked, move

# The fields a filing carries beyond the catalogue record, and their limits.
TEXT_LIMITS = {"approved_by": 200, "notice_number": 100}
LIVE_STATES = (FilingState.AWAITING_PROVINCE, FilingState.SUBMITTED, FilingState.RETURNED, FilingState.ACCEPTED)


@dataclass
class FilingInput:
    """What the authority submits: the edition in the catalogue interchange format (docs/catalog-jsonl.md), the
    approval notice, and the text (PDF bytes; None on a revision that keeps the text already submitted)."""

    record: dict[str, Any]
    approved_by: str = ""
    notice_number: str = ""
    notice_date: date | None = None
    text: bytes | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)  # filled by the cleaning below


def check_text(content: bytes, problems: list[dict[str, Any]], *, label: str | None = None,
               field: str = "text") -> PdfFacts | None:
    """The text's facts (pages), or None with what is wrong appended to `problems` under `field`: the size limit
    and the PDF checks of core/uploads.check_pdf, the same for one filing and for each text of a batch (whose
    filing pass does not check again the bytes its check pass passed)."""
    passed = held("passed_texts", dict)  # in a batch: SHA-256 → facts of the texts that passed (checked once)
    digest = hashlib.sha256(content).hexdigest()
    if digest in passed:
        return passed[digest]
    found: list[dict[str, Any]] = []
    facts = _checked_pdf(content, found, label=label or _("标准文本"))
    problems += [{**problem, "field": field} for problem in found]
    if facts is not None:
        passed[digest] = facts
    return facts


def clean_input(data: FilingInput, *, text_required: bool, cleaner: RecordCleaner | None = None,
                text_label: str | None = None):
    """(record, tier, code, text facts, problems): the cleaned record and its tier and code; every problem at once,
    each naming its field. `cleaner`: one RecordCleaner reused over many inputs (a batch)."""
    problems: list[dict[str, Any]] = []
    raw = {k: v for k, v in data.record.items() if v not in (None, "", [])}
    record, errors = (cleaner or held("record_cleaner", record_cleaner)).clean(raw)
    problems += [e.as_dict() for e in errors]
    tier = code = ""
    if record is not None:
        tier = str(record.ident.tier)
        if tier not in FilingTier.values:
            problems.append({"field": "identifier", "message": _(
                "%(identifier)s 不是行业标准或地方标准；备案只办理行业标准和地方标准。") % {
                "identifier": record.identifier}})
        else:
            code = record.ident.industry_code if tier == FilingTier.INDUSTRY else record.ident.region_code
        if not record.title_zh:
            problems.append({"field": "title_zh", "message": _("请填写中文标题")})
        if record.published_on is None:
            problems.append({"field": "published_on", "message": _("请填写发布日期（备案期限从发布日期起算）")})
        elif record.published_on > clock.today():
            problems.append({"field": "published_on", "message": _("发布日期 %(day)s 晚于今天；请在标准发布后备案") % {
                "day": record.published_on.isoformat()}})
    for name, limit in TEXT_LIMITS.items():
        value = " ".join(str(getattr(data, name) or "").split())
        setattr(data, name, value)
        if not value:
            problems.append({"field": name, "message": {"approved_by": _("请填写批准发布部门"),
                                                        "notice_number": _("请填写批准发布公告号")}[name]})
        elif len(value) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符") % {"limit": limit}})
    if data.notice_date is None:
        problems.append({"field": "notice_date", "message": _("请填写公告日期")})
    elif data.notice_date > clock.today():
        problems.append({"field": "notice_date", "message": _("公告日期晚于今天")})
    facts = None
    if data.text is None:
        if text_required:
            problems.append({"field": "text", "message": _("请上传标准文本（PDF）")})
    else:
        facts = check_text(data.text, problems, label=text_label)
    return record, tier, code, facts, problems


def _refuse(problems: list[dict[str, Any]]) -> None:
    if problems:
        raise ValidationFailed(_("备案未能提交，请按所列字段的提示修改。"), problems)


def _fill(filing: Filing, record, data: FilingInput, tier: str) -> None:
    # As submitted (the number as written too: the number check notes a spelling other than the canonical one);
    # the acceptance cleans it again into the catalogue.
    stored = {k: v for k, v in data.record.items() if v not in (None, "", [])}
    if not stored.get("issued_by"):
        stored["issued_by"] = [data.approved_by]
    filing.record = stored
    filing.tier = tier
    filing.identifier, filing.edition = record.identifier, record.edition
    filing.industry_code = record.ident.industry_code or ""
    filing.region_code = record.ident.region_code or ""
    filing.title_zh = record.title_zh
    filing.published_on, filing.implemented_on = record.published_on, record.implemented_on
    filing.approved_by, filing.notice_number, filing.notice_date = data.approved_by, data.notice_number, data.notice_date
    replaced = [r.target for r in record.relations if r.kind == "replaces"]
    filing.replaces = replaced[0] if replaced else ""


def _store_text(filing: Filing, content: bytes, pages: int) -> None:
    if filing.fulltext.name:
        old, storage = filing.fulltext.name, filing.fulltext.storage
        transaction.on_commit(lambda: storage.delete(old))
    filing.fulltext.save("text.pdf", ContentFile(content), save=False)
    filing.fulltext_sha256 = hashlib.sha256(content).hexdigest()
    filing.fulltext_size, filing.fulltext_pages = len(content), pages
    filing.body_text = extract_words(content)


def _live_duplicate(edition: str, exclude: int | None = None) -> None:
    other = Filing.objects.filter(edition=edition, state__in=LIVE_STATES).exclude(pk=exclude).first()
    if other is not None:
        raise ValidationFailed(_("备案未能提交，请按所列字段的提示修改。"), [{"field": "identifier", "message": _(
            "%(identifier)s 已有备案（%(state)s）；同一标准不能重复备案") % {
            "identifier": other.identifier, "state": other.get_state_display()}}])


def _first_state(filing: Filing) -> str:
    return State.AWAITING_PROVINCE if filing.is_city_level else State.SUBMITTED


def _due_dates(filing: Filing, today: date) -> None:
    filing.review_due = limits.add(today, "province_days" if filing.state == State.AWAITING_PROVINCE
                                   else "review_days")


@transaction.atomic
def submit_filing(*, actor: Any, authority: Organisation, data: FilingInput, batch_id: int | None = None) -> Filing:
    """File an edition the authority has issued (`batch_id`: as a row of that batch). Checks run at once and never
    block (filing/checks)."""
    record, tier, code, facts, problems = clean_input(data, text_required=True)
    if record is not None and tier in FilingTier.values:
        policy.require(actor, "filing.submit", Target(authority=authority, tier=tier, code=code))
    else:
        policy.require(actor, "filing.work")
    _refuse(problems)
    _live_duplicate(record.edition)
    now = clock.now()
    today = clock.today()
    filing = Filing(authority=authority, submitted_by=actor, submitted_at=now, created_at=now, updated_at=now)
    _fill(filing, record, data, tier)
    filing.filing_deadline = limits.filing_deadline(tier, record.published_on)
    filing.days_late = max(0, (today - filing.filing_deadline).days) if filing.filing_deadline else 0
    filing.state = _first_state(filing)
    _due_dates(filing, today)
    _store_text(filing, data.text, facts.pages)
    try:
        with transaction.atomic():
            filing.save()
    except IntegrityError:  # a second submission of the same edition, committed between our check and insert
        _live_duplicate(record.edition)
        raise
    events.submitted(filing, actor=actor, to_state=filing.state, batch_id=batch_id)
    run_and_store(filing, actor=actor)
    return filing


@transaction.atomic
def resubmit_filing(*, actor: Any, filing: Filing, data: FilingInput, expected_version: int) -> Filing:
    """Revise a returned filing and submit it again (the text is kept unless a new one is given)."""
    filing = locked(filing)
    policy.require(actor, "filing.revise", filing)
    if filing.version != expected_version:
        raise ValidationFailed(_("您打开这份备案之后，已有其他人修改了它；请重新打开后再修改。"),
                               [{"field": "version", "message": str(filing.version)}])
    record, tier, code, facts, problems = clean_input(data, text_required=False)
    if record is not None and record.edition != filing.edition:
        problems.append({"field": "identifier", "message": _(
            "标准号不能改为其他标准（应为 %(edition)s）；其他标准请另行备案") % {"edition": filing.edition}})
    _refuse(problems)
    before = {name: getattr(filing, name) for name in ("record", "approved_by", "notice_number", "notice_date")}
    _fill(filing, record, data, tier)
    changed = [name for name, value in before.items() if getattr(filing, name) != value]
    fields = ["record", "tier", "identifier", "edition", "industry_code", "region_code", "title_zh", "published_on",
              "implemented_on", "approved_by", "notice_number", "notice_date", "replaces", "review_due", "version"]
    if data.text is not None:
        if hashlib.sha256(data.text).hexdigest() != filing.fulltext_sha256:
            changed.append("text")
        _store_text(filing, data.text, facts.pages)
        fields += ["fulltext", "fulltext_sha256", "fulltext_size", "fulltext_pages", "body_text"]
    to = _first_state(filing)
    filing.review_due = limits.add(clock.today(), "province_days" if to == State.AWAITING_PROVINCE else "review_days")
    filing.version += 1
    move(filing, to=to, kind=FilingEventKind.RESUBMITTED, actor=actor, data={"changed": changed},
         fields=tuple(fields))
    run_and_store(filing, actor=actor)
    return filing


@transaction.atomic
def withdraw_filing(*, actor: Any, filing: Filing, reason: str = "") -> Filing:
    filing = locked(filing)
    policy.require(actor, "filing.withdraw", filing)
    move(filing, to=State.WITHDRAWN, kind=FilingEventKind.WITHDRAWN, actor=actor, reason=reason.strip())
    return filing
