"""One backup archive, `biaozhun-<UTC time>.tar` (readable by any tar), holding

    database.sqlite3 | database.pgdump   the database: an SQLite online copy, or pg_dump -Fc
    files/<storage alias>/...            every file-system storage's files (files.py)
    manifest.json                        last: format, engine, time, applied migrations, the database member's
                                         SHA-256, per table its rows, columns and checksum (checksums.py), per
                                         storage its files, bytes and checksum

It is written as `<name>.partial` (readable by its owner only: it holds password hashes and personal data) and
renamed when complete, so an archive with its final name is whole. The search index is not in it: each machine
rebuilds its own after a restore.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import engines
from .checksums import UnknownColumns, database_checksums, table_checksum, table_models
from .files import add_root, file_roots, restore_root, root_checksum

FORMAT = "biaozhun-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
READ_SIZE = 1 << 20


class BackupError(RuntimeError):
    """A backup cannot be made or restored as asked (for operators: says why and what to do)."""


@dataclass
class Restored:
    manifest: dict[str, Any]
    mismatches: list[str] = field(default_factory=list)  # empty: every table and file as in the manifest
    kept: list[Path] = field(default_factory=list)  # what the restore replaced, kept beside it


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(READ_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _applied_migrations(using: str) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def make_backup(directory: Path, *, using: str = "default") -> tuple[Path, dict[str, Any]]:
    """Write a backup archive into `directory`; returns its path and manifest."""
    kind = engines.engine(using)
    directory.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    final = directory / f"biaozhun-{created:%Y%m%dT%H%M%SZ}.tar"
    if final.exists():
        raise BackupError(f"{final} exists already: wait a second, or choose another directory")
    partial = final.with_name(final.name + ".partial")
    member = DATABASE_MEMBER[kind]
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        dump = Path(work) / member

        def describe(alias: str) -> tuple[dict[str, Any], list[str]]:
            return ({table: total.as_dict() for table, total in database_checksums(alias).items()},
                    _applied_migrations(alias))

        dumper = engines.sqlite_dump if kind == "sqlite" else engines.postgres_dump
        tables, migrations = dumper(dump, using=using, then=describe)
        manifest: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "created_at": created.isoformat(), "engine": kind,
            "database": {"member": member, "bytes": dump.stat().st_size, "sha256": _sha256(dump)},
            "migrations": migrations, "tables": tables, "files": {},
        }
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as archive:
                archive.add(dump, arcname=member)
                for alias, root in file_roots().items():
                    manifest["files"][alias] = add_root(archive, alias, root).as_dict()
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(created.timestamp()), 0o600
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return final, manifest


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError("this is not a complete Biaozhun backup (no readable manifest.json)") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"unknown backup format {manifest.get('format')} {manifest.get('version')}")
    return manifest


def _check_compatible(manifest: dict[str, Any], using: str) -> None:
    kind = engines.engine(using)
    if manifest["engine"] != kind:
        raise BackupError(f"the backup is of a {manifest['engine']} database and this site uses {kind}: restore it "
                          "into a site with the same engine (DATABASE_URL), then move the data with "
                          "catalog_export/catalog_import if needed")
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    if unknown := sorted(set(manifest["migrations"]) - known):
        raise BackupError(f"the backup was made by a later release (migrations unknown here: {', '.join(unknown[:5])}"
                          f"{' ...' if len(unknown) > 5 else ''}): restore it with that release")


def verify(manifest: dict[str, Any], *, using: str = "default") -> list[str]:
    """Compare the database and the stored files with the manifest; one line per difference."""
    problems = []
    models = table_models(using)
    for table, expected in manifest["tables"].items():
        if table not in models:
            problems.append(f"table {table}: missing")
            continue
        try:
            found = table_checksum(models[table], using, columns=expected["columns"])
        except UnknownColumns as exc:
            problems.append(f"table {table}: cannot be compared ({exc})")
            continue
        if (found.rows, found.sha256) != (expected["rows"], expected["sha256"]):
            problems.append(f"table {table}: {found.rows} rows, checksum {found.sha256[:12]}; "
                            f"the backup has {expected['rows']} rows, checksum {expected['sha256'][:12]}")
    roots = file_roots()
    for alias, expected in manifest["files"].items():
        if alias not in roots:
            problems.append(f"files {alias}: this site has no such storage")
            continue
        found = root_checksum(roots[alias])
        if found.as_dict() != expected:
            problems.append(f"files {alias}: {found.files} files, {found.bytes} bytes; the backup has "
                            f"{expected['files']} files, {expected['bytes']} bytes (checksums differ)")
    return problems


def restore_backup(path: Path, *, using: str = "default") -> Restored:
    """Replace the database and the stored files with the archive's, then verify them against its manifest."""
    with tarfile.open(path, mode="r:") as archive:
        manifest = read_manifest(archive)
        _check_compatible(manifest, using)
        roots = file_roots()
        if missing := sorted(set(manifest["files"]) - set(roots)):
            raise BackupError(f"the backup has files of storages this site does not configure: {', '.join(missing)}")
        restored = Restored(manifest)
        stamp = f"{timezone.now():%Y%m%dT%H%M%SZ}"
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".restore-") as work:
            member = manifest["database"]["member"]
            archive.extract(member, work, filter="data")
            dump = Path(work) / member
            if _sha256(dump) != manifest["database"]["sha256"]:
                raise BackupError(f"{path} is damaged: its database copy does not match the manifest; nothing was "
                                  "restored")
            if manifest["engine"] == "sqlite":
                restored.kept.append(engines.sqlite_restore(dump, stamp=stamp, using=using))
            else:
                engines.postgres_restore(dump, using=using)
        for alias in manifest["files"]:
            if previous := restore_root(archive, alias, roots[alias], stamp=stamp):
                restored.kept.append(previous)
    connections.close_all()
    restored.mismatches = verify(manifest, using=using)
    return restored
