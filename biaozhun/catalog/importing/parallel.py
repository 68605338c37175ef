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

from biaozhun.catalog.records import RecordCleaner, StandardRecord
from biaozhun.catalog.services.upsert import Prepared

from .duplicates import content_hash
from .readers import LAYOUTS, RowError, open_jsonl, parse_jsonl_line, read_records
from .validation import Collector, Plan

PARALLEL_MIN_BYTES = 1 << 20  # below this, starting processes costs more than it saves
CHUNK_BYTES = 1 << 20  # lines per validation task: about 2,000 records

# Set in the parent just before forking; the forked workers inherit them (nothing is pickled).
_cleaner: RecordCleaner | None = None
_parse_line: Callable[[str], dict | RowError | None] = parse_jsonl_line  # a layout's, for a layout's file
_rename: Callable[[list[dict]], list[dict]] | None = None  # a layout's field names in its problems


def validates_in_chunks(fmt: str) -> bool:
    """Whether the worker processes can validate a file of `fmt` (plain JSONL, or a layout with a line parser)."""
    return fmt == "jsonl" or getattr(LAYOUTS.get(fmt), "line_parser", None) is not None


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


def check_record(raw: dict | RowError, line, cleaner: RecordCleaner) -> tuple[list[dict], StandardRecord | None]:
    """(problems of one record, the record when it is valid): the validation both paths share."""
    if isinstance(raw, RowError):
        return [{"line": line, "field": raw.field, "message": raw.message}], None
    record, field_errors = cleaner.clean(raw)
    return [e.as_dict(line) for e in field_errors], record


def _validate_chunk(first_line: int, lines: list[str]) -> tuple[int, list[tuple[int, list[dict]]], array, array, array]:
    """(records, (line, problems) of each refused record, then the lines, edition hashes and content hashes of
    the valid records)."""
    count, refused = 0, []
    key_lines, key_hashes, contents = array("q"), array("q"), array("q")
    for line_no, text in enumerate(lines, start=first_line):
        raw = _parse_line(text)
        if raw is None:
            continue
        count += 1
        found, record = check_record(raw, line_no, _cleaner)
        if record is None:
            refused.append((line_no, _rename(found) if _rename else found))
            continue
        key_lines.append(line_no)
        key_hashes.append(hash(record.edition))
        contents.append(content_hash(record))
    return count, refused, key_lines, key_hashes, contents


def validate_jsonl(path: Path, cleaner: RecordCleaner, workers: int, progress: Callable[[str, int], None],
                   collector: Collector, fmt: str = "jsonl") -> Plan:
    """validate_file for JSONL, or a JSONL layout with a line parser (`fmt` names it), on `workers` processes."""
    global _cleaner, _parse_line, _rename
    _cleaner = cleaner
    layout = LAYOUTS.get(fmt)
    if layout is not None:
        _parse_line, _rename = layout.line_parser(path), layout.rename
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool, open_jsonl(path) as handle:
        pending: deque = deque()
        next_line = 1

        def collect() -> None:
            chunk_count, refused, key_lines, key_hashes, contents = pending.popleft().get()
            collector.plan.count += chunk_count
            for line, problems in refused:
                collector.refused(line, line, problems)
            for line, key, content in zip(key_lines, key_hashes, contents, strict=True):
                collector.valid(line, line, key, content)
            progress("validate", collector.plan.count)

        while lines := handle.readlines(CHUNK_BYTES):
            pending.append(pool.apply_async(_validate_chunk, (next_line, lines)))
            next_line += len(lines)
            if len(pending) > 2 * workers:
                collect()
        while pending:
            collect()
    _cleaner, _parse_line, _rename = None, parse_jsonl_line, None
    return collector.finish(path, fmt, cleaner)


def _produce(receiver, sender, path: Path, fmt: str, skip: int, batch_size: int, cleaner: RecordCleaner,
             today: date, plan: Plan) -> None:
    # The fork inherited the reading end too: close it, so that if the importing process dies the pipe has no
    # reader left and sending fails at once, instead of blocking this process forever.
    receiver.close()
    try:
        for batch in prepared_batches(path, fmt, skip, batch_size, cleaner, today, plan):
            sender.send_bytes(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
        sender.send_bytes(b"")
    except (BrokenPipeError, ConnectionResetError):  # the importing process has gone (killed): stop
        pass
    except BaseException:  # noqa: BLE001 (reported to the importing process, which raises)
        sender.send_bytes(pickle.dumps(traceback.format_exc()))
    finally:
        sender.close()


def prepared_batches(
    path: Path, fmt: str, skip: int, batch_size: int, cleaner: RecordCleaner, today: date, plan: Plan
) -> Iterator[list[Prepared]]:
    """The records the plan keeps, after the first `skip` of them, cleaned (or merged) and prepared, in batches of
    `batch_size`."""
    from biaozhun.catalog.services.upsert import prepare

    batch: list[Prepared] = []
    position = 0
    dropped, merged = plan.dropped, plan.merged
    for line, raw in read_records(path, fmt):
        if line in dropped:
            continue
        position += 1
        if position <= skip:
            continue
        record = merged.get(line)
        if record is None:
            record, _errors = cleaner.clean(raw)  # validated: the file's hash guarantees it is unchanged
        batch.append(prepare(record, today))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepared_batches_in_reader(
    path: Path, fmt: str, skip: int, batch_size: int, cleaner: RecordCleaner, today: date, plan: Plan
) -> Iterator[list[Prepared]]:
    """prepared_batches computed in a forked reader process, one batch ahead of the caller."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_produce, args=(receiver, sender, path, fmt, skip, batch_size, cleaner, today, plan), daemon=True,
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
