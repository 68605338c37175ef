"""Hints to SQLite's planner, which other databases ignore: a condition tested per row, and an order sorted rather
than walked, each with SQLite's unary + (bench/bench_filing_list.py shows the plans each one avoids)."""

from django.db.models import Func, Lookup


class Unindexed(Lookup):
    """`field = value`, tested on each row rather than looked up in an index (SQLite's unary +). The list walks
    filings newest first and tests each one's status: 20 rows of a page, where the status index would gather
    every edition of that status (123,443 current ones) to sort them. Other databases plan this well already."""

    lookup_name = "unindexed"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = {rhs}", [*lhs_params, *rhs_params]

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class RowOrder(Func):
    """A column to sort by, not to walk an index by (SQLite's unary +): a number's few editions are found on
    the edition index and then sorted, rather than found by walking all filings in date order."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)
