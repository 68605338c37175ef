"""Periodic review (复审) of industry and local standards by the authority owning their codes, and the abolition
announcements (废止公告) that follow.

A conclusion is one of: confirm (继续有效: the catalogue records the confirmation, and the next review falls due a
review period later), revise (修订: recorded; it stays open until the authority's filing that replaces the standard
is accepted, filing/selectors/periodic.py), abolish (废止: published in an announcement with its number and date, and
the catalogue records each abolition from the announced date). Conclusions are append-only history
(StandardReview); a whole batch is concluded or, on any refusal, nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog import services as catalog
from biaozhun.catalog.models import Standard, Status
from biaozhun.core import clock
from biaozhun.core.actors import is_system, require_actor, user_or_none
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed
from biaozhun.rules import reviews as review_rules
from biaozhun.rules.cycles import add_months

from ..authorities import Owners, owning_authority, standard_code
from ..models import AbolitionNotice, ReviewOutcome, StandardReview
from ..selectors.periodic import EARLIEST_MONTHS, review_years, unique

MAX_STANDARDS = 500  # per conclusion or announcement
MAX_REASON = 2000


@dataclass
class NoticeInput:
    """The abolition announcement (废止公告) an abolition is published in."""

    notice_number: str = ""
    notice_date: date | None = None
    abolished_on: date | None = None  # the day the standards cease to be in force
    note: str = ""


@transaction.atomic
def conclude_reviews(*, actor: Any, standards: Sequence[Standard], outcome: str, reason: str = "",
                     notice: NoticeInput | None = None) -> list[StandardReview]:
    """Conclude the periodic review of `standards` (all of one authority) and carry the conclusion out in the
    catalogue. An abolition needs its announcement (`notice`)."""
    require_actor(actor)
    standards = unique(standards)
    for standard in standards:
        policy.require(actor, "filing.conclude_review", standard)
    reason = " ".join((reason or "").split())
    problems = _basic_problems(standards, outcome, reason, notice)
    if problems:
        raise ValidationFailed(_("复审结论未能记录，请按提示修改。"), problems)
    catalog.lock_catalogue()  # before the editions' rows: the conclusion writes the catalogue
    standards = list(Standard.objects.select_for_update().filter(pk__in=[s.pk for s in standards]).order_by("sort_key"))
    authority = _one_authority(actor, standards)
    today = clock.today()
    years = review_years()
    due = {s.pk: review_rules.review_due_on(s.published_on, s.confirmed_on, years=years) for s in standards}
    _check_standards(standards, outcome, due, today)
    notice_row = _publish_notice(actor, authority, standards, notice, today) if outcome == ReviewOutcome.ABOLISH else None
    reviews = []
    for standard in standards:
        if outcome == ReviewOutcome.CONFIRM:
            catalog.confirm_standard(actor=actor, standard=standard, on=today)
        elif outcome == ReviewOutcome.ABOLISH:
            catalog.abolish_standard(actor=actor, standard=standard, on=notice_row.abolished_on,
                                     reason=reason or _("%(authority)s 废止公告 %(number)s") % {
                                         "authority": authority.name, "number": notice_row.notice_number})
        reviews.append(StandardReview(
            standard=standard, authority=authority, outcome=outcome, reason=reason, concluded_on=today,
            due_on=due[standard.pk] or today, notice=notice_row, actor=user_or_none(actor), at=clock.now()))
    return StandardReview.objects.bulk_create(reviews)


def _basic_problems(standards: list[Standard], outcome: str, reason: str, notice: NoticeInput | None) -> list[dict]:
    problems = []
    if not standards:
        problems.append({"field": "standards", "message": _("请选择要作出复审结论的标准")})
    elif len(standards) > MAX_STANDARDS:
        problems.append({"field": "standards", "message": _("一次最多 %(limit)s 项标准") % {"limit": MAX_STANDARDS}})
    if outcome not in ReviewOutcome.values:
        problems.append({"field": "outcome", "message": _("请选择复审结论：继续有效、修订或废止")})
    if len(reason) > MAX_REASON:
        problems.append({"field": "reason", "message": _("理由最多 %(limit)s 个字符") % {"limit": MAX_REASON}})
    if outcome == ReviewOutcome.ABOLISH:
        problems += _notice_problems(notice or NoticeInput())
    return problems


def _notice_problems(notice: NoticeInput) -> list[dict]:
    problems = []
    notice.notice_number = " ".join((notice.notice_number or "").split())
    notice.note = " ".join((notice.note or "").split())
    today = clock.today()
    if not notice.notice_number:
        problems.append({"field": "notice_number", "message": _("请填写废止公告的公告号，如“2026年第3号”")})
    elif len(notice.notice_number) > 100:
        problems.append({"field": "notice_number", "message": _("最多 %(limit)s 个字符") % {"limit": 100}})
    if notice.notice_date is None:
        problems.append({"field": "notice_date", "message": _("请填写公告日期")})
    elif notice.notice_date > today:
        problems.append({"field": "notice_date", "message": _("公告日期晚于今天；请在公告发布后登记")})
    if notice.abolished_on is None:
        problems.append({"field": "abolished_on", "message": _("请填写废止日期（标准自该日起废止）")})
    elif notice.notice_date is not None and notice.abolished_on < notice.notice_date:
        problems.append({"field": "abolished_on", "message": _("废止日期不能早于公告日期 %(day)s") % {
            "day": notice.notice_date.isoformat()}})
    if len(notice.note) > MAX_REASON:
        problems.append({"field": "note", "message": _("说明最多 %(limit)s 个字符") % {"limit": MAX_REASON}})
    return problems


def _one_authority(actor: Any, standards: list[Standard]) -> Organisation:
    """The authority concluding: the one the actor acts for that owns the codes (the platform acting: the owner)."""
    owners = Owners() if is_system(actor) else None
    found = {}
    for standard in standards:
        authority = (owners.of(standard.tier, standard_code(standard)) if owners is not None
                     else owning_authority(actor, standard))
        if authority is None:
            raise ValidationFailed(_("复审结论未能记录，请按提示修改。"), [{"field": "standards", "message": _(
                "%(identifier)s 的代号没有登记主管的备案单位") % {"identifier": standard.identifier}}])
        found[authority.pk] = authority
    if len(found) > 1:
        raise ValidationFailed(_("复审结论未能记录，请按提示修改。"), [{"field": "standards", "message": _(
            "所选标准属于不同的备案单位；请分别作出结论")}])
    return next(iter(found.values()))


def _check_standards(standards: list[Standard], outcome: str, due: dict[int, date | None], today: date) -> None:
    """Only standards in force; confirmation and revision only once due (or within EARLIEST_MONTHS of it), and a
    revision only once. Abolition may come at any time."""
    earliest = add_months(today, EARLIEST_MONTHS)
    open_revisions = set()
    if outcome == ReviewOutcome.REVISE:  # a revision concluded since the last publication or confirmation
        for standard_id, concluded_on in StandardReview.objects.filter(
                standard__in=standards, outcome=ReviewOutcome.REVISE).values_list("standard_id", "concluded_on"):
            standard = next(s for s in standards if s.pk == standard_id)
            base = review_rules.review_base(standard.published_on, standard.confirmed_on)
            if base is None or concluded_on >= base:
                open_revisions.add(standard_id)
    missing = []
    for standard in standards:
        if standard.status not in (Status.CURRENT, Status.UPCOMING) or standard.abolished_on is not None:
            raise InvalidTransition(_("%(identifier)s 不是现行标准（%(status)s），无需复审。") % {
                "identifier": standard.identifier, "status": _abolished_or_status(standard)},
                current=standard.status, allowed=[])
        if outcome == ReviewOutcome.ABOLISH:
            continue
        due_on = due[standard.pk]
        if due_on is None:
            missing.append({"requirement": "published_on", "message": _("%(identifier)s 没有发布日期，无法确定复审期限") % {
                "identifier": standard.identifier}})
        elif due_on > earliest:
            missing.append({"requirement": "review_due", "message": _(
                "%(identifier)s 的复审期限为 %(due)s；到期前 %(months)s 个月内才能作出结论") % {
                "identifier": standard.identifier, "due": due_on.isoformat(), "months": EARLIEST_MONTHS}})
        if standard.pk in open_revisions:
            raise InvalidTransition(_("%(identifier)s 已作出修订结论，修订后的标准备案后即告完成。") % {
                "identifier": standard.identifier}, current=ReviewOutcome.REVISE, allowed=[])
    if missing:
        raise RequirementsUnmet(_("复审结论未能记录：%(reasons)s") % {
            "reasons": "；".join(m["message"] for m in missing)}, missing)


def _abolished_or_status(standard: Standard) -> str:
    if standard.abolished_on is not None:
        return _("%(day)s 废止") % {"day": standard.abolished_on.isoformat()}
    return str(standard.get_status_display())


def _publish_notice(actor: Any, authority: Organisation, standards: list[Standard], notice: NoticeInput,
                    today: date) -> AbolitionNotice:
    if AbolitionNotice.objects.filter(authority=authority, notice_number=notice.notice_number).exists():
        raise ValidationFailed(_("复审结论未能记录，请按提示修改。"), [{"field": "notice_number", "message": _(
            "本单位已登记公告号为“%(number)s”的废止公告") % {"number": notice.notice_number}}])
    early = [s for s in standards if s.published_on and notice.abolished_on < s.published_on]
    if early:
        raise ValidationFailed(_("复审结论未能记录，请按提示修改。"), [{"field": "abolished_on", "message": _(
            "废止日期早于 %(identifier)s 的发布日期 %(day)s") % {
            "identifier": early[0].identifier, "day": early[0].published_on.isoformat()}}])
    return AbolitionNotice.objects.create(
        authority=authority, notice_number=notice.notice_number, notice_date=notice.notice_date,
        abolished_on=notice.abolished_on, note=notice.note, published_by=user_or_none(actor), published_at=clock.now())
