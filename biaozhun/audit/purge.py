"""Retention: export the records older than BIAOZHUN_AUDIT_RETENTION_DAYS, then delete them.

The purge deletes a prefix of the chain: every record up to the first one still within retention (a record
that is older but comes after a newer one, such as history replayed with its past dates, waits for the next
purge). In one transaction, holding the chain lock:

1. the records are written to a new JSONL file, one object per record (its canonical content with its
   ``hash``), through a writer that fsyncs the file and its directory before anything is deleted;
2. an ``AuditPurge`` anchor is appended: the last purged ``seq`` and hash, the cut-off and the file's SM3;
3. the records are deleted with one DELETE, which the database allows only for rows up to the newest anchor's
   ``seq`` and older than the legal minimum (migration 0001 of this app);
4. the purge itself is recorded (``audit_log_purged``); it follows the anchor's hash, so audit_verify still
   walks an unbroken chain from the anchor.

If the transaction fails after the file was written, nothing is deleted and the file is an extra copy.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connection, transaction

from biaozhun.accounts import policy
from biaozhun.core import clock

from . import chain
from .models import AuditKind, AuditPurge, AuditRecord
from .records import locked_head, record

MINIMUM_RETENTION_DAYS = 183  # six months (GB/T 22239-2019 8.1.4.3: audit records kept at least 6 months)


class RetentionTooShort(ValueError):
    pass


def retention_days() -> int:
    days = int(settings.BIAOZHUN_AUDIT_RETENTION_DAYS)
    if days < MINIMUM_RETENTION_DAYS:
        raise RetentionTooShort(
            f"BIAOZHUN_AUDIT_RETENTION_DAYS is {days}: audit records must be kept at least "
            f"{MINIMUM_RETENTION_DAYS} days (six months); set it to {MINIMUM_RETENTION_DAYS} or more")
    return days


class SyncedWriter:
    """Write a new file (never overwriting one) and make it durable: fsync the file, then its directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def __enter__(self) -> SyncedWriter:
        self._file = open(self.path, "x", encoding="utf-8")  # noqa: SIM115 (closed in __exit__)
        return self

    def write_line(self, value: dict) -> None:
        assert self._file is not None
        self._file.write(json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n")

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._file is not None
        try:
            if exc_type is None:
                self._file.flush()
                os.fsync(self._file.fileno())
        finally:
            self._file.close()
        if exc_type is not None:
            self.path.unlink(missing_ok=True)
            return
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


@dataclass(frozen=True)
class PurgeResult:
    records: int
    through_seq: int | None
    cutoff: datetime
    file: Path | None


def _file_sm3(path: Path) -> str:
    return chain.sm3(path.read_bytes())


def purge_expired(*, actor, export_to: Path) -> PurgeResult:
    """Export and delete the records past retention (see the module docstring). ``export_to`` must not exist;
    with nothing to purge no file is written and nothing is recorded."""
    policy.require(actor, "audit.purge_log")
    cutoff = clock.now() - timedelta(days=retention_days())
    export_to = Path(export_to)
    with transaction.atomic():
        head = locked_head()
        first_kept = AuditRecord.objects.filter(at__gte=cutoff).order_by("seq").values_list("seq", flat=True).first()
        through = head.last_seq if first_kept is None else first_kept - 1
        expired = AuditRecord.objects.filter(seq__lte=through).order_by("seq")
        last = expired.last()
        if last is None:
            return PurgeResult(0, None, cutoff, None)
        count = 0
        with SyncedWriter(export_to) as writer:
            for entry in expired.iterator(chunk_size=2000):
                writer.write_line({**chain.content(entry), "hash": entry.hash})
                count += 1
        digest = _file_sm3(export_to)
        AuditPurge.objects.create(at=clock.now(), cutoff=cutoff, through_seq=last.seq, last_hash=last.hash,
                                  records=count, export_file=str(export_to.resolve()), export_sm3=digest)
        with connection.cursor() as cursor:  # the one DELETE the database's trigger allows (see docstring)
            cursor.execute("DELETE FROM audit_auditrecord WHERE seq <= %s", [last.seq])
        record(AuditKind.AUDIT_LOG_PURGED, actor=actor, data={
            "through_seq": last.seq, "records": count, "cutoff": cutoff, "anchor_hash": last.hash,
            "file": str(export_to.resolve()), "file_sm3": digest})
    return PurgeResult(count, last.seq, cutoff, export_to)
