"""The home page's and the feeds' date-ordered lists of upcoming and abolished editions read a partial index in
order instead of sorting every such edition (48,754 upcoming ones at national scale: 170 ms on PostgreSQL).
SQLite receives the status as a bound parameter and does not match it to a partial index; there the lists were
never slow (docs/benchmarks.md: the whole home page in 67 ms at national scale)."""

import pytest
from django.db import connection

from biaozhun.catalog.models import Standard, Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("status", "order", "index"), [
    (Status.UPCOMING, ("implemented_on", "id"), "catalog_std_upcoming"),
    (Status.ABOLISHED, ("-abolished_on", "-id"), "catalog_std_abolished"),
])
def test_the_dated_lists_read_their_partial_index(status, order, index):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plan (SQLite does not match a bound parameter to a partial index)")
    with connection.cursor() as cursor:  # a test table is nearly empty: without this the plan is a coin toss
        cursor.execute("SET LOCAL enable_seqscan = off")  # between scanning it and reading an index
    plan = Standard.objects.filter(status=status).order_by(*order)[:10].explain()
    assert index in plan
