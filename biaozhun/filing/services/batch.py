"""Batch filing (docs/filing-batch.md): an authority submits many filings at once, a data file (XLSX or JSONL) and
a ZIP of their texts.

1. `receive_batch` (the upload): the policy, the files' sizes, the ZIP's directory (zip bomb, paths, only PDFs)
   and an XLSX's structure are checked before anything is read or stored; a refusal writes nothing. The files go
   to private storage and a FilingBatch records them; the rest runs in a task (filing/tasks.py).
2. `process_batch`, check pass (services/batch_rows.py): every row is checked before any is filed. With any
   problem nothing is filed (state rejected) unless the submitter chose to file the valid rows only.
3. Filing pass: each row through `submit_filing` (its policy, checks and events), in its own transaction together
   with its FilingBatchRow, so a batch interrupted mid-way (a worker killed, a machine restarted) resumes where it
   stopped and never files a row twice. `resume_batch` (or uploading the same two files again) runs it again.
   Once every row is through, the reviewers get one email listing the rows that arrived for their review
   (filing/notify.py), not one per row.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, PayloadTooLarge, ValidationFailed
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.core.upload_limits import MB, megabytes

from ..models import FilingBatch, FilingBatchRow, FilingBatchState
from ..notify import notify_batch_arrivals
from ..steady import steady
from .batch_files import (
    FILE_LINE,
    check_data_file,
    check_zip,
    data_format,
    limits,
    member_name,
    problem,
    read_rows,
    read_text,
)
from .batch_rows import check_rows, filing_input, row_problems
from .submission import submit_filing

MAX_STORED_ERRORS = 1000
STALE = timedelta(minutes=10)  # a batch unfinished and without progress this long may be resumed
UNFINISHED = (FilingBatchState.QUEUED, FilingBatchState.CHECKING, FilingBatchState.FILING)


@dataclass(frozen=True)
class Upload:
    """A file as received: its name and a seekable binary stream (an UploadedFile, an open file)."""

    name: str
    stream: IO[bytes]


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


def _refuse(problems: list[dict]) -> None:
    if problems:
        raise ValidationFailed(_("批量备案未能接收，请按所列问题修改后重新提交。"), problems)


@transaction.atomic
def receive_batch(*, actor: Any, authority: Organisation, data: Upload, texts: Upload,
                  valid_only: bool = False) -> FilingBatch:
    """Check the two files as wholes, store them and queue the batch; the same two files of an unfinished batch of
    this authority resume that batch instead."""
    policy.require(actor, "filing.submit_batch", authority)
    batch_limits = limits()
    data_size, zip_size = _size(data.stream), _size(texts.stream)
    if data_size + zip_size > batch_limits.upload_bytes:
        message = _("数据文件和压缩包合计不能超过 %(max)s MB。请分成几批提交。") % {
            "max": megabytes(batch_limits.upload_bytes)}
        raise PayloadTooLarge(message, [problem(FILE_LINE, "texts", message)])
    fmt = data_format(data.name)
    if fmt is None:
        _refuse([problem(FILE_LINE, "data", _("数据文件应为 .xlsx 或 .jsonl 文件（格式见批量备案说明）"))])
    problems = check_data_file(data.stream, fmt, data.name, batch_limits)
    problems += check_zip(texts.stream, texts.name, batch_limits)[1]
    _refuse(problems)
    data_sha256, zip_sha256 = _sha256(data.stream), _sha256(texts.stream)
    same = (FilingBatch.objects.select_for_update()
            .filter(authority=authority, data_sha256=data_sha256, zip_sha256=zip_sha256, state__in=UNFINISHED)
            .order_by("-created_at").first())
    if same is not None:
        _queue_if_stale(same)
        return same
    now = clock.now()
    batch = FilingBatch(authority=authority, submitted_by=actor, data_name=data.name[:255], data_format=fmt,
                        data_sha256=data_sha256, zip_name=texts.name[:255], zip_sha256=zip_sha256, zip_size=zip_size,
                        valid_only=valid_only, state=FilingBatchState.QUEUED, created_at=now, updated_at=now)
    batch.data_file.save(f"data.{fmt}", File(data.stream), save=False)
    batch.zip_file.save("texts.zip", File(texts.stream), save=False)
    batch.save()
    _queue(batch)
    return batch


def _queue(batch: FilingBatch) -> None:
    from ..tasks import process_filing_batch

    enqueue_with_transaction(process_filing_batch, batch.pk)


def _queue_if_stale(batch: FilingBatch) -> bool:
    if batch.updated_at > clock.now() - STALE:
        return False
    FilingBatch.objects.filter(pk=batch.pk).update(updated_at=clock.now())
    _queue(batch)
    return True


@transaction.atomic
def resume_batch(*, actor: Any, batch: FilingBatch) -> FilingBatch:
    """Run an unfinished batch again after it stopped making progress (a worker stopped); rows filed already are
    never filed again."""
    batch = FilingBatch.objects.select_for_update().select_related("authority").get(pk=batch.pk)
    policy.require(actor, "filing.submit_batch", batch.authority)
    if batch.is_finished:
        raise InvalidTransition(_("这批备案已经处理完毕（%(state)s），无需继续。") % {"state": batch.get_state_display()},
                                current=batch.state, allowed=[])
    if not _queue_if_stale(batch):
        raise InvalidTransition(_("这批备案仍在处理中，请稍后刷新查看进度。"), current=batch.state, allowed=[])
    batch.refresh_from_db()
    return batch


# --- The task's work ---------------------------------------------------------------------------------------------

def process_batch(*, actor: Any, batch_id: int) -> FilingBatch:
    """Check every row, then file the rows not yet filed (each in its own transaction). `actor` runs the batch (the
    platform's task, SYSTEM); each filing is submitted by the batch's submitter, under the policy as they are now."""
    policy.require(actor, "filing.view_batch", FilingBatch.objects.select_related("authority").get(pk=batch_id))
    batch = _claim(batch_id)
    if batch is None:
        return FilingBatch.objects.get(pk=batch_id)
    with steady():  # the time limits, calendar and record cleaner, read once for the batch
        if batch.state == FilingBatchState.CHECKING:
            _check(batch)
        if batch.state == FilingBatchState.FILING:
            _file_rows(batch)
    return batch


@transaction.atomic
def _claim(batch_id: int) -> FilingBatch | None:
    batch = FilingBatch.objects.select_for_update().select_related("authority", "submitted_by").get(pk=batch_id)
    if batch.is_finished:
        return None
    if batch.state == FilingBatchState.QUEUED:
        _save(batch, state=FilingBatchState.CHECKING, started_at=clock.now())
    else:
        _save(batch)
    return batch


def _save(batch: FilingBatch, **changes: Any) -> None:
    """The one place a batch's state and counts are written."""
    for name, value in changes.items():
        setattr(batch, name, value)
    batch.updated_at = clock.now()
    batch.save(update_fields=[*changes, "updated_at"])


def _progress(batch: FilingBatch):
    def report(rows: int) -> None:
        FilingBatch.objects.filter(pk=batch.pk).update(checked=rows, updated_at=clock.now())

    return report


def _check(batch: FilingBatch) -> None:
    batch_limits = limits()
    with batch.zip_file.open("rb") as zip_stream, batch.data_file.open("rb") as data_stream:
        texts, problems = check_zip(zip_stream, batch.zip_name, batch_limits)
        if problems:  # checked when received: only a file changed in storage gets here
            _finish_rejected(batch, problems, rows=0, refused=0)
            return
        with zipfile.ZipFile(zip_stream) as archive:
            checked = check_rows(authority=batch.authority, rows=read_rows(data_stream, batch.data_format, batch_limits),
                                 texts=texts, archive=archive, progress=_progress(batch))
    if checked.fatal or not checked.accepted or (checked.errors and not batch.valid_only):
        if not checked.errors:
            checked.errors.append(problem(FILE_LINE, "data", _("数据文件中没有要备案的行")))
        _finish_rejected(batch, checked.errors, rows=checked.rows, refused=checked.refused)
        return
    with transaction.atomic():
        locked = FilingBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state != FilingBatchState.CHECKING:  # another run got here first
            batch.state = locked.state
            return
        FilingBatchRow.objects.bulk_create([
            FilingBatchRow(batch=batch, position=row.position, line=row.line, edition=row.edition,
                           identifier=row.identifier, text_file=row.text_file, data=row.data)
            for row in checked.accepted])
        _save(batch, state=FilingBatchState.FILING, rows=checked.rows, checked=checked.rows,
              refused=checked.refused, errors=checked.errors[:MAX_STORED_ERRORS], error_count=len(checked.errors))


@transaction.atomic
def _finish_rejected(batch: FilingBatch, errors: list[dict], *, rows: int, refused: int) -> None:
    _save(batch, state=FilingBatchState.REJECTED, rows=rows, checked=rows, refused=refused,
          errors=errors[:MAX_STORED_ERRORS], error_count=len(errors), finished_at=clock.now())
    _drop_texts(batch)


def _drop_texts(batch: FilingBatch) -> None:
    """The ZIP goes once the batch is finished (the texts now live with their filings); its name and hash stay."""
    if batch.zip_file.name:
        name, storage = batch.zip_file.name, batch.zip_file.storage
        transaction.on_commit(lambda: storage.delete(name))
        _save(batch, zip_file="")


def _file_rows(batch: FilingBatch) -> None:
    with batch.zip_file.open("rb") as zip_stream, zipfile.ZipFile(zip_stream) as archive:
        members = {member_name(info): info for info in archive.infolist()}
        waiting = batch.entries.filter(filing__isnull=True).order_by("position")
        for row in waiting.iterator(chunk_size=100):
            if not row.problems:
                _file_row(batch, row, archive, members)
    with transaction.atomic():
        locked = FilingBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state == FilingBatchState.FILING:
            batch.zip_file = locked.zip_file
            _save(batch, state=FilingBatchState.DONE, filed=locked.filed, refused=locked.refused,
                  finished_at=clock.now())
            _drop_texts(batch)
            if batch.filed and not clock.replaying():  # the reviewers' one summary, once this commits
                enqueue_with_transaction(notify_batch_arrivals, batch.pk)


def _file_row(batch: FilingBatch, row: FilingBatchRow, archive: zipfile.ZipFile, members: dict) -> None:
    info = members.get(row.text_file)
    content = read_text(archive, info) if info is not None else None
    with transaction.atomic():
        row = FilingBatchRow.objects.select_for_update().get(pk=row.pk)
        if row.filing_id or row.problems:  # filed (or refused) by an earlier run
            return
        problems: list[dict] = []
        data = filing_input(row.data, text=content, problems=problems)
        if content is None:
            problems.append({"field": "text_file", "message": _("“%(name)s”无法从压缩包中读出") % {"name": row.text_file}})
        if not problems:
            try:
                with transaction.atomic():
                    row.filing = submit_filing(actor=batch.submitted_by, authority=batch.authority, data=data,
                                               batch_id=batch.pk)
            except DomainError as exc:
                problems = _problems_of(exc)
        if problems:
            row.problems = problems
            row.save(update_fields=["problems"])
            FilingBatch.objects.filter(pk=batch.pk).update(refused=F("refused") + 1, updated_at=clock.now())
        else:
            row.save(update_fields=["filing"])
            FilingBatch.objects.filter(pk=batch.pk).update(filed=F("filed") + 1, updated_at=clock.now())


def _problems_of(exc: DomainError) -> list[dict]:
    errors = getattr(exc, "errors", None)
    if errors:
        return row_problems([{"field": e.get("field", ""), "message": e.get("message", "")} for e in errors])
    return [{"field": "identifier", "message": exc.message}]
