"""Indicators of the catalogue: standards in force, their status, new and revised editions, standard age. The
catalogue is read once per as-of date (a few columns of every Chinese standard) and each standard's status on that
date is derived from its dates, not from today's stored status (`status_on`)."""

from __future__ import annotations

from datetime import date

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation, Status, Tier

from .registry import Context, Values, average, indicator, tally

# Columns of a catalogue row (plain tuples: millions of them at national scale).
ID, TIER, NATURE, STATUS, SINCE, PUBLISHED, IMPLEMENTED, ABOLISHED, CCS, ICS, REGION, TC, CONFIRMED = range(13)
ENDED = {Status.REPLACED.value, Status.ABOLISHED.value}
FIELD_DIMENSIONS = ("tier", "nature", "ccs", "ics", "region", "committee")
AGE_BANDS = ("0-5", "6-10", "11-15", "16-20", "21+")


def read_standards() -> list[tuple]:
    """Every Chinese standard of the catalogue (withdrawn editions left out), a few columns each."""
    return list(Standard.objects.exclude(tier=Tier.INTERNATIONAL).values_list(
        "id", "tier", "nature", "status", "status_since", "published_on", "implemented_on", "abolished_on",
        "ccs_id", "ics_id", "region_code", "tc_code", "confirmed_on").iterator(chunk_size=20_000))


def standards(context: Context) -> list[tuple]:
    return context.once("standards", read_standards)


def status_on(row: tuple, day: date) -> str | None:
    """The status the standard had on `day` from its dates (None: not yet published then). Abolition and
    replacement end it on their dates; a replaced or abolished standard whose date is unknown counts as ended."""
    published, implemented = row[PUBLISHED], row[IMPLEMENTED]
    if published is not None and published > day:
        return None
    if published is None and implemented is not None and implemented > day:
        return None
    if row[ABOLISHED] is not None and row[ABOLISHED] <= day:
        return Status.ABOLISHED.value
    if row[STATUS] in ENDED and (row[SINCE] is None or row[SINCE] <= day):
        return row[STATUS]
    start = implemented or published
    if start is not None and start > day:
        return Status.UPCOMING.value
    return Status.CURRENT.value


def committee_of(tc_code: str) -> str | None:
    """The technical committee a standard belongs to, subcommittees folded in (SAC/TC 151/SC 2 → SAC/TC 151)."""
    if not tc_code:
        return None
    return "/".join(tc_code.split("/")[:2])


def key_of(row: tuple, dimension: str) -> str | None:
    """A standard's key in a dimension (None: it has none there, e.g. a national standard has no region)."""
    if dimension == "tier":
        return row[TIER]
    if dimension == "nature":
        return row[NATURE] or None
    if dimension == "ccs":
        return row[CCS][:1] if row[CCS] else ""
    if dimension == "ics":
        return row[ICS][:2] if row[ICS] else ""
    if dimension == "region":
        return row[REGION][:2] if row[REGION] else None
    if dimension == "committee":
        return committee_of(row[TC])
    if dimension == "year":
        return str(row[PUBLISHED].year) if row[PUBLISHED] else None
    raise ValueError(dimension)


def in_force(context: Context) -> list[tuple]:
    """The standards in force (现行) on the as-of date."""
    return context.once("in_force", lambda: [row for row in standards(context)
                                             if status_on(row, context.as_of) == Status.CURRENT.value])


def revised_ids(context: Context) -> frozenset[int]:
    """Editions that replace an earlier one (a revision, 修订), as the catalogue's relations say."""
    return context.once("revised", lambda: frozenset(StandardRelation.objects.filter(kind=RelationKind.REPLACES)
                                                      .values_list("source_id", flat=True)))


def published_in_year(context: Context) -> list[tuple]:
    start = context.year_start
    return context.once("published", lambda: [row for row in standards(context) if row[PUBLISHED] is not None
                                               and start <= row[PUBLISHED] <= context.as_of])


@indicator("standards_in_force", dimensions=("total", *FIELD_DIMENSIONS, "year"))
def standards_in_force(context: Context, dimension: str) -> Values:
    return tally(in_force(context), lambda row: key_of(row, dimension), dimension)


@indicator("standards_by_status", dimensions=("total", "status"))
def standards_by_status(context: Context, dimension: str) -> Values:
    statuses = ((status_on(row, context.as_of), row) for row in standards(context))
    return tally([status for status, _row in statuses if status is not None], lambda status: status, dimension)


@indicator("standards_new", dimensions=("total", *FIELD_DIMENSIONS))
def standards_new(context: Context, dimension: str) -> Values:
    revised = revised_ids(context)
    rows = [row for row in published_in_year(context) if row[ID] not in revised]
    return tally(rows, lambda row: key_of(row, dimension), dimension)


@indicator("standards_revised", dimensions=("total", *FIELD_DIMENSIONS))
def standards_revised(context: Context, dimension: str) -> Values:
    revised = revised_ids(context)
    rows = [row for row in published_in_year(context) if row[ID] in revised]
    return tally(rows, lambda row: key_of(row, dimension), dimension)


def age_years(published: date, day: date) -> int:
    """Whole years from publication to `day` (标龄)."""
    years = day.year - published.year
    return years - 1 if (day.month, day.day) < (published.month, published.day) else years


def age_band(years: int) -> str:
    for band in AGE_BANDS[:-1]:
        low, high = (int(x) for x in band.split("-"))
        if low <= years <= high:
            return band
    return AGE_BANDS[-1]


@indicator("standard_age", dimensions=("age",))
def standard_age(context: Context, dimension: str) -> Values:
    """The standards in force per age band; every band is present (0 when empty)."""
    values: Values = dict.fromkeys(AGE_BANDS, 0)
    for row in in_force(context):
        if row[PUBLISHED] is not None:
            band = age_band(age_years(row[PUBLISHED], context.as_of))
            values[band] = (values[band] or 0) + 1
    return values


@indicator("standard_age_average", dimensions=("total", *FIELD_DIMENSIONS))
def standard_age_average(context: Context, dimension: str) -> Values:
    pairs = ((("" if dimension == "total" else key_of(row, dimension)), age_years(row[PUBLISHED], context.as_of))
             for row in in_force(context) if row[PUBLISHED] is not None)
    return average(pairs, dimension)
