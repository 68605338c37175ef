"""Standard development's part of a person's data (accounts/privacy/personal_data.py): the comments they made, the
votes cast from their committee seats, the projects they proposed. When the account is deleted the comments stay
in the record under the account's pseudonym."""

from typing import Any

from biaozhun.accounts import policy
from biaozhun.accounts.privacy.personal_data import when

from .models import Comment, Project, Vote


def export_comments(user: Any) -> list[dict[str, Any]]:
    rows = Comment.objects.filter(author=user).select_related("project").order_by("submitted_at", "id")
    return [{"project": c.project.plan_number or c.project_id, "project_title": c.project.title_zh,
             "number": c.number, "period": c.period, "clause": c.clause, "text": c.text, "proposal": c.proposal,
             "author_name": c.author_name, "organisation_name": c.organisation_name,
             "submitted_at": when(c.submitted_at), "disposition": c.disposition,
             "disposition_reason": c.disposition_reason} for c in rows]


def export_votes(user: Any) -> list[dict[str, Any]]:
    rows = (Vote.objects.filter(member__user=user).select_related("ballot__project", "member__committee")
            .order_by("ballot__opened_at", "id"))
    return [{"committee": v.member.committee.code, "project": v.ballot.project.plan_number or v.ballot.project_id,
             "ballot": v.ballot_id, "method": v.ballot.method, "choice": v.choice, "reason": v.reason,
             "cast_at": when(v.cast_at)} for v in rows]


def export_proposals(user: Any) -> list[dict[str, Any]]:
    return [{"project": p.plan_number or p.pk, "title": p.title_zh, "committee": p.committee.code}
            for p in Project.objects.filter(proposer=user).select_related("committee").order_by("pk")]


def erase_comment_authors(*, actor: Any, user: Any, pseudonym: str) -> None:
    """The account's comments keep their text (the drafting group's disposition answers them) under the pseudonym."""
    policy.require(actor, "accounts.delete_account", user)
    Comment.objects.filter(author=user).update(author_name=pseudonym)
