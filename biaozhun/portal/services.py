"""Watch-list writes. Watches are a person's own: the policy lets only their owner change them."""

from __future__ import annotations

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, Status, Tier
from biaozhun.core.errors import ValidationFailed

from .models import Watch

SEARCH_KEYS = ("q", "tier", "status", "ccs")
MAX_WATCHES = 500


def _check_room(user) -> None:
    if user.watches.count() >= MAX_WATCHES:
        raise ValidationFailed(f"You follow {MAX_WATCHES} items already; remove some first.",
                               [{"field": "watch", "message": f"at most {MAX_WATCHES}"}])


@transaction.atomic
def watch_standard(*, actor, standard: Standard, all_editions: bool) -> Watch:
    """Follow this edition, or every edition of its number (new editions included)."""
    policy.require(actor, "portal.watch")
    user = actor
    if all_editions:
        existing = Watch.objects.filter(user=user, kind=Watch.Kind.SERIES, undated=standard.undated).first()
        if existing:
            return existing
        _check_room(user)
        return Watch.objects.create(user=user, kind=Watch.Kind.SERIES, undated=standard.undated, label=standard.undated)
    existing = Watch.objects.filter(user=user, kind=Watch.Kind.EDITION, standard=standard).first()
    if existing:
        return existing
    _check_room(user)
    return Watch.objects.create(user=user, kind=Watch.Kind.EDITION, standard=standard, undated=standard.undated,
                                label=standard.identifier)


def clean_search(params) -> dict[str, str]:
    """The saved-search conditions this app understands, from a query string or dict."""
    query = {key: str(params.get(key, "")).strip() for key in SEARCH_KEYS if str(params.get(key, "")).strip()}
    problems = []
    if query.get("tier") and query["tier"] not in Tier.values:
        problems.append({"field": "tier", "message": f"one of {', '.join(Tier.values)}"})
    if query.get("status") and query["status"] not in Status.values:
        problems.append({"field": "status", "message": f"one of {', '.join(Status.values)}"})
    if not query:
        problems.append({"field": "q", "message": "a keyword, number or filter is required"})
    if problems:
        raise ValidationFailed("The search cannot be saved.", problems)
    return query


@transaction.atomic
def save_search(*, actor, params, label: str = "") -> Watch:
    policy.require(actor, "portal.watch")
    user = actor
    query = clean_search(params)
    _check_room(user)
    label = label.strip() or " · ".join(query.values())
    return Watch.objects.create(user=user, kind=Watch.Kind.SEARCH, query=query, label=label[:200])


@transaction.atomic
def unwatch(*, actor, watch: Watch) -> None:
    policy.require(actor, "portal.manage_watch", watch)
    watch.delete()
