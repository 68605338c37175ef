"""Append-only history enforced by the database: triggers that refuse UPDATE and DELETE of history rows.

``AppendOnly`` (core/models.py) refuses changes made through the ORM; these triggers refuse them from anywhere
else too (a raw cursor, a queryset's ``_raw_delete``, ``manage.py dbshell``), on SQLite and PostgreSQL. Every
table of an ``AppendOnly`` model gets them in a migration of its app::

    from biaozhun.core.append_only_db import AppendOnlyTriggers

    operations = [AppendOnlyTriggers(["catalog_standardevent"])]

tests/core/test_append_only_triggers.py lists every ``AppendOnly`` subclass and fails for a table without them.

A table whose rows may be deleted under a condition (the audit log's retention purge) passes
``delete_allowed_when``: per vendor, a boolean SQL expression over ``OLD`` (the row to be deleted); a DELETE is
refused unless it holds. PostgreSQL does not allow sub-queries in a trigger's WHEN clause, so there the
condition is evaluated inside the trigger's function.

Trigger names end in ``_append_only_update`` / ``_append_only_delete`` (and ``_append_only_truncate`` on
PostgreSQL, where TRUNCATE would otherwise bypass row triggers). A refused change raises the database's
integrity error (``django.db.IntegrityError``) naming the table.

``guards_suspended`` drops the triggers of the given tables (all of them by default) and puts the same
definitions back afterwards: for test databases (``flush`` between transactional tests, see
core/management/commands/flush.py) and for tests that tamper with history on purpose. Production code never
calls it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping

from django.db.migrations.operations.base import Operation

SUFFIXES = ("_append_only_update", "_append_only_delete", "_append_only_truncate")
PG_REFUSE_FUNCTION = "biaozhun_append_only_refuse"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_install(table: str, delete_allowed_when: str | None) -> list[str]:
    statements = []
    for operation, condition in (("UPDATE", None), ("DELETE", delete_allowed_when)):
        name = f"{table}_append_only_{operation.lower()}"
        when = f" WHEN NOT ({condition})" if condition else ""
        message = f"{table}: rows are append-only ({operation} refused)"
        statements.append(
            f"CREATE TRIGGER {_quote(name)} BEFORE {operation} ON {_quote(table)} FOR EACH ROW{when} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    return statements


def _pg_install(table: str, delete_allowed_when: str | None) -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {PG_REFUSE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '%: rows are append-only (% refused)', TG_TABLE_NAME, TG_OP "
        "USING ERRCODE = 'restrict_violation'; END $$",
        f"CREATE TRIGGER {_quote(table + '_append_only_update')} BEFORE UPDATE ON {_quote(table)} "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_REFUSE_FUNCTION}()",
        f"CREATE TRIGGER {_quote(table + '_append_only_truncate')} BEFORE TRUNCATE ON {_quote(table)} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_REFUSE_FUNCTION}()",
    ]
    if delete_allowed_when is None:
        statements.append(
            f"CREATE TRIGGER {_quote(table + '_append_only_delete')} BEFORE DELETE ON {_quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_REFUSE_FUNCTION}()"
        )
        return statements
    guard = f"{table}_delete_guard"
    statements += [
        f"CREATE OR REPLACE FUNCTION {_quote(guard)}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF {delete_allowed_when} THEN RETURN OLD; END IF; "
        "RAISE EXCEPTION '%: rows are append-only (% refused)', TG_TABLE_NAME, TG_OP "
        "USING ERRCODE = 'restrict_violation'; END $$",
        f"CREATE TRIGGER {_quote(table + '_append_only_delete')} BEFORE DELETE ON {_quote(table)} "
        f"FOR EACH ROW EXECUTE FUNCTION {_quote(guard)}()",
    ]
    return statements


def install_sql(vendor: str, table: str, *, delete_allowed_when: Mapping[str, str] | None = None) -> list[str]:
    """The statements that create the table's triggers on ``vendor`` ("sqlite" or "postgresql")."""
    condition = (delete_allowed_when or {}).get(vendor)
    if delete_allowed_when and condition is None:
        raise ValueError(f"append-only triggers: no delete condition for {vendor}")
    if vendor == "sqlite":
        return _sqlite_install(table, condition)
    if vendor == "postgresql":
        return _pg_install(table, condition)
    raise NotImplementedError(f"append-only triggers: no SQL for the {vendor} database")


def remove_sql(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {_quote(table + suffix)}" for suffix in SUFFIXES]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {_quote(table + suffix)} ON {_quote(table)}" for suffix in SUFFIXES]
    raise NotImplementedError(f"append-only triggers: no SQL for the {vendor} database")


class AppendOnlyTriggers(Operation):
    """Migration operation: install the append-only triggers on ``tables`` (removed again when unapplied)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, tables: Iterable[str], delete_allowed_when: Mapping[str, str] | None = None) -> None:
        self.tables = list(tables)
        self.delete_allowed_when = dict(delete_allowed_when) if delete_allowed_when else None

    def deconstruct(self):
        kwargs = {"tables": self.tables}
        if self.delete_allowed_when:
            kwargs["delete_allowed_when"] = self.delete_allowed_when
        return self.__class__.__name__, [], kwargs

    def state_forwards(self, app_label, state) -> None:
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        vendor = schema_editor.connection.vendor
        for table in self.tables:
            for statement in install_sql(vendor, table, delete_allowed_when=self.delete_allowed_when):
                schema_editor.execute(statement, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        vendor = schema_editor.connection.vendor
        for table in self.tables:
            for statement in remove_sql(vendor, table):
                schema_editor.execute(statement, params=None)

    def describe(self) -> str:
        return f"Append-only triggers on {', '.join(self.tables)}"

    @property
    def migration_name_fragment(self) -> str:
        return "append_only_triggers"


# --- Reading and suspending the triggers ---------------------------------------------------------------------
def installed(connection) -> dict[str, set[str]]:
    """Table → the operations its append-only triggers guard ({"update", "delete"}, "truncate" on PostgreSQL)."""
    found: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "WHERE NOT t.tgisinternal")
        for name, table in cursor.fetchall():
            for suffix in SUFFIXES:
                if name == table + suffix:
                    found.setdefault(table, set()).add(suffix.rsplit("_", 1)[1])
    return found


def _definitions(connection, tables: set[str] | None) -> list[tuple[str, str, str]]:
    """(table, trigger name, CREATE statement) of the append-only triggers, as the database holds them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                           "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal")
        rows = cursor.fetchall()
    return [(table, name, sql) for table, name, sql in rows
            if any(name == table + suffix for suffix in SUFFIXES) and (tables is None or table in tables)]


@contextlib.contextmanager
def guards_suspended(connection, tables: Iterable[str] | None = None) -> Iterator[None]:
    """Drop the append-only triggers of ``tables`` (default: all) and create them again afterwards, from the
    definitions the database held. For test databases only (see the module docstring)."""
    definitions = _definitions(connection, set(tables) if tables is not None else None)
    with connection.cursor() as cursor:
        for table, name, _sql in definitions:
            on = f" ON {_quote(table)}" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {_quote(name)}{on}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _table, _name, sql in definitions:
                cursor.execute(sql)
