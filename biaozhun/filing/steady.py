"""Reads a filing needs several times (its time limits, the working-day calendar, the catalogue's record cleaner),
held steady for the length of a `steady()` block, so a batch of filings reads each once instead of several times a
filing. Outside such a block every read goes to the database, so one filing sees an administrator's edit at once;
a batch sees the tables as they were when it began a pass."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")
_held: ContextVar[dict[str, Any] | None] = ContextVar("filing_steady", default=None)


@contextmanager
def steady() -> Iterator[None]:
    """Hold the reads made through `held` until the block ends (an inner block shares the outer one's)."""
    if _held.get() is not None:
        yield
        return
    token = _held.set({})
    try:
        yield
    finally:
        _held.reset(token)


def held(name: str, read: Callable[[], T]) -> T:
    """`read()`, or inside a `steady()` block the value it gave the first time there."""
    store = _held.get()
    if store is None:
        return read()
    if name not in store:
        store[name] = read()
    return store[name]
