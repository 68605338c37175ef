"""Announcements of a social organisation (立项公告, 征求意见 with its comment period and an optional draft) and the
comments signed-in people make during the period."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.uploads import FileRejected, check_pdf
from biaozhun.rules.periods import period_phase

from .. import events
from ..models import Announcement, AnnouncementComment, AnnouncementKind, GroupProfile

LIMITS = {"title": 200, "standard_title": 200, "body": 10000}
COMMENT_LIMITS = {"text": 5000, "reason": 5000, "clause": 50, "organisation_name": 200}


class CommentPeriodClosed(DomainError):
    """A comment outside the 征求意见 period; ``data`` holds the period's first and last days."""

    code = "comment_period_closed"
    status = 409


@dataclass(frozen=True)
class AnnouncementInput:
    kind: str
    title: str
    standard_title: str
    body: str
    comment_start: date | None = None
    comment_end: date | None = None


def _draft_problems(draft: bytes) -> list[dict[str, str]]:
    limit = settings.BIAOZHUN_MAX_FULLTEXT_BYTES
    if len(draft) > limit:
        return [{"field": "draft", "message": _("文件大小为 %(size)s 字节，最大 %(limit)s 字节；请压缩后再上传") % {
            "size": len(draft), "limit": limit}}]
    if not draft.startswith(b"%PDF-"):
        return [{"field": "draft", "message": _("文件不是 PDF，请上传 PDF 格式的征求意见稿")}]
    try:
        check_pdf(draft, label=_("征求意见稿"))
    except FileRejected as exc:
        return [{"field": "draft", "message": exc.message}]
    return []


def _problems(data: AnnouncementInput, draft: bytes | None, today: date) -> list[dict[str, str]]:
    problems = []
    if data.kind not in AnnouncementKind.values:
        problems.append({"field": "kind", "message": _("请选择公告类型：%(choices)s") % {
            "choices": "、".join(str(label) for label in AnnouncementKind.labels)}})
    for name, limit in LIMITS.items():
        value = getattr(data, name).strip()
        if not value:
            problems.append({"field": name, "message": _("请填写此项。")})
        elif len(value) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符，实际 %(length)s 个") % {
                "limit": limit, "length": len(value)}})
    if data.kind == AnnouncementKind.DRAFT_FOR_COMMENT:
        if data.comment_start is None:
            problems.append({"field": "comment_start", "message": _("请填写征求意见的开始日期。")})
        elif data.comment_start < today:
            problems.append({"field": "comment_start", "message": _("开始日期不能早于今天（%(today)s）。") % {
                "today": today.isoformat()}})
        if data.comment_end is None:
            problems.append({"field": "comment_end", "message": _("请填写征求意见的截止日期。")})
        elif data.comment_start is not None and data.comment_end < data.comment_start:
            problems.append({"field": "comment_end", "message": _("截止日期不能早于开始日期（%(start)s）。") % {
                "start": data.comment_start.isoformat()}})
        if draft:
            problems += _draft_problems(draft)
    elif data.kind == AnnouncementKind.PROJECT_APPROVAL:
        if data.comment_start or data.comment_end:
            problems.append({"field": "comment_start", "message": _("立项公告不设征求意见期限，请清空日期。")})
        if draft:
            problems.append({"field": "draft", "message": _("征求意见稿只随征求意见公告发布，立项公告请不要上传文件。")})
    return problems


@transaction.atomic
def post_announcement(*, actor: Any, profile: GroupProfile, data: AnnouncementInput,
                      draft: bytes | None = None) -> Announcement:
    """Publish a 立项公告 or a 征求意见 (its period: first and last day both count; its draft a checked PDF)."""
    policy.require(actor, "groups.announce", profile)
    problems = _problems(data, draft, clock.today())
    if problems:
        raise ValidationFailed(_("公告未能发布，请按所列字段的提示修改。"), problems)
    announcement = Announcement(
        profile=profile, kind=data.kind, title=data.title.strip(), standard_title=data.standard_title.strip(),
        body=data.body.strip(), comment_start=data.comment_start, comment_end=data.comment_end,
        posted_at=clock.now(), posted_by=user_or_none(actor))
    if draft:
        announcement.draft_sha256, announcement.draft_size = hashlib.sha256(draft).hexdigest(), len(draft)
        announcement.draft.save("draft.pdf", ContentFile(draft), save=False)
    announcement.save()
    events.announcement_posted(announcement, actor=actor)
    return announcement


def comment_phase(announcement: Announcement, today: date) -> str:
    """"before", "open" or "over" for a 征求意见; "" for an announcement that takes no comments."""
    if not announcement.takes_comments or announcement.comment_start is None or announcement.comment_end is None:
        return ""
    return period_phase(announcement.comment_start, announcement.comment_end, today)


@transaction.atomic
def submit_comment(*, actor: Any, announcement: Announcement, text: str, clause: str = "", reason: str = "",
                   organisation_name: str = "") -> AnnouncementComment:
    """A signed-in person's comment during the period; refused before it opens and after its last day. It is public
    under the person's pseudonym on this announcement (评论者 n)."""
    policy.require(actor, "groups.comment", announcement)
    current = Announcement.objects.select_for_update().select_related("profile").get(pk=announcement.pk)
    phase = comment_phase(current, clock.today())
    period = {"comment_start": current.comment_start.isoformat(), "comment_end": current.comment_end.isoformat()} \
        if current.comment_start and current.comment_end else {}
    if phase == "before":
        raise CommentPeriodClosed(_("征求意见自 %(start)s 开始，请届时再提出意见。") % {
            "start": current.comment_start.isoformat()}, **period)
    if phase == "over":
        raise CommentPeriodClosed(_("征求意见已于 %(end)s 截止，不再接收意见。") % {
            "end": current.comment_end.isoformat()}, **period)
    values = {"text": text.strip(), "clause": " ".join(clause.split()), "reason": reason.strip(),
              "organisation_name": " ".join(organisation_name.split())}
    problems = [] if values["text"] else [{"field": "text", "message": _("请填写意见内容。")}]
    for name, limit in COMMENT_LIMITS.items():
        if len(values[name]) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符，实际 %(length)s 个") % {
                "limit": limit, "length": len(values[name])}})
    if problems:
        raise ValidationFailed(_("意见未能提交，请按所列字段的提示修改。"), problems)
    earlier = AnnouncementComment.objects.filter(announcement=current)
    last = earlier.aggregate(number=Max("number"), commenters=Max("commenter_number"))
    # One pseudonym per person and announcement: 评论者 n, n counting commenters in the order of their first comment.
    commenter = earlier.filter(author=actor).values_list("commenter_number", flat=True).first() \
        or (last["commenters"] or 0) + 1
    comment = AnnouncementComment.objects.create(
        announcement=current, number=(last["number"] or 0) + 1, commenter_number=commenter, author=actor,
        author_name=getattr(actor, "real_name", "") or actor.username, submitted_at=clock.now(), **values)
    events.comment_submitted(comment, actor=actor)
    return comment
