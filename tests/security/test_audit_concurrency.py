"""Concurrent writers queue on the chain head and never fork the chain (a transactional test: real commits from
several threads, each with its own database connection; the test database is flushed afterwards, which the
append-only triggers allow only in test databases: core/management/commands/flush.py)."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from biaozhun.audit.models import AuditKind, AuditRecord
from biaozhun.audit.records import record
from biaozhun.core.actors import SYSTEM

WRITERS, EACH = 4, 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_unbroken_chain():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("an in-memory SQLite test database is one shared-cache connection set; run on PostgreSQL")
    start = threading.Barrier(WRITERS)
    errors = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                record(AuditKind.DATA_EXPORTED, actor=SYSTEM, data={"writer": n, "i": i})
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, WRITERS * EACH + 1))
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert out.getvalue().startswith(f"audit log chain OK: {WRITERS * EACH} record(s)")
