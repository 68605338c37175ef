"""Facet counts over the hits of a query in four terms aggregations: the five dense facets of a handful of values
from one combined field (documents.COMBINED), the year on its own, and the eight sparse facets from the two fields
that hold them in groups (documents.SPARSE_GROUPS); the counts are split and summed here.

What tantivy's aggregations cost on the long tail (decisions 0016 and 0024): every aggregation reads its column for
every hit — a column of a field that few documents have costs a lookup per hit all the same — and comes back as
Python objects bucket by bucket. Reading one combined value where there were five, and two grouped values where
there were eight, takes most of that away; what is left is splitting the buckets here, so the groups are chosen to
give few distinct combinations. A query of more than SPARSE_MAX_HITS hits counts the sparse facets field by field.
"""

from __future__ import annotations

from operator import itemgetter

import tantivy

from .documents import (
    COMBINED,
    COMBINED_DEFAULT,
    COMBINED_FACETS,
    COMBINED_SEPARATOR,
    FACETS,
    SPARSE_GROUPS,
    split_sparse,
)

# Above each facet's number of values, so that counts stay exact across segments.
FACET_SEGMENT_SIZE = 5000
# Above the number of combinations of COMBINED_FACETS' values (a few hundred at most); past it, field by field.
COMBINED_SIZE = 5000
# Up to this many hits the sparse facets are counted from SPARSE_GROUPS (a group's buckets can be no more than the
# hits); past it, or should tantivy refuse the buckets, field by field.
SPARSE_MAX_HITS = 50_000
# The facets each group's values count (ccs1 from ccs, province and city from the region).
GROUP_FACETS = {"sparse_class": ("ccs1", "ccs", "ics", "tc"), "sparse_origin": ("industry", "province", "city", "degree")}
# Values already split in this process ((field, value) -> its parts); emptied when it grows past this.
SPLIT_CACHE_SIZE = 200_000
_split: dict[tuple[str, str], list] = {}
_count = itemgetter(1)


def _terms(field: str, size: int, segment_size: int) -> dict:
    return {"terms": {"field": field, "size": size, "segment_size": segment_size}}


def _buckets(raw: dict, name: str) -> list[tuple[str, int]]:
    return [(str(b["key"]), int(b["doc_count"])) for b in raw.get(name, {}).get("buckets", [])]


def _cut(found: dict) -> bool:
    return bool(found.get("sum_other_doc_count") or found.get("doc_count_error_upper_bound"))


def _ranked(totals: dict[str, int], name: str) -> list[tuple[str, int]]:
    """Most frequent first, then by value; at most FACETS[name] values (two sorts in C: the second is stable)."""
    items = sorted(totals.items())
    items.sort(key=_count, reverse=True)
    return items[: FACETS[name]]


def _parts(field: str, value: str) -> list[tuple[str, str]]:
    key = (field, value)
    parts = _split.get(key)
    if parts is None:
        if len(_split) >= SPLIT_CACHE_SIZE:
            _split.clear()
        parts = _split[key] = split_sparse(field, value)
    return parts


def count_facets(searcher: tantivy.Searcher, tquery: tantivy.Query, names: list[str], total: int, *,
                 grouped: bool = True) -> dict[str, list[tuple[str, int]]]:
    """Each named facet's values among the `total` hits of the query (their exact number: the combination left
    out of COMBINED is counted from it), most frequent first, at most FACETS[name] of them. grouped=False: the
    sparse facets field by field."""
    combined = [name for name in names if name in COMBINED_FACETS]
    groups = [field for field, served in GROUP_FACETS.items()
              if grouped and total <= SPARSE_MAX_HITS and any(name in names for name in served)]
    grouped = {name for field in groups for name in GROUP_FACETS[field]}
    alone = [name for name in names if name not in combined and name not in grouped]
    aggregations = {name: _terms(name, FACETS[name], FACET_SEGMENT_SIZE) for name in alone}
    if combined:
        aggregations[COMBINED] = _terms(COMBINED, COMBINED_SIZE, COMBINED_SIZE)
    for field in groups:
        aggregations[field] = _terms(field, SPARSE_MAX_HITS, SPARSE_MAX_HITS)
    try:
        raw = searcher.aggregate(tquery, aggregations)
    except ValueError:  # more buckets than tantivy allows in one request: field by field
        if not groups:
            raise
        return count_facets(searcher, tquery, names, total, grouped=False)
    counts = {name: _buckets(raw, name) for name in alone}
    recount = []
    if combined:
        found = raw.get(COMBINED, {})
        others = sum(bucket["doc_count"] for bucket in found.get("buckets", []))
        if _cut(found) or others > total:  # the second cannot happen (every standard has one combination)
            recount += combined
        else:
            counts.update(_split_combined(found.get("buckets", []), combined, total - others))
    exact = []
    for field in groups:
        if _cut(raw.get(field, {})):  # cannot happen up to SPARSE_MAX_HITS hits; exact all the same
            recount += [name for name in GROUP_FACETS[field] if name in names]
        else:
            exact.append(field)
    if exact:
        counts.update(_split_groups(raw, exact, [name for name in names if name in grouped and name not in recount]))
    if recount:
        raw = searcher.aggregate(tquery, {name: _terms(name, FACETS[name], FACET_SEGMENT_SIZE) for name in recount})
        counts.update({name: _buckets(raw, name) for name in recount})
    return counts


def _split_combined(buckets: list[dict], names: list[str], default: int) -> dict[str, list[tuple[str, int]]]:
    """The counts of the COMBINED_FACETS `names` from the buckets of COMBINED, and the `default` hits that have
    COMBINED_DEFAULT (not written to the field)."""
    totals: dict[str, dict[str, int]] = {name: {} for name in names}
    positions = [(COMBINED_FACETS.index(name), totals[name]) for name in names]
    pairs = [(bucket["key"], bucket["doc_count"]) for bucket in buckets]
    if default:
        pairs.append((COMBINED_DEFAULT, default))
    for key, count in pairs:
        values = key.split(COMBINED_SEPARATOR)
        for position, found in positions:
            if value := values[position]:
                found[value] = found.get(value, 0) + count
    return {name: _ranked(found, name) for name, found in totals.items()}


def _split_groups(raw: dict, fields: list[str], names: list[str]) -> dict[str, list[tuple[str, int]]]:
    """The counts of the wanted facets `names` from the buckets of the group fields."""
    totals: dict[str, dict[str, int]] = {part: {} for field in fields for part in SPARSE_GROUPS[field]}
    for field in fields:
        for bucket in raw[field]["buckets"]:
            count = bucket["doc_count"]
            for part, value in _parts(field, bucket["key"]):
                found = totals[part]
                found[value] = found.get(value, 0) + count
    if "ccs" in totals:
        classes = totals["ccs1"] = {}
        for code, count in totals["ccs"].items():
            classes[code[0]] = classes.get(code[0], 0) + count
    if "region" in totals:
        provinces: dict[str, int] = {}
        cities: dict[str, int] = {}
        totals["province"], totals["city"] = provinces, cities
        for region, count in totals.pop("region").items():
            provinces[region[:2]] = provinces.get(region[:2], 0) + count
            if len(region) == 4:
                cities[region] = count
    return {name: _ranked(totals[name], name) for name in names}
