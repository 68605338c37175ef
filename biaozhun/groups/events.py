"""One constructor per kind of group event; the groups services record history only through these (the actor,
the time from core.clock and the documented ``data`` keys of GroupEvent)."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import Announcement, AnnouncementComment, GroupEvent, GroupEventKind, GroupProfile


def _record(profile: GroupProfile, kind: str, *, actor: Any, data: dict[str, Any], **targets: Any) -> GroupEvent:
    return GroupEvent.objects.create(profile=profile, kind=kind, actor=user_or_none(actor), at=clock.now(),
                                     data=data, **targets)


def registered(profile: GroupProfile, *, actor: Any, after: dict[str, Any]) -> GroupEvent:
    return _record(profile, GroupEventKind.REGISTERED, actor=actor, data={"code": profile.code, "after": after})


def updated(profile: GroupProfile, *, actor: Any, before: dict[str, Any], after: dict[str, Any]) -> GroupEvent:
    return _record(profile, GroupEventKind.UPDATED, actor=actor, data={"before": before, "after": after})


def standard_published(profile: GroupProfile, *, actor: Any, standard: Any, text_public: bool,
                       involves_patents: bool) -> GroupEvent:
    return _record(profile, GroupEventKind.STANDARD_PUBLISHED, actor=actor, standard=standard, data={
        "identifier": standard.identifier, "text_public": text_public, "involves_patents": involves_patents})


def announcement_posted(announcement: Announcement, *, actor: Any) -> GroupEvent:
    return _record(announcement.profile, GroupEventKind.ANNOUNCEMENT_POSTED, actor=actor, announcement=announcement,
                   data={"kind": announcement.kind, "title": announcement.title,
                         "comment_start": announcement.comment_start.isoformat() if announcement.comment_start else None,
                         "comment_end": announcement.comment_end.isoformat() if announcement.comment_end else None,
                         "draft": announcement.draft_sha256 or None})


def comment_submitted(comment: AnnouncementComment, *, actor: Any) -> GroupEvent:
    announcement = comment.announcement
    return _record(announcement.profile, GroupEventKind.COMMENT_SUBMITTED, actor=actor, announcement=announcement,
                   data={"number": comment.number})
