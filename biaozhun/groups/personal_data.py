"""The groups' part of a person's data (accounts/privacy/personal_data.py): the comments they made on social
organisations' 征求意见. When the account is deleted the comments stay (the organisation answers them) under the
account's pseudonym; the public saw them as 评论者 n all along."""

from typing import Any

from biaozhun.accounts import policy
from biaozhun.accounts.privacy.personal_data import when

from .models import AnnouncementComment


def export_group_comments(user: Any) -> list[dict[str, Any]]:
    rows = AnnouncementComment.objects.filter(author=user).select_related("announcement__profile").order_by(
        "submitted_at", "id")
    return [{"group_code": c.announcement.profile.code, "announcement": c.announcement_id,
             "announcement_title": c.announcement.title, "number": c.number, "commenter": c.pseudonym,
             "clause": c.clause, "text": c.text, "reason": c.reason, "author_name": c.author_name,
             "organisation_name": c.organisation_name, "submitted_at": when(c.submitted_at)} for c in rows]


def erase_group_comment_authors(*, actor: Any, user: Any, pseudonym: str) -> None:
    policy.require(actor, "accounts.delete_account", user)
    AnnouncementComment.objects.filter(author=user).update(author_name=pseudonym)
