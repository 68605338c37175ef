"""One rebuild of a machine's index at a time: an advisory lock (flock) on a file in the index's root.

Every process that may rebuild (search_sync when it finds the index missing or unusable, search_rebuild, restore)
takes it; one that finds it taken leaves the rebuild to its holder. The kernel releases it when the holder exits,
even by a crash, so a killed rebuild never blocks the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".rebuild.lock"


@contextlib.contextmanager
def rebuild_lock(root: Path, *, wait: bool = False) -> Iterator[bool]:
    """Hold the rebuild lock of `root` for the block; yields whether it was taken (always True with wait=True,
    which blocks until the holder is done)."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


def rebuild_running(root: Path) -> bool:
    """Whether some process holds the rebuild lock of `root` now."""
    try:
        fd = os.open(root / LOCK_NAME, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
