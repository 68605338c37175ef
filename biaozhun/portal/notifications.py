"""Email people about changes to what they watch, reading the catalogue's event feed from where it stopped.

One digest per person per run. The cursor (FeedCursor "watch") starts at the newest event the first time, so
a new installation does not mail its history; each run advances it with the notifications it recorded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation

from biaozhun.accounts.models import User
from biaozhun.catalog.models import EventKind, Standard, StandardEvent, Status
from biaozhun.core import clock

from .models import FeedCursor, Watch, WatchNotification

CURSOR = "watch"
CHUNK = 5000
KINDS = (EventKind.CREATED, EventKind.STATUS_CHANGED, EventKind.AMENDMENT_ADDED, EventKind.ABOLISHED)


@dataclass(frozen=True)
class Change:
    event_id: int
    kind: str
    identifier: str
    title: str
    to_status: str
    detail: str  # amendment number, abolition date, ...

    @property
    def status_label(self) -> str:
        return str(Status(self.to_status).label) if self.to_status else ""

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def _matches_search(query: dict, standard: Standard) -> bool:
    text = query.get("q", "")
    if text and text not in standard.title_zh and text.lower() not in standard.title_en.lower() \
            and not standard.identifier.upper().startswith(text.upper()):
        return False
    if query.get("tier") and standard.tier != query["tier"]:
        return False
    if query.get("status") and standard.status != query["status"]:
        return False
    return not (query.get("ccs") and not (standard.ccs_id or "").startswith(query["ccs"]))


def _changes_by_user(events: list[StandardEvent]) -> dict[int, list[Change]]:
    standard_ids = {e.standard_id for e in events}
    undated = {e.standard.undated for e in events}
    edition_watchers: dict[int, set[int]] = defaultdict(set)
    series_watchers: dict[str, set[int]] = defaultdict(set)
    for user_id, standard_id in Watch.objects.filter(kind=Watch.Kind.EDITION, standard_id__in=standard_ids) \
            .values_list("user_id", "standard_id"):
        edition_watchers[standard_id].add(user_id)
    for user_id, number in Watch.objects.filter(kind=Watch.Kind.SERIES, undated__in=undated) \
            .values_list("user_id", "undated"):
        series_watchers[number].add(user_id)
    searches = list(Watch.objects.filter(kind=Watch.Kind.SEARCH).values_list("user_id", "query"))

    changes: dict[int, list[Change]] = defaultdict(list)
    for event in events:
        standard = event.standard
        users = set(series_watchers.get(standard.undated, ()))
        users |= {user_id for user_id, query in searches if _matches_search(query, standard)}
        if event.kind != EventKind.CREATED:  # nobody follows an edition before it exists
            users |= edition_watchers.get(standard.pk, set())
        if not users:
            continue
        detail = str(event.data.get("number") or event.data.get("on") or "")
        change = Change(event.pk, event.kind, standard.identifier, standard.title, event.to_status, detail)
        for user_id in users:
            changes[user_id].append(change)
    return changes


def send_watch_notifications() -> int:
    """Read new events, send one email per person who watches something that changed; returns emails sent."""
    cursor, created = FeedCursor.objects.get_or_create(
        name=CURSOR, defaults={"last_event_id": StandardEvent.objects.aggregate(m=Max("id"))["m"] or 0}
    )
    if created:
        return 0
    sent = 0
    while True:
        events = list(
            StandardEvent.objects.filter(pk__gt=cursor.last_event_id, kind__in=KINDS)
            .select_related("standard").order_by("pk")[:CHUNK]
        )
        if not events:
            return sent
        by_user = _changes_by_user(events)
        users = User.objects.in_bulk(list(by_user))
        for user_id, changes in by_user.items():
            user = users[user_id]
            if user.is_active and user.email:
                _send(user, changes)
                sent += 1
        with transaction.atomic():
            WatchNotification.objects.bulk_create([
                WatchNotification(user_id=user_id, first_event_id=changes[0].event_id,
                                  last_event_id=changes[-1].event_id, changes=[c.as_dict() for c in changes])
                for user_id, changes in by_user.items()
            ])
            cursor.last_event_id = events[-1].pk
            cursor.updated_at = clock.now()
            cursor.save(update_fields=["last_event_id", "updated_at"])


def _send(user: User, changes: list[Change]) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "changes": changes, "site": settings.BIAOZHUN_SITE_URL}
        subject = render_to_string("portal/email/watch_subject.txt", context).strip()
        body = render_to_string("portal/email/watch_body.txt", context)
    send_mail(subject, body, None, [user.email])
