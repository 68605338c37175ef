"""Recompute derived statuses (biaozhun.rules.status) and store them with a status_changed event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
from biaozhun.core.bulk import update_rows
from biaozhun.rules.status import Replacement, derive_status, next_change_on

from .. import signals
from . import events
from .locking import lock_catalogue

STATUS_FIELDS = ["status", "status_reason", "status_since", "status_by", "next_status_change"]
CHUNK = 2000


def replacements_of(standard_ids: Iterable[int]) -> dict[int, list[Replacement]]:
    """Whole or partial replacements of each standard by resolved, newer editions."""
    found: dict[int, list[Replacement]] = defaultdict(list)
    rows = StandardRelation.objects.filter(
        kind=RelationKind.REPLACES, target_id__in=list(standard_ids)
    ).values_list("target_id", "source__identifier", "source__implemented_on", "partial")
    for target_id, identifier, implemented_on, partial in rows:
        found[target_id].append(Replacement(identifier, implemented_on, partial))
    return found


def derived_values(
    *, published_on: date | None, implemented_on: date | None, abolished_on: date | None,
    replacements: list[Replacement], today: date,
) -> dict:
    """The stored status columns (STATUS_FIELDS) for these dates and replacements."""
    derivation = derive_status(
        today=today, published_on=published_on, implemented_on=implemented_on, abolished_on=abolished_on,
        replaced_by=replacements,
    )
    return {
        "status": str(derivation.status),
        "status_reason": derivation.reason,
        "status_since": derivation.since,
        "status_by": derivation.by or "",
        "next_status_change": next_change_on(
            today=today, implemented_on=implemented_on, abolished_on=abolished_on, replaced_by=replacements,
        ),
    }


def apply_derivation(standard: Standard, replacements: list[Replacement], today: date) -> bool:
    """Set the derived fields on `standard` in memory; True if anything changed."""
    values = derived_values(
        published_on=standard.published_on, implemented_on=standard.implemented_on,
        abolished_on=standard.abolished_on, replacements=replacements, today=today,
    )
    changed = any(getattr(standard, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(standard, name, value)
    return changed


def refresh_statuses(standard_ids: Iterable[int], *, actor, today: date) -> int:
    """Recompute the given standards; store and record those whose status changed. Returns how many changed."""
    ids = sorted(set(standard_ids))
    changed_count = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        changed_count += _refresh_chunk(chunk, actor=actor, today=today)
    return changed_count


@transaction.atomic
def _refresh_chunk(chunk: list[int], *, actor, today: date) -> int:
    """One chunk: the statuses and their events commit together, computed after the catalogue lock from what
    other writers have committed (the daily sweep runs beside imports)."""
    lock_catalogue()
    standards = list(
        Standard.objects.filter(pk__in=chunk)
        .only("pk", "published_on", "implemented_on", "abolished_on", *STATUS_FIELDS)
    )
    replacements = replacements_of(chunk)
    to_save, to_record, changes = [], [], {}
    for standard in standards:
        before = standard.status
        if apply_derivation(standard, replacements.get(standard.pk, []), today):
            to_save.append(standard)
            if standard.status != before:
                changes[standard.pk] = standard.status
                to_record.append(events.status_changed(
                    standard.pk, actor=actor, from_status=before, to_status=standard.status,
                    reason=standard.status_reason,
                ))
    update_rows(Standard, STATUS_FIELDS, [[*(getattr(s, f) for f in STATUS_FIELDS), s.pk] for s in to_save])
    events.record(to_record)
    if changes:
        signals.statuses_changed.send(sender=Standard, changes=changes)
    return len(to_record)


def refresh_due_statuses(*, actor, today: date) -> int:
    """The daily sweep: every standard whose status may change on or before `today`."""
    due = Standard.objects.filter(next_status_change__lte=today).values_list("pk", flat=True)
    return refresh_statuses(list(due), actor=actor, today=today)
