"""Create or update a batch of editions from cleaned records: the one write path for imports and forms.

Within the caller's transaction: upsert the rows by canonical number, reconcile their relations and amendment
sheets, link relations that were waiting for these numbers, recompute every status the batch can affect, and
record one event per change. Re-running the same records changes nothing and records nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.utils import timezone

from biaozhun.catalog.models import Amendment, RelationKind, Standard, StandardRelation
from biaozhun.catalog.records import AmendmentRecord, RelationRecord, StandardRecord
from biaozhun.core.bulk import insert_rows, select_in, update_rows

from . import events
from .status import derived_values, refresh_statuses

COMPARED_FIELDS = [
    "identifier", "title_zh", "title_en", "scope", "ccs_id", "ics_id", "ics_codes", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "language_versions", "published_on", "implemented_on", "abolished_on",
    "confirmed_on",
]


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: dict[str, int] = field(default_factory=dict)  # edition → id


def upsert_records(records: list[StandardRecord], *, actor, today: date, source: str) -> UpsertResult:
    """Callers hold a transaction (`transaction.atomic`) and have checked permission."""
    result = UpsertResult()
    now = timezone.now()
    by_edition = {record.edition: record for record in records}
    existing_ids = [row[0] for row in select_in(Standard, "edition", by_edition, ["id"])]
    existing = {
        s.edition: s for s in Standard.objects.select_for_update().filter(pk__in=existing_ids)
    } if existing_ids else {}
    new_values: list[dict] = []
    changed_rows: list[Standard] = []
    changed_fields: set[str] = set()
    pending_events = []
    dates_changed: set[int] = set()

    for edition, record in by_edition.items():
        values = record.model_fields()
        standard = existing.get(edition)
        if standard is None:
            values.update(derived_values(
                published_on=record.published_on, implemented_on=record.implemented_on,
                abolished_on=record.abolished_on, replacements=[], today=today,
            ))
            values.update(version=1, created_at=now, updated_at=now)
            new_values.append(values)
            continue
        before = {name: getattr(standard, name) for name in COMPARED_FIELDS if getattr(standard, name) != values[name]}
        if not before:
            result.unchanged += 1
            continue
        for name in before:
            setattr(standard, name, values[name])
        if {"implemented_on", "abolished_on", "published_on"} & before.keys():
            dates_changed.add(standard.pk)
        standard.version += 1
        standard.updated_at = now
        changed_rows.append(standard)
        changed_fields.update(before)
        pending_events.append(events.updated(standard.pk, actor=actor, before=_jsonable(before), source=source))

    new_rows = _insert_new(new_values)
    if changed_rows:
        Standard.objects.bulk_update(changed_rows, [*changed_fields, "version", "updated_at"], batch_size=500)
    result.created, result.updated = len(new_rows), len(changed_rows)
    pending_events += [events.created(row.pk, actor=actor, status=row.status, source=source) for row in new_rows]

    ids = {edition: s.pk for edition, s in existing.items()}
    ids.update({row.edition: row.pk for row in new_rows})
    result.ids = ids
    new_ids = {row.pk for row in new_rows}

    # New editions already carry the status their own dates give; recompute only what relations can move.
    affected = set(dates_changed)
    affected |= _reconcile_relations(by_edition, ids, new_ids, actor, pending_events)
    affected |= _resolve_waiting(new_rows, actor, pending_events)
    affected |= _replaced_by(dates_changed)
    _reconcile_amendments(by_edition, ids, new_ids, actor, pending_events)

    events.record(pending_events)
    refresh_statuses(affected, actor=actor, today=today)
    return result


class NewRow(NamedTuple):
    pk: int
    edition: str
    undated: str
    year: int | None
    status: str


def _insert_new(new_values: list[dict]) -> list[NewRow]:
    if not new_values:
        return []
    columns = list(new_values[0])
    insert_rows(Standard, columns, [tuple(v[c] for c in columns) for v in new_values])
    pks = dict(select_in(Standard, "edition", [v["edition"] for v in new_values], ["edition", "id"]))
    return [NewRow(pks[v["edition"]], v["edition"], v["undated"], v["year"], v["status"]) for v in new_values]


def _jsonable(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def _lookup_targets(keys: set[str]) -> dict[str, int]:
    """Target key → id: an edition maps to itself, an undated number to its newest edition."""
    found = dict(select_in(Standard, "edition", keys, ["edition", "id"]))
    undated = [k for k in keys if k not in found]
    newest: dict[str, tuple[int, int]] = {}
    for number, year, pk in select_in(Standard, "undated", undated, ["undated", "year", "id"]):
        if number not in newest or (year or 0, pk) > newest[number]:
            newest[number] = (year or 0, pk)
    found.update({number: pk for number, (_year, pk) in newest.items()})
    return found


RELATION_COLUMNS = ("source_id", "kind", "target_identifier", "target_key", "target_id", "partial", "degree")


def _reconcile_relations(by_edition, ids, new_ids, actor, pending_events) -> set[int]:
    """Make each record's stored relations equal to its listed ones; return the standards whose status may move."""
    wanted: dict[int, dict[tuple[str, str], RelationRecord]] = {
        ids[edition]: {(r.kind, r.target): r for r in record.relations}
        for edition, record in by_edition.items()
    }
    have: dict[int, dict[tuple[str, str], StandardRelation]] = defaultdict(dict)
    old_ids = [pk for pk in wanted if pk not in new_ids]
    if old_ids:
        for rel in StandardRelation.objects.filter(source_id__in=old_ids):
            have[rel.source_id][(rel.kind, rel.target_identifier)] = rel

    all_keys = {rel.key for rels in wanted.values() for rel in rels.values()}
    target_ids = _lookup_targets(all_keys) if all_keys else {}
    to_create: list[tuple] = []
    to_update, to_delete = [], []
    affected: set[int] = set()
    for source_id, rels in wanted.items():
        current = have.get(source_id, {})
        for key, rel in rels.items():
            stored = current.get(key)
            if stored is None:
                to_create.append(
                    (source_id, rel.kind, rel.target, rel.key, target_ids.get(rel.key), rel.partial, rel.degree)
                )
                if source_id not in new_ids:
                    pending_events.append(events.relation_added(source_id, actor=actor, kind=rel.kind, target=rel.target))
            elif (stored.partial, stored.degree) != (rel.partial, rel.degree):
                stored.partial, stored.degree = rel.partial, rel.degree
                to_update.append(stored)
            else:
                continue
            if rel.kind == RelationKind.REPLACES and target_ids.get(rel.key):
                affected.add(target_ids[rel.key])
        for key, stored in current.items():
            if key not in rels:
                to_delete.append(stored.pk)
                pending_events.append(events.relation_removed(source_id, actor=actor, kind=key[0], target=key[1]))
                if stored.kind == RelationKind.REPLACES and stored.target_id:
                    affected.add(stored.target_id)
    insert_rows(StandardRelation, RELATION_COLUMNS, to_create)
    if to_update:
        StandardRelation.objects.bulk_update(to_update, ["partial", "degree"], batch_size=500)
    if to_delete:
        StandardRelation.objects.filter(pk__in=to_delete).delete()
    return affected


def _resolve_waiting(new_rows: list[NewRow], actor, pending_events) -> set[int]:
    """Link relations that named one of the new editions (dated) or its number (undated) before it existed."""
    if not new_rows:
        return set()
    dated = {s.edition: s for s in new_rows}
    undated: dict[str, NewRow] = {}
    for s in new_rows:
        if s.undated not in undated or (s.year or 0) > (undated[s.undated].year or 0):
            undated[s.undated] = s
    waiting = select_in(
        StandardRelation, "target_key", [*dated, *undated],
        ["id", "source_id", "kind", "target_identifier", "target_key", "target_id"],
    )
    linked_years = dict(select_in(Standard, "id", {row[5] for row in waiting if row[5]}, ["id", "year"]))
    to_update, affected = [], set()
    for pk, source_id, kind, target_identifier, key, target_id in waiting:
        new = dated.get(key) or undated.get(key)
        if new is None or target_id == new.pk:
            continue
        if target_id is not None and (linked_years.get(target_id) or 0) >= (new.year or 0):
            continue  # an undated reference already points at a newer edition
        to_update.append((new.pk, pk))
        pending_events.append(events.relation_resolved(
            source_id, actor=actor, kind=kind, target=target_identifier, target_id=new.pk,
        ))
        if kind == RelationKind.REPLACES:
            affected.add(new.pk)
    update_rows(StandardRelation, ["target_id"], to_update)
    return affected


def _replaced_by(standard_ids: set[int]) -> set[int]:
    """Editions replaced by these; their status follows the replacing edition's dates."""
    if not standard_ids:
        return set()
    return set(
        StandardRelation.objects.filter(
            kind=RelationKind.REPLACES, source_id__in=list(standard_ids), target__isnull=False
        ).values_list("target_id", flat=True)
    )


def _reconcile_amendments(by_edition, ids, new_ids, actor, pending_events) -> None:
    wanted: dict[int, dict[int, AmendmentRecord]] = {
        ids[edition]: {a.number: a for a in record.amendments}
        for edition, record in by_edition.items()
        if record.amendments or ids[edition] not in new_ids
    }
    have: dict[int, dict[int, Amendment]] = defaultdict(dict)
    old_ids = [pk for pk in wanted if pk not in new_ids]
    if old_ids:
        for amendment in Amendment.objects.filter(standard_id__in=old_ids):
            have[amendment.standard_id][amendment.number] = amendment
    to_create, to_update = [], []
    for standard_id, amendments in wanted.items():
        for number, a in amendments.items():
            stored = have[standard_id].get(number)
            values = {"published_on": a.published_on, "implemented_on": a.implemented_on, "summary": a.summary}
            if stored is None:
                to_create.append(Amendment(standard_id=standard_id, number=number, **values))
                pending_events.append(events.amendment_added(standard_id, actor=actor, number=number))
            elif any(getattr(stored, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(stored, k, v)
                to_update.append(stored)
    Amendment.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        Amendment.objects.bulk_update(to_update, ["published_on", "implemented_on", "summary"], batch_size=500)
