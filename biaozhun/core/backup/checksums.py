"""A checksum of every table's rows, the same on SQLite and PostgreSQL for the same data.

Each table of an installed model (many-to-many tables included) and django_migrations is read through the ORM in
primary-key order (text keys in byte order: the "C" collation on PostgreSQL, SQLite's default BINARY), each value
brought to one canonical form (aware datetimes in UTC ISO 8601, JSON with sorted keys, UUIDs as hex, bytes as
hex), each row written as one line of compact JSON, and the lines hashed with SHA-256. The ORM's converters make
a value read from SQLite and from PostgreSQL the same Python value, so the lines are the same.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Collate

CHUNK = 2000
TEXT_KEYS = (models.CharField, models.TextField)


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str
    columns: tuple[str, ...]  # the columns hashed, in order (a restore by a later release hashes the same ones)

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "sha256": self.sha256, "columns": list(self.columns)}


class UnknownColumns(LookupError):
    """A table's checksum names columns this release's model does not have."""


def table_models(using: str = "default") -> dict[str, type[models.Model]]:
    """Table name -> model, for every table of this release's models that exists in the database."""
    existing = set(connections[using].introspection.table_names())
    found: dict[str, type[models.Model]] = {}
    for model in [*apps.get_models(include_auto_created=True), MigrationRecorder.Migration]:
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.db_table not in existing:
            continue
        found.setdefault(meta.db_table, model)
    return dict(sorted(found.items()))


def canonical(value: Any) -> Any:
    """One form per value, whichever database it was read from."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict | list):
        return json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
    return str(value)


def _ordering(model: type[models.Model], using: str) -> Any:
    pk = model._meta.pk
    if isinstance(pk, TEXT_KEYS) and connections[using].vendor == "postgresql":
        return Collate(pk.attname, "C")
    return pk.attname


def table_checksum(model: type[models.Model], using: str = "default",
                   columns: list[str] | None = None) -> TableSum:
    """The checksum of the model's table: all its columns, or `columns` (those a backup's manifest lists)."""
    fields = {field.column: field.attname for field in model._meta.concrete_fields}
    columns = list(columns) if columns is not None else list(fields)
    if unknown := [column for column in columns if column not in fields]:
        raise UnknownColumns(f"{model._meta.db_table}: no field for {', '.join(unknown)}")
    names = [fields[column] for column in columns]
    rows = (model._base_manager.using(using).order_by(_ordering(model, using)).values_list(*names)
            .iterator(chunk_size=CHUNK))
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        line = json.dumps([canonical(value) for value in row], sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
        count += 1
    return TableSum(count, digest.hexdigest(), tuple(columns))


def database_checksums(using: str = "default") -> dict[str, TableSum]:
    """{table: TableSum} for every table of table_models."""
    return {table: table_checksum(model, using) for table, model in table_models(using).items()}
