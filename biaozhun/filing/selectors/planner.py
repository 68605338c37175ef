"""A hint to SQLite's planner, which other databases ignore: an order sorted rather than walked, with SQLite's
unary + (bench/bench_filing_list.py shows the plan it avoids)."""

from django.db.models import Func


class RowOrder(Func):
    """A column to sort by, not to walk an index by (SQLite's unary +): a number's few editions are found on
    the edition index and then sorted, rather than found by walking all filings in date order."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)
