"""Bulk declaration files sent by an enterprise through the import page or the API (docs/declarations-import.md).

1. `receive_import` (the upload): the policy (an enterprise's members import for it alone), then the file as a
   whole before a row is read: its size, its kind (XLSX or JSONL), and an XLSX's structure (no macros; the zip's
   entries, unpacked size and compression ratio: a zip bomb is refused here). A refusal writes nothing.
   A small file (up to INLINE_BYTES) is then read and imported while the person waits; a larger one is kept in
   private storage with a queued job and imported by a task (tasks.py), its page showing the progress.
   The same file sent again while its job is unfinished returns that job (queued again if it stalled).
2. `process_import` (the task): reads the kept file within the upload limits and imports it for the enterprise,
   as the person who sent it, under the policy as it is now. A rerun resumes after the committed batches.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import PayloadTooLarge, PermissionDeniedError, ValidationFailed
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.core.safe_read import ReadLimits, ReadRefused, inspect_zip
from biaozhun.core.upload_limits import MB, Profile, megabytes, read_limits, refusal_message
from biaozhun.core.uploads import FileRejected, check_office

from ..bulk_format import FormatError, Record, file_format, read_records
from ..models import DeclarationImport
from .bulk import import_declarations

INLINE_BYTES = 1 * MB  # imported while the person waits (about 5,000 rows of JSONL); larger files by a task
MAX_ROWS = 200_000  # rows of one file (blank XLSX rows not counted)
STALE = timedelta(minutes=10)  # an unfinished job without progress this long is queued again when sent again
UNFINISHED = (DeclarationImport.State.QUEUED, DeclarationImport.State.RUNNING)
FIELD = "file"


@dataclass(frozen=True)
class Upload:
    """A file as received: its name and a seekable binary stream (an UploadedFile, an open file)."""

    name: str
    stream: IO[bytes]


def max_bytes() -> int:
    return settings.BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES


def upload_limits(*, seconds: float | None) -> ReadLimits:
    """What is read of an uploaded file: its size, MAX_ROWS rows (twice as many XLSX rows, blank ones included),
    40 cells a row, the upload profile's zip limits, `seconds` of reading."""
    return read_limits(Profile.UPLOAD, max_bytes=max_bytes(), max_rows=2 * MAX_ROWS + 1, max_cells=40 * MAX_ROWS,
                       max_seconds=seconds)


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed(message, [{"line": 0, "field": FIELD, "message": message}])


def _size(stream: IO[bytes]) -> int:
    size = stream.seek(0, 2)
    stream.seek(0)
    return size


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    while block := stream.read(MB):
        digest.update(block)
    stream.seek(0)
    return digest.hexdigest()


def check_file(upload: Upload) -> str:
    """The file's format ("xlsx" or "jsonl") once the file as a whole may be read; PayloadTooLarge or
    ValidationFailed (field "file", saying what to do) otherwise."""
    stream, size = upload.stream, _size(upload.stream)
    if size > max_bytes():
        message = _("文件不能超过 %(max)s MB。请分成几个文件后分别导入。") % {"max": megabytes(max_bytes())}
        raise PayloadTooLarge(message, [{"line": 0, "field": FIELD, "message": message}])
    if size == 0:
        raise _refused(_("文件是空的。请选择填好的 XLSX 模板或 JSONL 文件。"))
    try:
        kind = file_format(upload.name, stream.read(8))
    except FormatError as exc:
        raise _refused(str(exc)) from None
    finally:
        stream.seek(0)
    if kind == "xlsx":
        try:
            check_office(stream, label=_("上传的文件"))
            inspect_zip(stream, upload_limits(seconds=30.0))
        except FileRejected as exc:
            raise _refused(exc.message) from None
        except ReadRefused as exc:
            raise _refused(refusal_message(exc)) from None
        finally:
            stream.seek(0)
    return kind


def _records(stream: IO[bytes], name: str, *, seconds: float | None) -> list[Record]:
    """The file's rows; ValidationFailed (field "file") when it cannot be read or holds none."""
    try:
        records, _kind = read_records(stream, name, upload_limits(seconds=seconds), max_rows=MAX_ROWS)
    except ReadRefused as exc:
        raise _refused(refusal_message(exc)) from None
    except FormatError as exc:
        raise _refused(str(exc)) from None
    if not records:
        raise _refused(_("文件中没有声明行。请在模板的“声明”工作表中从第 2 行起每行填写一个产品和它执行的标准。"))
    return records


def receive_import(*, actor: Any, enterprise: Organisation, upload: Upload,
                   skip_invalid: bool = False) -> DeclarationImport:
    """Check the file, then import it now (small) or queue it (see the module's text)."""
    policy.require(actor, "declarations.import", enterprise)
    kind = check_file(upload)
    sha256 = _sha256(upload.stream)
    same = _unfinished(enterprise, sha256, skip_invalid)
    if same is not None:
        return same
    if _size(upload.stream) <= INLINE_BYTES:
        records = _records(upload.stream, upload.name, seconds=read_limits(Profile.UPLOAD).max_seconds)
        return import_declarations(actor=actor, records=records, source_name=upload.name, sha256=sha256,
                                   file_format=kind, enterprise=enterprise, skip_invalid=skip_invalid)
    return _queue_new(actor=actor, enterprise=enterprise, upload=upload, kind=kind, sha256=sha256,
                      skip_invalid=skip_invalid)


@transaction.atomic
def _unfinished(enterprise: Organisation, sha256: str, skip_invalid: bool) -> DeclarationImport | None:
    job = (DeclarationImport.objects.select_for_update()
           .filter(enterprise=enterprise, sha256=sha256, skip_invalid=skip_invalid, state__in=UNFINISHED)
           .order_by("-id").first())
    if job is not None and job.upload and job.updated_at <= clock.now() - STALE:
        job.updated_at = clock.now()
        job.save(update_fields=["updated_at"])
        _queue(job)
    return job


@transaction.atomic
def _queue_new(*, actor: Any, enterprise: Organisation, upload: Upload, kind: str, sha256: str,
               skip_invalid: bool) -> DeclarationImport:
    now = clock.now()
    job = DeclarationImport(enterprise=enterprise, source_name=upload.name[:500], sha256=sha256, file_format=kind,
                            skip_invalid=skip_invalid, state=DeclarationImport.State.QUEUED, started_by=actor,
                            started_at=now, updated_at=now)
    upload.stream.seek(0)
    job.upload.save(f"upload.{kind}", File(upload.stream), save=False)
    job.save()
    _queue(job)
    return job


def _queue(job: DeclarationImport) -> None:
    from ..tasks import process_declaration_import

    enqueue_with_transaction(process_declaration_import, job.pk)


def process_import(*, actor: Any, job_id: int) -> DeclarationImport:
    """Import a queued file (the task's work; `actor` is the platform). The rows are declared by the person who
    sent the file, under the policy as it is now; a file that can no longer be read or imported ends rejected,
    saying why."""
    job = DeclarationImport.objects.select_related("enterprise", "started_by").get(pk=job_id)
    policy.require(actor, "declarations.import", job.enterprise)
    if job.is_finished or not job.upload:
        return job
    try:
        with job.upload.open("rb") as stream:
            records = _records(stream, job.source_name, seconds=300.0)
        return import_declarations(actor=job.started_by, records=records, source_name=job.source_name,
                                   sha256=job.sha256, file_format=job.file_format, enterprise=job.enterprise,
                                   skip_invalid=job.skip_invalid, job=job)
    except ValidationFailed as exc:
        return _reject(job, exc.errors)
    except PermissionDeniedError as exc:
        return _reject(job, [{"line": 0, "field": FIELD, "message": exc.message}])


def _reject(job: DeclarationImport, errors: list[dict[str, Any]]) -> DeclarationImport:
    now = clock.now()
    job.state, job.errors, job.finished_at, job.updated_at = DeclarationImport.State.REJECTED, errors, now, now
    job.save(update_fields=["state", "errors", "finished_at", "updated_at"])
    return job
