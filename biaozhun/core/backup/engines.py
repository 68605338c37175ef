"""Copy the database out and back in, per engine, while the site runs.

SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot while other connections
keep reading and writing (WAL mode); restoring uses the same API the other way, into the live file.
PostgreSQL: `pg_dump -Fc` of a snapshot exported by a REPEATABLE READ transaction, in which the table checksums
are computed too, so they describe exactly the rows dumped; restore drops this schema's tables and loads the dump
with `pg_restore | psql --single-transaction`, all or nothing. Credentials reach the client programs through the
environment (PGPASSWORD, ...), never their command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.db import connections, transaction

T = TypeVar("T")


class BackupToolError(RuntimeError):
    """A database client program failed or is missing (for operators: the message says which and why)."""


def engine(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupToolError(f"backup supports SQLite and PostgreSQL, not {vendor}")
    return vendor


# --- SQLite ----------------------------------------------------------------------------------------------
def _sqlite_connection(using: str) -> sqlite3.Connection:
    connection = connections[using]
    connection.ensure_connection()
    return connection.connection


def sqlite_dump(target: Path, *, using: str = "default", then: Callable[[str], T]) -> T:
    """Copy the live database into `target` (a new file), then call then(alias) with a database alias that reads
    the copy (for its checksums) and return what it returns."""
    source = _sqlite_connection(using)
    copy = sqlite3.connect(target)
    try:
        # One step: a read transaction over the whole copy, so it is one snapshot. In WAL mode writers go on
        # meanwhile (a copy in several steps would restart whenever another connection writes).
        source.backup(copy)
    finally:
        copy.close()
    alias = f"{using}__backup_copy"
    connections.databases[alias] = {**connections.databases[using], "NAME": str(target), "OPTIONS": {}}
    try:
        return then(alias)
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.databases[alias]


def sqlite_restore(source: Path, *, stamp: str, using: str = "default") -> Path:
    """Replace the live database's content with the copy at `source`; the content it replaces is kept in
    `<database>.before-restore-<stamp>` (returned)."""
    database = Path(connections[using].settings_dict["NAME"])
    kept = database.with_name(f"{database.name}.before-restore-{stamp}")
    live = _sqlite_connection(using)
    before = sqlite3.connect(kept)
    try:
        live.backup(before)
    finally:
        before.close()
    copy = sqlite3.connect(source)
    try:
        copy.backup(live, sleep=0.05)  # one step: the live database changes all at once
    finally:
        copy.close()
    connections[using].close()
    return kept


# --- PostgreSQL ------------------------------------------------------------------------------------------
def _pg_env(using: str) -> dict[str, str]:
    """The client programs' environment: the connection settings as PG* variables (never in argv)."""
    settings = connections[using].settings_dict
    env = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"),
                          ("PGDATABASE", "NAME")):
        if settings.get(key):
            env[variable] = str(settings[key])
    options = settings.get("OPTIONS") or {}
    for variable, key in (("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert"), ("PGSSLCERT", "sslcert"),
                          ("PGSSLKEY", "sslkey")):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupToolError(f"{name} is not installed: install the PostgreSQL client programs (postgresql-client)")
    return path


def _check(process: subprocess.CompletedProcess | subprocess.Popen, name: str, stderr: bytes) -> None:
    if process.returncode:
        message = stderr.decode("utf-8", "replace").strip()[-2000:]
        raise BackupToolError(f"{name} failed (exit {process.returncode}): {message}")


def postgres_dump(target: Path, *, using: str = "default", then: Callable[[str], T]) -> T:
    """pg_dump -Fc of one snapshot into `target`; then(alias) runs in that same snapshot (its checksums)."""
    connection = connections[using]
    connection.ensure_connection()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        dumped = subprocess.run([_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                                 f"--snapshot={snapshot}", f"--file={target}"],
                                env=_pg_env(using), capture_output=True, check=False)
        _check(dumped, "pg_dump", dumped.stderr)
        return then(using)


def postgres_restore(source: Path, *, using: str = "default") -> None:
    """Drop this schema's tables and load the dump, in one transaction (nothing changes if any step fails)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    quote = connection.ops.quote_name
    preamble = "SET client_min_messages = warning;\n"
    if tables:
        preamble += f"DROP TABLE IF EXISTS {', '.join(quote(t) for t in tables)} CASCADE;\n"
    connections.close_all()
    env = _pg_env(using)
    restore = subprocess.Popen([_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                                "--file=-", str(source)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    psql = subprocess.Popen([_program("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
                             "--set=ON_ERROR_STOP=1", "--output=/dev/null"],
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        psql.stdin.write(preamble.encode())
        shutil.copyfileobj(restore.stdout, psql.stdin)
    except BrokenPipeError:
        pass  # psql stopped on an error: reported below
    finally:
        psql.stdin.close()
        restore.stdout.close()
    restore_errors = restore.stderr.read()
    restore.wait()
    psql_errors = psql.stderr.read()
    psql.wait()
    _check(restore, "pg_restore", restore_errors)
    _check(psql, "psql", psql_errors)
