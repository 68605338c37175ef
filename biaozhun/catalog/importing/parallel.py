"""Use a second core for large imports: validation by a pool of worker processes, and a reader process that
decodes, cleans and prepares the next batch of the write pass while the importing process writes this one.

Workers are forked after Django is set up and never touch the database: they get text lines and return
plain values (problems, key hashes, prepared rows). The importing process alone writes, so the guarantees of
the serial import are unchanged: the same problems in the same order, the same batches, the same commits.
Where fork is unavailable, in a daemonic process (which may not have children), or for small files, the
serial code runs instead.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from biaozhun.catalog.records import RecordCleaner, StandardRecord
from biaozhun.catalog.services.upsert import Prepared

from .readers import RowError, open_jsonl, parse_jsonl_line, read_records

PARALLEL_MIN_BYTES = 1 << 20  # below this, starting processes costs more than it saves
CHUNK_BYTES = 1 << 20  # lines per validation task: about 2,000 records
MAX_STORED_ERRORS = 1000

# Set in the parent just before forking; the forked workers inherit it (nothing is pickled).
_cleaner: RecordCleaner | None = None


def workers_for(path: Path) -> int:
    """How many worker processes to use for `path`: 0 means run serially. BIAOZHUN_IMPORT_WORKERS=0 turns the
    worker processes off (any other number sets how many validate)."""
    if "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
        return 0
    if path.stat().st_size < PARALLEL_MIN_BYTES:
        return 0
    setting = os.environ.get("BIAOZHUN_IMPORT_WORKERS", "").strip()
    if setting:
        return max(0, int(setting))
    return max(2, min(os.cpu_count() or 1, 4))


def duplicate_problem(line, identifier: str, first_line) -> dict:
    """The problem of a record whose edition an earlier line of the file already has."""
    return {"line": line, "field": "identifier",
            "message": _("%(identifier)s 与第 %(first)s 行重复；同一版本只能出现一次") % {
                "identifier": identifier, "first": first_line}}


def check_record(raw: dict | RowError, line, cleaner: RecordCleaner) -> tuple[list[dict], StandardRecord | None]:
    """(problems of one record, the record when it is valid): the validation both paths share."""
    if isinstance(raw, RowError):
        return [{"line": line, "field": raw.field, "message": raw.message}], None
    record, field_errors = cleaner.clean(raw)
    return [e.as_dict(line) for e in field_errors], record


def _validate_chunk(first_line: int, lines: list[str]) -> tuple[int, list[dict], int, array, array, list[str]]:
    """(records, first problems, number of problems, lines and edition hashes of the valid records, their
    canonical numbers)."""
    count, problems, total = 0, [], 0
    key_lines, key_hashes, identifiers = array("q"), array("q"), []
    for line_no, text in enumerate(lines, start=first_line):
        raw = parse_jsonl_line(text)
        if raw is None:
            continue
        count += 1
        found, record = check_record(raw, line_no, _cleaner)
        if record is None:
            total += len(found)
            if len(problems) < MAX_STORED_ERRORS:
                problems.extend(found)
            continue
        key_lines.append(line_no)
        key_hashes.append(hash(record.edition))
        identifiers.append(record.identifier)
    return count, problems, total, key_lines, key_hashes, identifiers


def validate_jsonl(
    path: Path, cleaner: RecordCleaner, workers: int, progress: Callable[[str, int], None]
) -> tuple[int, list[dict], int]:
    """validate_file for JSONL on `workers` processes: (records, first MAX_STORED_ERRORS errors, total errors)."""
    global _cleaner
    _cleaner = cleaner
    errors: list[dict] = []
    total_errors = 0
    seen: dict[int, int] = {}  # hash of edition → first line
    count = 0
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool, open_jsonl(path) as handle:
        pending: deque = deque()
        next_line = 1

        def collect() -> None:
            nonlocal count, total_errors
            chunk_count, problems, chunk_errors, key_lines, key_hashes, identifiers = pending.popleft().get()
            count += chunk_count
            duplicates = []
            for line, key, identifier in zip(key_lines, key_hashes, identifiers, strict=True):
                first = seen.setdefault(key, line)
                if first != line:
                    duplicates.append(duplicate_problem(line, identifier, first))
            total_errors += chunk_errors + len(duplicates)
            if len(errors) < MAX_STORED_ERRORS and (problems or duplicates):
                merged = sorted(problems + duplicates, key=lambda e: e["line"])
                errors.extend(merged[: MAX_STORED_ERRORS - len(errors)])
            progress("validate", count)

        while lines := handle.readlines(CHUNK_BYTES):
            pending.append(pool.apply_async(_validate_chunk, (next_line, lines)))
            next_line += len(lines)
            if len(pending) > 2 * workers:
                collect()
        while pending:
            collect()
    _cleaner = None
    return count, errors, total_errors


def _produce(receiver, sender, path: Path, fmt: str, skip: int, batch_size: int, cleaner: RecordCleaner,
             today: date) -> None:
    # The fork inherited the reading end too: close it, so that if the importing process dies the pipe has no
    # reader left and sending fails at once, instead of blocking this process forever.
    receiver.close()
    try:
        for batch in prepared_batches(path, fmt, skip, batch_size, cleaner, today):
            sender.send_bytes(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
        sender.send_bytes(b"")
    except (BrokenPipeError, ConnectionResetError):  # the importing process has gone (killed): stop
        pass
    except BaseException:  # noqa: BLE001 (reported to the importing process, which raises)
        sender.send_bytes(pickle.dumps(traceback.format_exc()))
    finally:
        sender.close()


def prepared_batches(
    path: Path, fmt: str, skip: int, batch_size: int, cleaner: RecordCleaner, today: date
) -> Iterator[list[Prepared]]:
    """The file's records after the first `skip`, cleaned and prepared, in batches of `batch_size`."""
    from biaozhun.catalog.services.upsert import prepare

    batch: list[Prepared] = []
    position = 0
    for _line, raw in read_records(path, fmt):
        position += 1
        if position <= skip:
            continue
        record, _errors = cleaner.clean(raw)  # validated: the file's hash guarantees it is unchanged
        batch.append(prepare(record, today))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepared_batches_in_reader(
    path: Path, fmt: str, skip: int, batch_size: int, cleaner: RecordCleaner, today: date
) -> Iterator[list[Prepared]]:
    """prepared_batches computed in a forked reader process, one batch ahead of the caller."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_produce, args=(receiver, sender, path, fmt, skip, batch_size, cleaner, today), daemon=True,
        name="biaozhun-import-reader",
    )
    reader.start()
    sender.close()
    try:
        while True:
            try:
                data = receiver.recv_bytes()
            except EOFError:
                raise RuntimeError("the import's reader process ended unexpectedly") from None
            if not data:
                return
            batch = pickle.loads(data)  # noqa: S301 (from our own child process)
            if isinstance(batch, str):
                raise RuntimeError(f"the import's reader process failed:\n{batch}")
            yield batch
    finally:
        if reader.is_alive():
            reader.terminate()
        reader.join()
        receiver.close()
