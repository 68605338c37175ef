"""Committees' part of a person's data (accounts/privacy/personal_data.py): the seats linked to their account.
When the account is deleted those seats (and so the votes cast from them) carry the account's pseudonym instead
of the name, and lose the link; the committee's history records that, without the name."""

from typing import Any

from biaozhun.accounts import policy

from . import events
from .models import Member


def export_seats(user: Any) -> list[dict[str, Any]]:
    return [{"committee": m.committee.code, "name": m.name, "organisation": m.organisation,
             "stakeholder": m.stakeholder, "role": m.role, "voting": m.voting,
             "term_start": m.term_start.isoformat(), "term_end": m.term_end.isoformat()}
            for m in Member.objects.filter(user=user).select_related("committee").order_by("term_start", "id")]


def erase_seat_names(*, actor: Any, user: Any, pseudonym: str) -> None:
    policy.require(actor, "accounts.delete_account", user)
    for member in Member.objects.select_for_update().filter(user=user).select_related("committee"):
        member.name, member.user = pseudonym, None
        member.save(update_fields=["name", "user"])
        events.member_changed(member, actor=actor, before={"name": "***", "user": user.pk},
                              after={"name": pseudonym, "user": None})


def export_notice_comments(user: Any) -> list[dict[str, Any]]:
    """The comments the person made on committee applications in public notice."""
    from biaozhun.accounts.privacy.personal_data import when

    from .models import ApplicationComment

    return [{"application": c.application_id, "number": c.number, "organisation_name": c.organisation_name,
             "text": c.text, "submitted_at": when(c.submitted_at)}
            for c in ApplicationComment.objects.filter(author=user).order_by("submitted_at", "id")]


def erase_notice_comment_authors(*, actor: Any, user: Any, pseudonym: str) -> None:
    """The comments stay (the notice's record), under the account's pseudonym, without the organisation."""
    from .models import ApplicationComment

    policy.require(actor, "accounts.delete_account", user)
    ApplicationComment.objects.filter(author=user).update(author_name=pseudonym, organisation_name="")
