"""Reads the adoption pages, the API and the export share: the rate per field and overall with the facts behind
it, the trend, the fields under the goal, the candidates of a field and the names of fields.

A result is cached under the query and the catalogue's version (the newest catalogue event's id: every write to
the catalogue, the daily status sweep included, appends one), so a public page asked again costs one indexed
look-up, and a change to the catalogue is seen at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Max

from biaozhun.catalog.models import Standard, StandardEvent
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.reference.models import CcsCode, IcsCode, IndustryClass
from biaozhun.rules import adoption as rules

from . import rows
from .params import Query

TREND_YEARS = 10
CACHE_TTL = 3600


@dataclass(frozen=True)
class Result:
    query: Query
    today: date
    tally: rules.Tally
    trend: list[tuple[int, rules.Rate]]
    names: dict[str, str]

    @property
    def below(self) -> list[tuple[str, rules.Rate]]:
        return self.tally.below(rules.GOAL)


def catalogue_version() -> int:
    return StandardEvent.objects.aggregate(last=Max("id"))["last"] or 0


def compute(query: Query, *, today: date | None = None) -> Result:
    """The rate of a query, uncached (the benchmark measures this)."""
    today = today or clock.today()
    data = rows.catalogue()
    tally = rules.tally(data.records, data.adoptions, query.scope, dimension=query.dimension, level=query.level,
                        within=query.within)
    years = range(today.year - TREND_YEARS + 1, today.year + 1)
    trend = rules.trend(data.records, data.adoptions, query.scope, years, today, dimension=query.dimension,
                        within=query.within)
    trend[-1] = (today.year, tally.overall)  # this year's point is today's figure (the stored statuses)
    return Result(query, today, tally, trend, field_names(query.dimension, list(tally.fields)))


def rate(query: Query, *, today: date | None = None) -> Result:
    """The rate of a query, from the cache while the catalogue has not changed."""
    today = today or clock.today()
    key = f"adoption:{catalogue_version()}:{today.isoformat()}:{query.key()}"
    found = cache.get(key)
    if found is None:
        found = compute(query, today=today)
        cache.set(key, found, CACHE_TTL)
    return found


def candidate_records(query: Query, field: str = "", *,
                      data: rows.Catalogue | None = None) -> list[rules.Record]:
    """The ISO/IEC editions in scope in a field (or the query's `within`, or all) that no counted adoption covers,
    newest first. `data`: the catalogue already read (the export reads it once for every field)."""
    data = data or rows.catalogue()
    within = field or query.within
    adopted = rules.adopted_ids(data.adoptions, query.scope)
    return rules.candidates(data.records, adopted, query.scope,
                            matches=lambda r: not within or rules.in_field(r, query.dimension, within))


def standards_of(records: list[rules.Record]) -> list[Standard]:
    """The catalogue rows of some records, in their order."""
    return standards_by_ids([r.id for r in records])


def standards_by_ids(ids: list[int]) -> list[Standard]:
    """The catalogue rows of some ISO/IEC editions, in the order of `ids`."""
    objects = (Standard.objects.only("identifier", "title_zh", "title_en", "published_on", "tc_code", "status",
                                     "ics_id").in_bulk(ids))
    return [objects[pk] for pk in ids if pk in objects]


def candidates(query: Query, field: str = "", *, data: rows.Catalogue | None = None) -> list[Standard]:
    return standards_of(candidate_records(query, field, data=data))


def field_ids(query: Query, field: str) -> frozenset[int]:
    """The ISO/IEC editions of a field, in force or not (for the list of adoptions behind)."""
    from dataclasses import replace

    records = rows.international_records()
    wide = replace(query.scope, in_force_only=False, publishers=frozenset(rules.PUBLISHERS),
                   deliverables=frozenset(rules.DELIVERABLES), published_before=None)
    return frozenset(r.id for r in records if wide.counts_record(r) and rules.in_field(r, query.dimension, field))


def field_names(dimension: str, codes: list[str]) -> dict[str, str]:
    """A readable name for each field: the ICS, CCS and industry classes' names, a committee's Chinese mirror."""
    codes = [c for c in codes if c]
    if not codes:
        return {}
    if dimension == "ics":
        return {code: zh or en for code, zh, en in
                IcsCode.objects.filter(code__in=codes).values_list("code", "name_zh", "name_en")}
    if dimension == "ccs":
        return dict(CcsCode.objects.filter(code__in=codes).values_list("code", "name_zh"))
    if dimension == "industry":
        return dict(IndustryClass.objects.filter(code__in=codes).values_list("code", "name_zh"))
    mirrors: dict[str, str] = {}
    for counterpart, code, name in (Committee.objects.filter(international_counterpart__in=codes)
                                    .order_by("code").values_list("international_counterpart", "code", "name_zh")):
        mirrors.setdefault(counterpart, f"{code} {name}")
    return mirrors
