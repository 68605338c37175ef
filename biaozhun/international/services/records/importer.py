"""Import ISO's and IEC's records: the catalogue's import (validation, rejects, resumable batches, events) over
these layouts, then each edition's ISO/IEC fields (InternationalRecord), compared and written with their events.

Idempotent: importing the same file again changes nothing and records nothing. A changed title, date or status
is the catalogue's own `updated` / `status_changed` event; a changed stage, edition, French title, languages,
pages or type is an `updated` event of the edition with those fields' previous values under "international.".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.catalog.importing import rejects_path, run_import
from biaozhun.catalog.importing.jobs import Progress
from biaozhun.catalog.models import ImportJob, Standard
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.catalog.services import events
from biaozhun.catalog.services.locking import lock_catalogue
from biaozhun.core import clock
from biaozhun.core.bulk import insert_rows, select_in
from biaozhun.international.models import InternationalRecord

from .convert import IEC_JSONL, ISO_CSV, ISO_JSONL, LAYOUT_NAMES, converted, prepare
from .layouts import Source

FIELDS = ("organisation", "source_id", "deliverable_type", "supplement_type", "edition", "stage", "languages",
          "pages", "title_fr", "replaces", "replaced_by")
BATCH = 2000


@dataclass(slots=True)
class RecordsResult:
    job: ImportJob
    projects: int  # lines left out: projects under development, not editions
    unresolved: int  # ISO ids in replaces/replacedBy found neither in the file nor in the catalogue
    records_created: int = 0
    records_updated: int = 0


def layout_for(path: Path, organisation: str, fmt: str | None = None) -> str:
    """"ISO" + a .csv file → iso-csv; "IEC" → iec-jsonl (IEC's layout is JSONL only)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if organisation.upper() == "IEC":
        if fmt not in ("jsonl", "json"):
            raise ValueError(f"{Path(path).name}: IEC records are read from JSONL only")
        return IEC_JSONL
    if fmt == "csv":
        return ISO_CSV
    if fmt in ("jsonl", "json"):
        return ISO_JSONL
    raise ValueError(f"{Path(path).name}: ISO records are read from .jsonl or .csv files (or say --format)")


def default_rejects(path: Path, layout: str) -> Path:
    return rejects_path(Path(path), layout)


def import_records(path: Path, *, actor, layout: str, skip_invalid: bool = False, rejects_to: Path | None = None,
                   batch_size: int = 2000, progress: Progress | None = None, today: date | None = None,
                   source: str = "import") -> RecordsResult:
    """Import one ISO or IEC file (`layout`: iso-jsonl, iso-csv, iec-jsonl). Raises ImportRejected as the
    catalogue's import does (nothing written) unless `skip_invalid`."""
    policy.require(actor, "catalog.import")
    if layout not in LAYOUT_NAMES:
        raise ValueError(f"unknown layout {layout!r}: {', '.join(LAYOUT_NAMES)}")
    path = Path(path)
    today = today or clock.today()
    context = prepare(path, layout, today=today, fresh=True)  # before the import forks its reader: no database there
    kwargs = {"progress": progress} if progress else {}
    job = run_import(path, actor=actor, fmt=layout, batch_size=batch_size, today=today, source=source,
                     skip_invalid=skip_invalid, rejects_to=rejects_to, **kwargs)
    result = RecordsResult(job, context.projects, context.unresolved)
    _write_records(path, layout, job, context.sources, actor=actor, source=source, result=result)
    return result


def _wanted(path: Path, layout: str, job: ImportJob, sources: dict[str, Source]) -> dict[str, Source]:
    """Edition key → its source record, for the lines the import kept (first line of an edition wins)."""
    if not job.rejected_records:
        return sources
    cleaner = record_cleaner()
    wanted: dict[str, Source] = {}
    for _line, item in converted(path, layout):
        if not isinstance(item, tuple):
            continue
        source, raw = item
        if source.key in wanted:
            continue
        if cleaner.clean(raw)[1]:
            continue  # refused by the import: its edition, if it exists, keeps what it had
        wanted[source.key] = source
    return wanted


def _values(source: Source) -> dict:
    return {
        "organisation": source.organisation, "source_id": source.source_id,
        "deliverable_type": source.deliverable_type, "supplement_type": source.supplement_type,
        "edition": source.edition, "stage": source.stage, "languages": source.languages, "pages": source.pages,
        "title_fr": source.title_fr, "replaces": list(source.replaces), "replaced_by": list(source.replaced_by),
    }


def _write_records(path: Path, layout: str, job: ImportJob, sources: dict[str, Source], *, actor, source: str,
                   result: RecordsResult) -> None:
    wanted = _wanted(path, layout, job, sources)
    keys = list(wanted)
    for start in range(0, len(keys), BATCH):
        chunk = keys[start:start + BATCH]
        with transaction.atomic():
            created, updated = _write_chunk({key: wanted[key] for key in chunk}, actor=actor, source=source)
        result.records_created += created
        result.records_updated += updated


def _write_chunk(sources: dict[str, Source], *, actor, source: str) -> tuple[int, int]:
    lock_catalogue()
    ids = dict(select_in(Standard, "edition", sources, ["edition", "id"]))
    existing = InternationalRecord.objects.in_bulk(list(ids.values()))
    to_create, to_update, pending = [], [], []
    now = clock.now()
    changed_fields: set[str] = set()
    for key, record_source in sources.items():
        standard_id = ids.get(key)
        if standard_id is None:
            continue
        values = _values(record_source)
        record = existing.get(standard_id)
        if record is None:
            to_create.append((standard_id, *(values[name] for name in FIELDS), now))
            continue
        before = {name: getattr(record, name) for name in FIELDS if getattr(record, name) != values[name]}
        if not before:
            continue
        for name in before:
            setattr(record, name, values[name])
        record.updated_at = now
        changed_fields.update(before)
        to_update.append(record)
        pending.append(events.updated(standard_id, actor=actor, source=source,
                                      before={f"international.{name}": value for name, value in before.items()}))
    insert_rows(InternationalRecord, ("standard_id", *FIELDS, "updated_at"), to_create)
    if to_update:
        InternationalRecord.objects.bulk_update(to_update, [*changed_fields, "updated_at"], batch_size=500)
    events.record(pending)
    return len(to_create), len(to_update)


__all__ = ["ISO_CSV", "ISO_JSONL", "IEC_JSONL", "RecordsResult", "default_rejects", "import_records", "layout_for"]
