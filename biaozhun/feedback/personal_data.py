"""Implementation feedback in a person's data (accounts/privacy/personal_data.py). Items stay when the account is
deleted (they are about the standard, and their handlers answered them); the account they point to then carries
only its pseudonym, and nobody else ever saw more than the item's own pseudonym."""

from typing import Any

from biaozhun.accounts.privacy.personal_data import when

from .models import Feedback


def export_feedback(user: Any) -> list[dict[str, Any]]:
    return [{"tracking_number": f.tracking_number, "standard": f.standard.identifier, "category": f.category,
             "clause": f.clause, "text": f.text, "state": f.state, "received_at": when(f.received_at),
             "acknowledge_due": when(f.acknowledge_due), "answer_due": when(f.answer_due), "answer": f.answer,
             "answered_at": when(f.answered_at), "attachments": [a.filename for a in f.attachments.all()]}
            for f in Feedback.objects.filter(author=user).select_related("standard").prefetch_related("attachments")
            .order_by("received_at", "id")]
