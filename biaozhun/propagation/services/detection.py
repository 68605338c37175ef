"""Find the changes to propagate: read the catalogue's history (StandardEvent) from where the last scan stopped and
make a Change of each replacement or abolition that took effect (the edition's status moved), each amendment sheet
published, each edition withdrawn as published in error, and each partial replacement (部分代替: an edition entered
or gaining a relation that replaces part of an edition in force, which stays in force; one change per edition
partly replaced, effective when the replacing edition is).

Every route that changes an edition records these events (the back office, an import, a periodic review's
abolition, a project's publication, the daily status sweep), so reading them misses none. Events commit in the
order of their ids (catalog/services/locking.py), so a scan that saw an event has seen every earlier one. The
cursor moves in the transaction that makes the changes: a scan killed half-way leaves nothing half-made, and a
second scan running at the same time waits for the cursor's row and finds nothing left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.catalog.models import Amendment, EventKind, RelationKind, Standard, StandardEvent, StandardRelation
from biaozhun.catalog.records import edition_key
from biaozhun.core import clock
from biaozhun.core.actors import require_actor
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.rules import propagation as rules

from .. import events
from ..models import Change, ChangeKind, ScanCursor

SCANNED_KINDS = (EventKind.STATUS_CHANGED, EventKind.AMENDMENT_ADDED, EventKind.WITHDRAWN, EventKind.CREATED,
                 EventKind.RELATION_ADDED)
GAINS_RELATIONS = (EventKind.CREATED, EventKind.RELATION_ADDED)
STATUS_CHANGES = {"replaced": ChangeKind.REPLACED, "abolished": ChangeKind.ABOLISHED}
CHUNK = 1000  # events read per transaction


@dataclass(frozen=True)
class Found:
    """A change read off one event, before it is stored."""

    event_id: int
    standard_id: int
    identifier: str
    edition: str
    undated: str
    year: int | None
    kind: ChangeKind
    effective_on: Any
    amendment_number: int | None = None
    partly_by_id: int | None = None


def scan_catalogue(*, actor: Any) -> list[int]:
    """Make the changes recorded since the last scan and queue the propagation of each; their ids."""
    require_actor(actor)
    policy.require(actor, "propagation.propagate")
    with transaction.atomic():
        ScanCursor.objects.get_or_create(pk=1)
    upto = StandardEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    made: list[int] = []
    while True:
        with transaction.atomic():
            cursor = ScanCursor.objects.select_for_update().get(pk=1)
            if cursor.last_event_id >= upto:
                return made
            rows = list(StandardEvent.objects.filter(pk__gt=cursor.last_event_id, pk__lte=upto,
                                                     kind__in=SCANNED_KINDS)
                        .order_by("pk").values_list("pk", "standard_id", "kind", "to_status", "data", "at")[:CHUNK])
            found = _read(rows, seen_on=clock.today())
            for item in found:
                change = _make(actor, item)
                if change is not None:
                    made.append(change.pk)
            cursor.last_event_id = rows[-1][0] if len(rows) == CHUNK else upto
            cursor.scanned_at = clock.now()
            cursor.save(update_fields=["last_event_id", "scanned_at"])


def _read(rows: list[tuple], *, seen_on) -> list[Found]:
    """The events that are news: a status that still holds, a sheet still there, within the history window."""
    standards = Standard.all_objects.in_bulk({row[1] for row in rows if row[2] not in GAINS_RELATIONS})
    found = _partial_replacements([row for row in rows if row[2] in GAINS_RELATIONS])
    for pk, standard_id, kind, to_status, data, at in rows:
        standard = standards.get(standard_id)
        if standard is None:
            continue
        if kind == EventKind.STATUS_CHANGED:
            if to_status not in STATUS_CHANGES or standard.status != to_status or standard.withdrawn_at:
                continue  # another move, or it moved on since (a replacing edition withdrawn...)
            item = Found(pk, standard_id, standard.identifier, standard.edition, standard.undated, standard.year,
                         STATUS_CHANGES[to_status], standard.status_since or _published(standard.status_by))
        elif kind == EventKind.AMENDMENT_ADDED:
            sheet = Amendment.objects.filter(standard_id=standard_id, number=data.get("number")).first()
            if sheet is None or standard.withdrawn_at:
                continue  # withdrawn since
            item = Found(pk, standard_id, standard.identifier, standard.edition, standard.undated, standard.year,
                         ChangeKind.AMENDED, sheet.implemented_on or sheet.published_on, sheet.number)
        else:
            try:
                ident = parse(data.get("identifier") or "")
            except IdentifierError:
                continue
            item = Found(pk, standard_id, ident.canonical, edition_key(ident), ident.undated, ident.year,
                         ChangeKind.WITHDRAWN, at.date())
        found.append(item)
    news = [item for item in found if not rules.is_history(item.effective_on, seen_on=seen_on)]
    return sorted(news, key=lambda item: item.event_id)


def _partial_replacements(rows: list[tuple]) -> list[Found]:
    """The editions in force that the editions of these events (entered, or gaining a relation) partly replace:
    one query for the chunk; a relation_added event counts only for the relation it names."""
    if not rows:
        return []
    named = {row[0]: (row[4] or {}).get("target") for row in rows if row[2] == EventKind.RELATION_ADDED}
    event_of: dict[int, list[int]] = {}
    for pk, standard_id, *_ in rows:
        event_of.setdefault(standard_id, []).append(pk)
    relations = (StandardRelation.objects
                 .filter(source_id__in=list(event_of), kind=RelationKind.REPLACES, partial=True,
                         target__status__in=rules.LIVE_STATUSES, target__withdrawn_at__isnull=True,
                         source__withdrawn_at__isnull=True)
                 .values_list("source_id", "target_identifier", "target_id", "target__identifier",
                              "target__edition", "target__undated", "target__year", "source__implemented_on",
                              "source__published_on"))
    found = []
    for source_id, written, target_id, identifier, edition, undated, year, implemented_on, published_on in relations:
        for event_id in event_of[source_id]:
            if event_id in named and named[event_id] != written:
                continue  # another relation of the same edition
            found.append(Found(event_id, target_id, identifier, edition, undated, year, ChangeKind.PARTIAL,
                               implemented_on or published_on, partly_by_id=source_id))
    return found


def _published(identifier: str):
    """When the replacing edition was published: the date of a replacement whose edition has no implementation
    date (an ISO/IEC record, an old edition imported without one)."""
    if not identifier:
        return None
    return Standard.objects.filter(identifier=identifier).values_list("published_on", flat=True).first()


def _make(actor: Any, item: Found) -> Change | None:
    if Change.objects.filter(event_id=item.event_id, standard_id=item.standard_id).exists():
        return None
    replacing_id = None
    replacers: list[int] = []
    if item.kind == ChangeKind.REPLACED:
        replacers = list(StandardRelation.objects.filter(kind=RelationKind.REPLACES, target_id=item.standard_id)
                         .values_list("source_id", flat=True))
        by = Standard.objects.filter(pk=item.standard_id).values_list("status_by", flat=True).first() or ""
        replacing_id = Standard.objects.filter(identifier=by).values_list("pk", flat=True).first()
    series = [rules.Edition.of(year, pk) for year, pk in
              Standard.objects.filter(undated=item.undated).exclude(pk=item.standard_id).values_list("year", "pk")]
    undated = rules.undated_affected(rules.Edition.of(item.year, item.standard_id), series, replacers=replacers)
    newest_live = max((rules.Edition.of(year, pk) for year, pk in Standard.objects.filter(
        undated=item.undated, status__in=rules.LIVE_STATUSES).exclude(pk=item.standard_id)
        .values_list("year", "pk")), default=None)

    def in_force(undated_reference: bool) -> int | None:
        return rules.in_force_after(item.kind, changed_id=item.standard_id, replacing_id=replacing_id,
                                    newest_remaining_id=newest_live.id if newest_live else None,
                                    undated=undated_reference)

    change = Change.objects.create(
        event_id=item.event_id, standard_id=item.standard_id, identifier=item.identifier, edition=item.edition,
        undated=item.undated, kind=item.kind, effective_on=item.effective_on, amendment_number=item.amendment_number,
        partly_by_id=item.partly_by_id,
        in_force_id=in_force(False), series_in_force_id=in_force(True), undated_affected=undated,
        detected_at=clock.now())
    events.change_detected(change, actor=actor)
    from ..tasks import propagate_change_task

    enqueue_with_transaction(propagate_change_task, change.pk)
    return change
