"""Indicators of standards development: periodic reviews on time (复审) and the development cycle (立项 → 发布)."""

from __future__ import annotations

from datetime import date

from biaozhun.catalog.models import Tier
from biaozhun.development.models import PeriodicReview, Project
from biaozhun.rules import stats as rules

from . import catalogue
from .registry import Context, Values, average, indicator

REVIEWED_TIERS = {Tier.NATIONAL.value, Tier.INDUSTRY.value, Tier.LOCAL.value}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def last_reviews(context: Context) -> dict[int, date]:
    """Each standard's latest periodic review concluded on or before the as-of date."""

    def read() -> dict[int, date]:
        latest: dict[int, date] = {}
        for standard_id, concluded_on in (PeriodicReview.objects.filter(concluded_on__lte=context.as_of)
                                          .values_list("standard_id", "concluded_on").iterator(chunk_size=20_000)):
            if standard_id not in latest or concluded_on > latest[standard_id]:
                latest[standard_id] = concluded_on
        return latest

    return context.once("reviews", read)


@indicator("reviews_on_time", dimensions=("total", "tier", "committee"))
def reviews_on_time(context: Context, dimension: str) -> Values:
    """Of the national, industry and local standards in force that are at least one review interval old, the share
    (%) reviewed within the interval before the as-of date (the review, a confirmation, or the edition itself)."""
    interval = rules.REVIEW_INTERVAL_YEARS
    cutoff = _years_before(context.as_of, interval)
    reviews = last_reviews(context)
    counts: dict[str, list[int]] = {}
    for row in catalogue.in_force(context):
        if row[catalogue.TIER] not in REVIEWED_TIERS or row[catalogue.PUBLISHED] is None:
            continue
        if row[catalogue.PUBLISHED] > cutoff:
            continue  # not yet due
        key = "" if dimension == "total" else catalogue.key_of(row, dimension)
        if key is None:
            continue
        dates = [d for d in (reviews.get(row[catalogue.ID]), row[catalogue.CONFIRMED]) if d and d <= context.as_of]
        entry = counts.setdefault(key, [0, 0])
        entry[1] += 1
        if dates and max(dates) > cutoff:
            entry[0] += 1
    values: Values = {key: rules.percent(done, due) for key, (done, due) in counts.items()}
    if dimension == "total" and not values:
        values[""] = None
    return values


@indicator("development_cycle", dimensions=("total", "nature", "committee"))
def development_cycle(context: Context, dimension: str) -> Values:
    """The mean months from the plan's issue (立项) to publication, of the projects whose standard was published in
    the as-of year."""
    rows = (Project.objects.filter(standard__isnull=False, plan_issued_on__isnull=False,
                                   standard__published_on__gte=context.year_start,
                                   standard__published_on__lte=context.as_of)
            .values_list("plan_issued_on", "standard__published_on", "nature", "committee__code"))
    pairs = ((_key(dimension, nature, committee), rules.months_between(issued, published))
             for issued, published, nature, committee in rows)
    return average(pairs, dimension)


def _key(dimension: str, nature: str, committee: str) -> str | None:
    if dimension == "nature":
        return nature or None
    if dimension == "committee":
        return catalogue.committee_of(committee or "")
    return ""
