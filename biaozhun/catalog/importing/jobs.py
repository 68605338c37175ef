"""Run an import: validate every record, then write batches that each commit with the job's progress.

Validation pass: every record is cleaned and every problem collected (line, field, message). The same edition
more than once in the file is one record when the records are identical, one merged record when they differ only
where the other is empty, and a problem naming both lines when they conflict (importing/duplicates.py).
By default any problem rejects the file and nothing is written. With `skip_invalid` the refused records are left
out and written, with their reasons, to a rejects file in the input's format; the rest is imported.
Write pass: batches of `batch_size` records, each in one transaction together with the job's counter, so a
crash or kill -9 leaves the catalogue and the counter consistent. Rerunning the same file (same SHA-256)
resumes after the last committed batch; rerunning a finished file updates nothing and duplicates nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import ImportJob
from biaozhun.catalog.records import RecordCleaner
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.catalog.services.upsert import Prepared, upsert_prepared
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed

from . import parallel
from .duplicates import content_hash
from .readers import LAYOUTS, check_file, detect_format, read_records
from .rejects import write_rejects
from .validation import MAX_STORED_ERRORS, Collector, Plan

Progress = Callable[[str, int], None]  # (phase, records done so far)


class ImportRejected(ValidationFailed):
    code = "import_rejected"

    def __init__(self, job: ImportJob, errors: list[dict], total_errors: int) -> None:
        super().__init__(_("发现 %(count)s 处问题，未导入任何记录。请逐条改正后重新导入。") % {"count": total_errors}, errors)
        self.job = job
        self.total_errors = total_errors


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _noop(phase: str, done: int) -> None:
    pass


def validate_file(path: Path, fmt: str, cleaner: RecordCleaner, progress: Progress = _noop, *,
                  keep_all: bool = False) -> Plan:
    """Validate every record; `keep_all` keeps every refused record's problems (for a rejects file)."""
    collector = Collector(keep_all=keep_all)
    workers = parallel.workers_for(path) if parallel.validates_in_chunks(fmt) else 0
    if workers:
        return parallel.validate_jsonl(path, cleaner, workers, progress, collector, fmt)
    plan = collector.plan
    layout = LAYOUTS.get(fmt)
    for order, (line, raw) in enumerate(read_records(path, fmt)):
        plan.count += 1
        problems, record = parallel.check_record(raw, line, cleaner)
        if layout is not None and problems:
            problems = layout.rename(problems)
        if record is None:
            collector.refused(line, order, problems)
        else:
            collector.valid(line, order, hash(record.edition), content_hash(record))
        if plan.count % 10000 == 0:
            progress("validate", plan.count)
    progress("validate", plan.count)
    return collector.finish(path, fmt, cleaner)


def rejects_path(path: Path, fmt: str) -> Path:
    """Where the command writes the rejects of `path` by default: beside it, `name.rejects.<format>` (a layout's
    rejects keep the extension of its file format)."""
    return path.with_name(f"{path.stem}.rejects.{LAYOUTS[fmt].base if fmt in LAYOUTS else fmt}")


def run_import(
    path: Path, *, actor, fmt: str | None = None, batch_size: int = 2000, progress: Progress = _noop,
    today: date | None = None, source: str = "import", skip_invalid: bool = False, rejects_to: Path | None = None,
) -> ImportJob:
    """Import `path`; resumes an unfinished job for the same file. Raises ImportRejected on invalid input unless
    `skip_invalid`, which imports the valid records and writes the refused ones to `rejects_to` (default:
    rejects_path). `actor`: the user the changes are recorded under, or SYSTEM (an operator's command without --user)."""
    policy.require(actor, "catalog.import")
    path = Path(path)
    fmt = detect_format(path, fmt)
    check_file(path, fmt)
    today = today or clock.today()
    cleaner = record_cleaner()
    digest = file_sha256(path)
    job = ImportJob.objects.filter(sha256=digest, state=ImportJob.State.RUNNING).order_by("-started_at").first()
    if job is None:
        job = ImportJob.objects.create(
            source_name=path.name, sha256=digest, file_format=fmt, skip_invalid=skip_invalid,
            started_by=actor if getattr(actor, "pk", None) else None,
        )
    skip_invalid = skip_invalid or job.skip_invalid  # a resumed job keeps the choice it was started with
    plan = Plan()
    # Validate unless this is a resumed job whose first validation found nothing to leave out.
    if job.total_records == 0 or job.rejected_records or job.folded_records:
        plan = validate_file(path, fmt, cleaner, progress, keep_all=skip_invalid)
        if plan.total_errors and not skip_invalid:
            job.state, job.errors, job.finished_at = ImportJob.State.REJECTED, plan.errors(), clock.now()
            job.total_records = plan.count
            job.save(update_fields=["state", "errors", "finished_at", "total_records"])
            raise ImportRejected(job, job.errors, plan.total_errors)
        if plan.problems:
            target = Path(rejects_to) if rejects_to else rejects_path(path, fmt)
            write_rejects(path, fmt, plan.problems, target)
        job.total_records, job.errors = plan.count, plan.errors(MAX_STORED_ERRORS)
        job.rejected_records, job.folded_records = plan.refused, len(plan.folded)
        job.save(update_fields=["total_records", "errors", "rejected_records", "folded_records"])

    batches = parallel.prepared_batches_in_reader if parallel.workers_for(path) else parallel.prepared_batches
    with _sqlite_import_settings():
        for batch in batches(path, fmt, job.committed_records, batch_size, cleaner, today, plan):
            _commit(job, batch, actor, today, source)
            progress("write", job.committed_records)
    job.state, job.finished_at = ImportJob.State.DONE, clock.now()
    job.save(update_fields=["state", "finished_at"])
    return job


# For the write pass on SQLite: a page cache that holds more of the catalogue's indexes (random keys: every batch
# touches pages all over them), and checkpoints every 256 MB of WAL instead of every 4 MB, so a page rewritten by
# many batches is copied back once. Neither weakens durability: journal_mode=WAL and synchronous stay as set.
SQLITE_IMPORT_PRAGMAS = {"cache_size": -524288, "wal_autocheckpoint": 65536}


@contextmanager
def _sqlite_import_settings():
    """Apply SQLITE_IMPORT_PRAGMAS to this connection for the write pass, then restore them and checkpoint."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        saved = {}
        for name, value in SQLITE_IMPORT_PRAGMAS.items():
            cursor.execute(f"PRAGMA {name}")
            saved[name] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in saved.items():
                cursor.execute(f"PRAGMA {name} = {int(value)}")
            with suppress(OperationalError):  # best effort: fold the large WAL back
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _commit(job: ImportJob, batch: list[Prepared], actor, today: date, source: str) -> None:
    with transaction.atomic():
        result = upsert_prepared(batch, actor=actor, today=today, source=source)
        job.committed_records += len(batch)
        job.created += result.created
        job.updated += result.updated
        job.unchanged += result.unchanged
        job.save(update_fields=["committed_records", "created", "updated", "unchanged"])
