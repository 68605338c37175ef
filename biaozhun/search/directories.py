"""The index's directories on disk: each build in a directory of its own, `current` a symlink switched atomically
to the newest, older builds removed once nobody reads them."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import tantivy

CURRENT = "current"


def open_index(schema: tantivy.Schema, directory: Path) -> tantivy.Index:
    """Open the index in `directory`, or create it sorted by static rank (documents with the highest tie first)."""
    return tantivy.Index(schema, path=str(directory), sort_by_field="tie", sort_order=tantivy.Order.Desc)


def new_directory(root: Path) -> Path:
    directory = root / f"index-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9:09d}"
    directory.mkdir(parents=True)
    return directory


def switch_current(root: Path, directory: Path, *, replace: bool = False) -> None:
    """Point `current` at `directory` atomically (rename of a fresh symlink over the old one)."""
    link = root / CURRENT
    if not replace:
        os.symlink(directory.name, link)  # FileExistsError if another process made one
        return
    temporary = root / f".{CURRENT}-{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(directory.name, temporary)
    os.replace(temporary, link)


def remove_old_directories(root: Path, keep: Path) -> None:
    for child in root.glob("index-*"):
        if child.is_dir() and child.resolve() != keep.resolve():
            shutil.rmtree(child, ignore_errors=True)
