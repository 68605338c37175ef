"""The stored files in a backup: every file-system storage (the media roots, public and private), as tar members
`files/<storage alias>/<path>`, with a checksum per root that restore verifies.

A root's checksum is SHA-256 over its files in path order, one line `<path>\\t<size>\\t<sha256 of content>` each.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

PREFIX = "files"
READ_SIZE = 1 << 20


@dataclass(frozen=True)
class RootSum:
    files: int
    bytes: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "bytes": self.bytes, "sha256": self.sha256}


def file_roots() -> dict[str, Path]:
    """Storage alias -> directory, for every file-system storage of settings.STORAGES except the static files
    (rebuilt by collectstatic). A root inside another is part of that one."""
    roots: dict[str, Path] = {}
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            roots[alias] = Path(storage.location).resolve()
    outer = {alias: root for alias, root in roots.items()
             if not any(other != root and root.is_relative_to(other) for other in roots.values())}
    unique: dict[str, Path] = {}
    for alias, root in outer.items():
        if root not in unique.values():
            unique[alias] = root
    return unique


def _walk(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, path) of every regular file under root, in path order."""
    if not root.is_dir():
        return
    found = []
    for directory, _dirs, names in os.walk(root):
        for name in names:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    yield from sorted(found)


class _Hashing:
    """A file object that hashes what is read through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _line(name: str, size: int, sha256: str) -> bytes:
    return f"{name}\t{size}\t{sha256}\n".encode()


def add_root(archive: tarfile.TarFile, alias: str, root: Path) -> RootSum:
    """Write every file of `root` into the archive under files/<alias>/ and return the root's checksum."""
    digest, count, total = hashlib.sha256(), 0, 0
    for name, path in _walk(root):
        with path.open("rb") as handle:
            info = archive.gettarinfo(fileobj=handle, arcname=f"{PREFIX}/{alias}/{name}")
            hashing = _Hashing(handle)
            archive.addfile(info, hashing)
        digest.update(_line(name, info.size, hashing.digest.hexdigest()))
        count, total = count + 1, total + info.size
    return RootSum(count, total, digest.hexdigest())


def root_checksum(root: Path) -> RootSum:
    digest, count, total = hashlib.sha256(), 0, 0
    for name, path in _walk(root):
        content = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(READ_SIZE):
                content.update(chunk)
        size = path.stat().st_size
        digest.update(_line(name, size, content.hexdigest()))
        count, total = count + 1, total + size
    return RootSum(count, total, digest.hexdigest())


def restore_root(archive: tarfile.TarFile, alias: str, root: Path, *, stamp: str) -> Path | None:
    """Put the archive's files of `alias` in place of `root`. The files there before are kept beside it, in
    `<root>.before-restore-<time>` (returned; None when there were none). Extraction refuses absolute paths, `..`
    and links out of the root (tarfile's "data" filter)."""
    staging = root.with_name(f".{root.name}.restoring-{stamp}")
    prefix = f"{PREFIX}/{alias}/"
    members = [member.replace(name=member.name[len(prefix):], deep=False)
               for member in archive.getmembers() if member.name.startswith(prefix) and member.isfile()]
    staging.mkdir(parents=True)
    archive.extractall(staging, members=members, filter="data")
    previous = None
    if root.exists():
        previous = root.with_name(f"{root.name}.before-restore-{stamp}")
        try:
            root.rename(previous)
        except OSError:  # a mount point cannot be renamed: move what it holds instead
            previous.mkdir()
            for child in list(root.iterdir()):
                shutil.move(str(child), previous / child.name)
            for child in list(staging.iterdir()):
                shutil.move(str(child), root / child.name)
            staging.rmdir()
            return previous
    staging.rename(root)
    return previous
