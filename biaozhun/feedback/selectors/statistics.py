"""Statistics of feedback per committee (the standard's TC/SC) and per handling department: volume, answered,
time to answer (working days from receipt to the answer), and the overdue share: the items answered after their
answer deadline or still open past it, out of all items. Each table is one GROUP BY read from a covering index
(Feedback.Meta.indexes: feedback_committee, feedback_handler), so it stays fast with 100k items and more; a year
filter reads the same indexes. The totals are the sums of a table's rows (no second scan). A table is kept in the
cache for CACHE_SECONDS (keyed by the day, the view and the year), so a busy page does not count 100k rows on every
request; figures are at most that old."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.committees.models import Committee
from biaozhun.rules.feedback import OPEN

from ..models import Feedback

CACHE_SECONDS = 300
DEPARTMENT_KINDS = (OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.BUREAU,
                    OrganisationKind.NATIONAL_ADMINISTRATION)
SORTS = {"volume": "total", "overdue": "overdue_share", "days": "average_days"}


@dataclass
class Row:
    key: int
    total: int
    answered: int
    average_days: float | None
    late: int
    open_overdue: int
    code: str = ""
    name: str = ""

    @property
    def overdue(self) -> int:
        return self.late + self.open_overdue

    @property
    def overdue_share(self) -> float:
        return self.overdue / self.total if self.total else 0.0

    @property
    def overdue_percent(self) -> float:
        return round(100 * self.overdue_share, 1)


def _period(items: QuerySet[Feedback], year: int | None) -> QuerySet[Feedback]:
    if year is None:
        return items
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))
    return items.filter(received_at__gte=start, received_at__lt=end)


def _grouped(items: QuerySet[Feedback], column: str, today: date) -> list[Row]:
    rows = (items.order_by().values(column).annotate(
        total=Count("pk"), answered=Count("answer_working_days"), average_days=Avg("answer_working_days"),
        late=Count("pk", filter=Q(answered_late=True)),
        open_overdue=Count("pk", filter=Q(state__in=OPEN, answer_due__lt=today))))
    return [Row(key=row[column], total=row["total"], answered=row["answered"], average_days=row["average_days"],
                late=row["late"], open_overdue=row["open_overdue"]) for row in rows]


def summed(rows: list[Row]) -> Row:
    """The totals of a table: counts added up, the average weighted by the answered items."""
    answered = sum(r.answered for r in rows)
    days = sum((r.average_days or 0) * r.answered for r in rows)
    return Row(key=0, total=sum(r.total for r in rows), answered=answered,
               average_days=days / answered if answered else None, late=sum(r.late for r in rows),
               open_overdue=sum(r.open_overdue for r in rows))


def _sorted(rows: list[Row], sort: str) -> list[Row]:
    attribute = SORTS.get(sort, "total")
    return sorted(rows, key=lambda r: (-(getattr(r, attribute) or 0), r.key))


def _cached(view: str, today: date, year: int | None, compute) -> list[Row]:
    key = f"feedback:statistics:{view}:{today.isoformat()}:{year or 'all'}"
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, CACHE_SECONDS)
    return rows


def by_committee(*, today: date, year: int | None = None, sort: str = "volume") -> list[Row]:
    """One row per committee with feedback on its standards (name them with `name_rows` for a page)."""
    def compute() -> list[Row]:
        return _grouped(_period(Feedback.objects.filter(committee__isnull=False), year), "committee", today)

    return _sorted(_cached("committee", today, year, compute), sort)


def by_department(*, today: date, year: int | None = None, sort: str = "volume") -> list[Row]:
    """One row per department, bureau (or the national administration) handling items."""
    def compute() -> list[Row]:
        ids = list(Organisation.objects.filter(kind__in=DEPARTMENT_KINDS).values_list("pk", flat=True))
        return _grouped(_period(Feedback.objects.filter(assigned_to__in=ids), year), "assigned_to", today)

    return _sorted(_cached("department", today, year, compute), sort)


def name_rows(rows: list[Row], *, committees: bool) -> list[Row]:
    """Fill in code and name of the rows on a page (one query)."""
    keys = [row.key for row in rows]
    if committees:
        names = {c.pk: (c.code, c.name_zh) for c in Committee.objects.filter(pk__in=keys).only("code", "name_zh")}
    else:
        names = {o.pk: ("", o.name) for o in Organisation.objects.filter(pk__in=keys).only("name")}
    for row in rows:
        row.code, row.name = names.get(row.key, ("", ""))
    return rows


def as_dict(row: Row) -> dict[str, Any]:
    return {"code": row.code, "name": row.name, "total": row.total, "answered": row.answered,
            "average_answer_working_days": round(row.average_days, 1) if row.average_days is not None else None,
            "answered_late": row.late, "open_overdue": row.open_overdue, "overdue_share": round(row.overdue_share, 4)}
