"""Fast multi-row INSERT for import-sized batches, where the ORM's per-value compilation dominates.

`insert_rows(Model, columns, rows)` takes column attnames and tuples already holding Python values; each
column's value is adapted for the database once per type (dates, datetimes, JSON), then the rows go to
`executemany`. Use it only inside services that have validated the rows; everything else uses the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from django.db import connection, models


def _memoised(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Rows of one batch share timestamps and event data: convert a value once while consecutive rows hold the
    same object (identity: a mutable value is never reused across rows with different contents)."""
    last: list[Any] = [object(), None]

    def wrapper(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return wrapper


def _json_converter(field: models.JSONField) -> Callable[[Any], Any]:
    if connection.vendor == "sqlite" and field.encoder is None:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        return lambda value: "[]" if value == [] else ("{}" if value == {} else encode(value))
    return lambda value: connection.ops.adapt_json_value(value, field.encoder)


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return _memoised(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return _memoised(_json_converter(field))
    return None


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]], adapted: Collection[str] = ()
) -> int:
    """INSERT the rows (tuples in `columns` order, attnames such as "ccs_id"); returns how many.
    `adapted`: columns whose values are already what the database takes (ISO dates, JSON text on SQLite)."""
    meta = model._meta
    fields = [_by_attname(meta, name) for name in columns]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from model metadata)
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    return _execute(sql, fields, rows, adapted)


def _by_attname(meta, name: str) -> models.Field:
    for field in meta.concrete_fields:
        if field.attname == name:
            return field
    raise LookupError(f"{meta.label} has no column {name!r}")


def update_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """UPDATE by primary key: each row holds the values of `columns` followed by the pk."""
    meta = model._meta
    fields = [_by_attname(meta, name) for name in columns]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 (names from model metadata)
        quote(meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in fields), quote(meta.pk.column)
    )
    return _execute(sql, fields, rows)


def _prepared(fields: list[models.Field], rows: Iterable[Sequence[Any]], adapted: Collection[str] = ()) -> list:
    """The rows with each value adapted for the database (see `insert_rows`)."""
    converters = [
        (index, conv) for index, field in enumerate(fields)
        if field.attname not in adapted and (conv := _converter(field))
    ]
    if not converters:
        return rows if isinstance(rows, list) else list(rows)
    prepared = []
    for row in rows:
        row = list(row)
        for index, conv in converters:
            if row[index] is not None:
                row[index] = conv(row[index])
        prepared.append(row)
    return prepared


def _execute(sql: str, fields: list[models.Field], rows: Iterable[Sequence[Any]], adapted: Collection[str] = ()) -> int:
    prepared = _prepared(fields, rows, adapted)
    if prepared:
        with connection.cursor() as cursor:
            cursor.executemany(sql, prepared)
    return len(prepared)


def select_in(
    model: type[models.Model], key: str, values: Iterable[Any], columns: Sequence[str], chunk: int = 2000
) -> list[tuple]:
    """Rows (tuples of `columns`) whose `key` column is in `values`: an indexed lookup without the ORM's
    per-parameter compilation, which dominates for thousands of keys."""
    meta = model._meta
    quote = connection.ops.quote_name
    select = ", ".join(quote(_by_attname(meta, name).column) for name in columns)
    key_column = quote(_by_attname(meta, key).column)
    values = list(values)
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"SELECT {select} FROM {quote(meta.db_table)} WHERE {key_column} IN ({marks})",  # noqa: S608
                part,
            )
            found.extend(cursor.fetchall())
    return found


def _max_params() -> int:
    """How many parameters one statement may bind: SQLite's compiled limit (asked of the connection), else
    PostgreSQL's 65,535."""
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return 65_535


def insert_returning(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], returning: Sequence[str],
    adapted: Collection[str] = (),
) -> list[tuple]:
    """INSERT the rows as in `insert_rows`, with multi-row VALUES, and give back the `returning` columns of each
    row written (SQLite ≥ 3.35 and PostgreSQL both have RETURNING). The order of the rows given back is not
    promised by SQLite: return a natural key with the id and match on it."""
    meta = model._meta
    fields = [_by_attname(meta, name) for name in columns]
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 (names from model metadata)
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields))
    tail = " RETURNING " + ", ".join(quote(_by_attname(meta, name).column) for name in returning)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    prepared = _prepared(fields, rows, adapted)
    per_statement = max(1, min(2000, _max_params() // max(1, len(fields))))
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for begin in range(0, len(prepared), per_statement):
            part = prepared[begin : begin + per_statement]
            cursor.execute(head + ", ".join([marks] * len(part)) + tail, [v for row in part for v in row])
            found.extend(cursor.fetchall())
    return found


def select_keys(
    model: type[models.Model], keys: Sequence[str], values: Iterable[Sequence[Any]], columns: Sequence[str],
) -> list[tuple]:
    """Rows (tuples of `columns`) whose (`keys`) columns equal one of the tuples in `values`: the tuples as a
    VALUES list joined to the table, so that an index on those columns answers each (a row-value IN would scan
    the table on SQLite)."""
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    select = ", ".join(f"t.{quote(_by_attname(meta, name).column)}" for name in columns)
    names = [f"k{index}" for index in range(len(keys))]
    on = " AND ".join(f"t.{quote(_by_attname(meta, key).column)} = k.{name}" for key, name in zip(keys, names, strict=True))
    mark = "(" + ", ".join(["%s"] * len(keys)) + ")"
    values = [tuple(v) for v in values]
    per_statement = max(1, min(2000, _max_params() // max(1, len(keys))))
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            part = values[start : start + per_statement]
            cursor.execute(
                f"WITH k({', '.join(names)}) AS (VALUES {', '.join([mark] * len(part))}) "  # noqa: S608
                f"SELECT {select} FROM k JOIN {table} t ON {on}",
                [v for key in part for v in key],
            )
            found.extend(cursor.fetchall())
    return found
