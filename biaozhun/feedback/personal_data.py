"""Implementation feedback in a person's data (accounts/privacy/personal_data.py). Feedback stays when the account
is deleted (it is about the standard); the account it points to then carries only the pseudonym."""

from typing import Any

from .models import Feedback


def export_feedback(user: Any) -> list[dict[str, Any]]:
    return [{"standard": f.standard.identifier, "category": f.category, "clause": f.clause, "text": f.text,
             "state": f.state, "received_at": f.received_at.isoformat(), "reply_due": f.reply_due.isoformat()}
            for f in Feedback.objects.filter(author=user).select_related("standard").order_by("received_at", "id")]
