"""The portal's part of a person's data (accounts/privacy/personal_data.py): watch lists and the watch e-mails
sent. Both go when the account is deleted (they serve only the person)."""

from typing import Any

from biaozhun.accounts import policy

from .models import Watch, WatchNotification


def export_watches(user: Any) -> list[dict[str, Any]]:
    return [{"kind": w.kind, "label": w.label, "standard": w.standard.identifier if w.standard_id else None,
             "undated": w.undated, "query": w.query, "created_at": w.created_at.isoformat()}
            for w in Watch.objects.filter(user=user).select_related("standard").order_by("created_at", "id")]


def export_watch_emails(user: Any) -> list[dict[str, Any]]:
    return [{"sent_at": n.sent_at.isoformat(), "changes": n.changes}
            for n in WatchNotification.objects.filter(user=user).order_by("sent_at", "id")]


def erase_watches(*, actor: Any, user: Any, pseudonym: str) -> None:
    policy.require(actor, "accounts.delete_account", user)
    Watch.objects.filter(user=user).delete()
    WatchNotification.objects.filter(user=user).delete()
