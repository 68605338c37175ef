"""What the import commands share (catalog_import, import_international_records): the options, the actor, the
progress bars, the errors of a refused file and the summary of a finished job."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from biaozhun.core.actors import SYSTEM

from .jobs import ImportRejected

SHOWN_ERRORS = 20


def add_arguments(parser, *, formats: list[str]) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", choices=formats, help="default: from the file's extension")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--user", help="username the changes are recorded under (default: the system)")
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="import the valid records and write the refused ones to a rejects file")
    parser.add_argument("--rejects", type=Path,
                        help="where --skip-invalid writes the refused records (default: FILE.rejects.FORMAT beside it)")


def actor_named(username: str | None) -> Any:
    """The user the changes are recorded under; the system when none is named."""
    if not username:
        return SYSTEM
    actor = get_user_model().objects.filter(username=username).first()
    if actor is None:
        raise CommandError(f"no user named {username!r}")
    return actor


@contextmanager
def reporting(command: BaseCommand, file: Path, *, quiet: bool) -> Iterator[Callable[[str, int], None]]:
    """Yields the import's progress callback (one bar per phase on stderr); a refused file's first errors go to
    stderr with their line and field and end the command."""
    bars: dict[str, tqdm] = {}

    def progress(phase: str, done: int) -> None:
        if quiet:
            return
        bar = bars.get(phase)
        if bar is None:
            label = "validating" if phase == "validate" else "writing"
            bar = bars[phase] = tqdm(desc=label, unit=" records", file=sys.stderr, initial=done)
        bar.update(done - bar.n)

    try:
        yield progress
    except ImportRejected as exc:
        for bar in bars.values():
            bar.close()
        bars.clear()
        for error in exc.errors:
            command.stderr.write(f"{file.name}: line {error['line']}: {error['field']}: {error['message']}")
        if exc.total_errors > len(exc.errors):
            command.stderr.write(f"... and {exc.total_errors - len(exc.errors)} more")
        raise CommandError(exc.message) from exc
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        for bar in bars.values():
            bar.close()


def write_summary(command: BaseCommand, job: Any, *, noun: str, also: str = "") -> None:
    """One line: the records read and what became of them (`also` adds a clause of the caller's)."""
    summary = (f"{job.total_records} {noun}: {job.created} created, {job.updated} updated, {job.unchanged} unchanged"
               f"{also}")
    if job.folded_records:
        summary += f"; {job.folded_records} repeated an edition of an earlier line and were merged into it"
    command.stdout.write(summary)


def write_rejects(command: BaseCommand, job: Any, *, rejects: Path) -> None:
    if not job.rejected_records:
        return
    command.stdout.write(f"{job.rejected_records} records refused, written with their reasons to {rejects}")
    for error in job.errors[:SHOWN_ERRORS]:
        command.stdout.write(f"  line {error['line']}: {error['field']}: {error['message']}")
    if job.rejected_records > SHOWN_ERRORS:
        command.stdout.write("  ...")
