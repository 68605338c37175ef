"""The catalogue as the adoption rate reads it: every ISO/IEC edition and every resolved adoption, two queries of
a few columns each (rules/adoption.py does the arithmetic). At national scale (a few tens of thousands of ISO/IEC
editions, ~40k adoptions) both together take well under the 2 s budget (docs/benchmarks.md); the adoptions are
read through the partial index catalog_rel_adopts (catalog migration 0011)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.db import connection

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation, Tier
from biaozhun.rules.adoption import Adoption, Life, Record


@dataclass(frozen=True, slots=True)
class Catalogue:
    records: list[Record]
    adoptions: list[Adoption]

    def by_id(self) -> dict[int, Record]:
        return {r.id: r for r in self.records}


def _raw(queryset) -> list[tuple]:
    """The rows of a values_list query without Django's per-value converters (60 % of the read's time on 70k rows
    at national scale): dates and JSON are read here, from text (SQLite) or as the driver gives them."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _day(value) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _codes(value) -> tuple[str, ...]:
    if isinstance(value, str):  # a JSON column read raw by values_list on some back ends
        try:
            value = json.loads(value)
        except ValueError:
            return ()
    return tuple(str(code) for code in value or () if code)


def international_records() -> list[Record]:
    """Every ISO/IEC edition. A replaced one whose replacement date is not recorded (an ISO/IEC edition has no
    implementation date, so the replacing one gives none) ends, for past years, when the edition replacing it was
    published; if that is not in the catalogue either, on its own start (counted in no past year)."""
    rows = _raw(Standard.objects.filter(tier=Tier.INTERNATIONAL).order_by()
                .values_list("id", "identifier", "prefix", "published_on", "implemented_on", "status", "status_since",
                             "status_by", "abolished_on", "ics_codes", "ics_id", "ccs_id", "industry_classes",
                             "tc_code"))
    published = {row[1]: _day(row[3]) for row in rows}
    records = []
    for (pk, _identifier, prefix, day, implemented, status, since, by, abolished, ics_codes, ics, ccs, industry,
         tc) in rows:
        day, implemented, since, abolished = _day(day), _day(implemented), _day(since), _day(abolished)
        codes = _codes(ics_codes) or ((ics,) if ics else ())
        starts = implemented or day
        if status == "replaced" and since is None:
            since = published.get(by) or starts
        records.append(Record(
            id=pk, prefix=prefix, published_on=day,
            life=Life(status=status, starts_on=starts, status_since=since, abolished_on=abolished),
            ics=codes, ccs=ccs or "", industry=_codes(industry), tc=tc.strip()))
    return records


def adoptions() -> list[Adoption]:
    rows = _raw(StandardRelation.objects.filter(kind=RelationKind.ADOPTS, target__isnull=False,
                                                source__withdrawn_at__isnull=True).order_by()
                .values_list("target_id", "degree", "source__tier", "source__status", "source__implemented_on",
                             "source__published_on", "source__status_since", "source__abolished_on"))
    return [Adoption(target_id=target, degree=degree, tier=tier,
                     life=Life(status=status, starts_on=_day(implemented) or _day(published),
                               status_since=_day(since), abolished_on=_day(abolished)))
            for target, degree, tier, status, implemented, published, since, abolished in rows]


def catalogue() -> Catalogue:
    return Catalogue(international_records(), adoptions())
