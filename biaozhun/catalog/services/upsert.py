"""Create or update a batch of editions from cleaned records: the one write path for imports and forms.

Within the caller's transaction: upsert the rows by canonical number, reconcile their relations and amendment
sheets, link relations that were waiting for these numbers, recompute every status the batch can affect, and
record one event per change. Re-running the same records changes nothing and records nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db import connection
from django.db.models import DateField, JSONField

from biaozhun.catalog.models import Amendment, RelationKind, Standard, StandardRelation
from biaozhun.catalog.records import StandardRecord, edition_key, encode_sort_key
from biaozhun.core import clock
from biaozhun.core.bulk import insert_rows, select_in, update_rows

from . import events
from .locking import lock_catalogue
from .status import STATUS_FIELDS, derived_values, refresh_statuses

COMPARED_FIELDS = [
    "identifier", "title_zh", "title_en", "scope", "ccs_id", "ics_id", "ics_codes", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "language_versions", "published_on", "implemented_on", "abolished_on",
    "confirmed_on", "drafting_units", "drafters", "plan_number", "industry_classes", "remarks",
]


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: dict[str, int] = field(default_factory=dict)  # edition → id


# Columns of a new row that `prepare` computes (version and timestamps are added when inserting).
MODEL_COLUMNS = (
    "identifier", "edition", "undated", "series", "sort_key", "tier", "nature", "prefix", "industry_code",
    "region_code", "org_code", "number", "part", "year", "title_zh", "title_en", "scope", "ccs_id", "ics_id",
    "ics_codes", "issued_by", "competent_department", "responsible_unit", "tc_code", "language_versions",
    "published_on", "implemented_on", "abolished_on", "confirmed_on", "drafting_units", "drafters",
    "plan_number", "industry_classes", "remarks",
)
PREPARED_COLUMNS = (*MODEL_COLUMNS, *STATUS_FIELDS)
INSERT_COLUMNS = (*PREPARED_COLUMNS, "version", "created_at", "updated_at")
_COMPARED = [(name, MODEL_COLUMNS.index(name)) for name in COMPARED_FIELDS]
_DATES = {"published_on", "implemented_on", "abolished_on"}
_EDITION, _UNDATED, _YEAR = (PREPARED_COLUMNS.index(name) for name in ("edition", "undated", "year"))
_STATUS = PREPARED_COLUMNS.index("status")


class Prepared(NamedTuple):
    """A cleaned record as plain values, cheap to pickle (the import prepares them in a reader process).

    `values` holds PREPARED_COLUMNS, the row of a new edition with the status its own dates give, in wire form:
    dates as ISO text and JSON fields as JSON text, which is what SQLite stores (see `_python`).
    """

    values: tuple
    relations: tuple[tuple[str, str, str, bool, str], ...]  # (kind, target, key, partial, degree)
    amendments: tuple[tuple[int, date | None, date | None, str], ...]  # (number, published, implemented, summary)
    written: tuple[tuple[str, object], ...] = ()  # (field, what the file said) where the spelling was normalised


_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(value: list) -> str:
    return _encode_json(value) if value else "[]"


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def prepare(record: StandardRecord, today: date) -> Prepared:
    """Pure (no database): safe to run in a worker process."""
    ident = record.ident
    canonical = ident.canonical
    derived = derived_values(
        published_on=record.published_on, implemented_on=record.implemented_on,
        abolished_on=record.abolished_on, replacements=[], today=today,
    )
    ics = record.ics
    values = (
        canonical, edition_key(ident) if ident.adopted is not None else canonical, ident.undated, ident.series,
        encode_sort_key(ident), str(ident.tier), str(ident.nature) if ident.nature else "", ident.prefix,
        ident.industry_code or "", ident.region_code or "", ident.org_code or "", ident.number, ident.part or "",
        ident.year, record.title_zh, record.title_en, record.scope, record.ccs, ics[0] if ics else None, _json(ics),
        _json(record.issued_by), record.competent_department, record.responsible_unit, record.tc_code,
        _json(record.language_versions), _iso(record.published_on), _iso(record.implemented_on),
        _iso(record.abolished_on), _iso(record.confirmed_on), _json(record.drafting_units), _json(record.drafters),
        record.plan_number, _json(record.industry_classes), record.remarks,
        derived["status"], derived["status_reason"], _iso(derived["status_since"]), derived["status_by"],
        _iso(derived["next_status_change"]),
    )
    return Prepared(
        values,
        tuple((r.kind, r.target, r.key, r.partial, r.degree) for r in record.relations),
        tuple((a.number, a.published_on, a.implemented_on, a.summary) for a in record.amendments),
        tuple(record.written.items()),
    )


_JSON_COLUMNS = {n for n in PREPARED_COLUMNS if isinstance(Standard._meta.get_field(n.removesuffix("_id")), JSONField)}
_DATE_COLUMNS = {n for n in PREPARED_COLUMNS if isinstance(Standard._meta.get_field(n.removesuffix("_id")), DateField)}
_CONVERTERS = [
    (index, json.loads if name in _JSON_COLUMNS else date.fromisoformat)
    for index, name in enumerate(PREPARED_COLUMNS) if name in _JSON_COLUMNS | _DATE_COLUMNS
]


def _python(values: tuple) -> list:
    """Wire form → the Python values the model holds."""
    row = list(values)
    for index, convert in _CONVERTERS:
        if row[index] is not None:
            row[index] = convert(row[index])
    return row


def upsert_records(records: list[StandardRecord], *, actor, today: date, source: str) -> UpsertResult:
    """Callers hold a transaction (`transaction.atomic`) and have checked permission."""
    return upsert_prepared([prepare(record, today) for record in records], actor=actor, today=today, source=source)


def upsert_prepared(records: list[Prepared], *, actor, today: date, source: str) -> UpsertResult:
    """`upsert_records` for records already prepared (e.g. by the import's reader process)."""
    lock_catalogue()  # before reading what exists: a concurrent writer's editions are seen, not inserted twice
    result = UpsertResult()
    now = clock.now()
    by_edition = {record.values[_EDITION]: record for record in records}
    existing_ids = [row[0] for row in select_in(Standard, "edition", by_edition, ["id"])]
    existing = {
        s.edition: s for s in Standard.objects.select_for_update().filter(pk__in=existing_ids)
    } if existing_ids else {}
    new_values: list[tuple] = []
    changed_rows: list[Standard] = []
    changed_fields: set[str] = set()
    pending_events = []
    dates_changed: set[int] = set()

    for edition, record in by_edition.items():
        standard = existing.get(edition)
        if standard is None:
            new_values.append(record.values)
            continue
        values = _python(record.values)
        before = {
            name: getattr(standard, name) for name, index in _COMPARED if getattr(standard, name) != values[index]
        }
        if not before:
            result.unchanged += 1
            continue
        for name in before:
            setattr(standard, name, values[MODEL_COLUMNS.index(name)])
        if _DATES & before.keys():
            dates_changed.add(standard.pk)
        standard.version += 1
        standard.updated_at = now
        changed_rows.append(standard)
        changed_fields.update(before)
        pending_events.append(events.updated(standard.pk, actor=actor, before=_jsonable(before), source=source,
                                             written=dict(record.written)))

    new_rows = _insert_new(new_values, now)
    if changed_rows:
        Standard.objects.bulk_update(changed_rows, [*changed_fields, "version", "updated_at"], batch_size=500)
    result.created, result.updated = len(new_rows), len(changed_rows)
    pending_events += [
        events.created(row.pk, actor=actor, status=row.status, source=source, at=now,
                       written=dict(by_edition[row.edition].written))
        for row in new_rows
    ]

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


def _insert_new(new_values: list[tuple], now) -> list[NewRow]:
    if not new_values:
        return []
    first_id = _next_ids(len(new_values))
    if connection.vendor == "sqlite":  # the wire form is what SQLite stores
        rows, adapted = new_values, PREPARED_COLUMNS
    else:
        rows, adapted = [_python(v) for v in new_values], ()
    if first_id is None:
        insert_rows(Standard, INSERT_COLUMNS, [(*v, 1, now, now) for v in rows], adapted=adapted)
        pks = dict(select_in(Standard, "edition", [v[_EDITION] for v in new_values], ["edition", "id"]))
    else:  # ids assigned here: no query to learn them
        pks = {v[_EDITION]: first_id + n for n, v in enumerate(new_values)}
        insert_rows(
            Standard, ("id", *INSERT_COLUMNS), [(first_id + n, *v, 1, now, now) for n, v in enumerate(rows)],
            adapted=adapted,
        )
    return [NewRow(pks[v[_EDITION]], v[_EDITION], v[_UNDATED], v[_YEAR], v[_STATUS]) for v in new_values]


def _next_ids(count: int) -> int | None:
    """First of `count` free ids on SQLite inside a transaction (which holds the write lock: IMMEDIATE mode);
    None elsewhere. AUTOINCREMENT never reuses an id, so start above both the largest row and the sequence."""
    if connection.vendor != "sqlite" or not connection.in_atomic_block:
        return None
    table = Standard._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT MAX(COALESCE((SELECT MAX(id) FROM "{table}"), 0), '  # noqa: S608 (model metadata)
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        return cursor.fetchone()[0] + 1


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
    wanted: dict[int, dict[tuple[str, str], tuple]] = {
        ids[edition]: {(r[0], r[1]): r for r in record.relations}
        for edition, record in by_edition.items()
    }
    have: dict[int, dict[tuple[str, str], StandardRelation]] = defaultdict(dict)
    old_ids = [pk for pk in wanted if pk not in new_ids]
    if old_ids:
        for rel in StandardRelation.objects.filter(source_id__in=old_ids):
            have[rel.source_id][(rel.kind, rel.target_identifier)] = rel

    all_keys = {rel[2] for rels in wanted.values() for rel in rels.values()}
    target_ids = _lookup_targets(all_keys) if all_keys else {}
    to_create: list[tuple] = []
    to_update, to_delete = [], []
    affected: set[int] = set()
    for source_id, rels in wanted.items():
        current = have.get(source_id, {})
        for key, (kind, target, target_key, partial, degree) in rels.items():
            stored = current.get(key)
            if stored is None:
                to_create.append((source_id, kind, target, target_key, target_ids.get(target_key), partial, degree))
                if source_id not in new_ids:
                    pending_events.append(events.relation_added(source_id, actor=actor, kind=kind, target=target))
            elif (stored.partial, stored.degree) != (partial, degree):
                stored.partial, stored.degree = partial, degree
                to_update.append(stored)
            else:
                continue
            if kind == RelationKind.REPLACES and target_ids.get(target_key):
                affected.add(target_ids[target_key])
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
    wanted: dict[int, dict[int, tuple]] = {
        ids[edition]: {a[0]: a for a in record.amendments}
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
        for number, (_number, published_on, implemented_on, summary) in amendments.items():
            stored = have[standard_id].get(number)
            values = {"published_on": published_on, "implemented_on": implemented_on, "summary": summary}
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
