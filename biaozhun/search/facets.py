"""Facet counts over the hits of a query: one terms aggregation per facet, but the five dense facets of a handful of
values (documents.COMBINED_FACETS) counted together from one single-valued field and split here.

tantivy's aggregations cost per value read for every hit: the dense facets (tier, status, full text, adoption …)
each read one value from every hit, while sparse ones (industry, city, committee …) skip most hits. Reading one
combined value instead of five takes most of that work away (docs/decisions/0016-search-long-tail-triples-lean-way.md).
"""

from __future__ import annotations

import tantivy

from .documents import COMBINED, COMBINED_FACETS, COMBINED_SEPARATOR, FACETS

# Above each facet's number of values, so that counts stay exact across segments.
FACET_SEGMENT_SIZE = 5000
# Above the number of combinations of COMBINED_FACETS' values (a few hundred at most); past it, field by field.
COMBINED_SIZE = 5000


def _terms(field: str, size: int, segment_size: int) -> dict:
    return {"terms": {"field": field, "size": size, "segment_size": segment_size}}


def _buckets(raw: dict, name: str) -> list[tuple[str, int]]:
    return [(str(b["key"]), int(b["doc_count"])) for b in raw.get(name, {}).get("buckets", [])]


def count_facets(searcher: tantivy.Searcher, tquery: tantivy.Query, names: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Each named facet's values among the hits, most frequent first, at most FACETS[name] of them; the combined
    facets sorted by count, then value."""
    combined = [name for name in names if name in COMBINED_FACETS]
    aggregations = {name: _terms(name, FACETS[name], FACET_SEGMENT_SIZE) for name in names if name not in combined}
    if combined:
        aggregations[COMBINED] = _terms(COMBINED, COMBINED_SIZE, COMBINED_SIZE)
    raw = searcher.aggregate(tquery, aggregations)
    counts = {name: _buckets(raw, name) for name in names if name not in combined}
    if not combined:
        return counts
    found = raw.get(COMBINED, {})
    if found.get("sum_other_doc_count") or found.get("doc_count_error_upper_bound"):  # cut: count them one by one
        raw = searcher.aggregate(tquery, {name: _terms(name, FACETS[name], FACET_SEGMENT_SIZE) for name in combined})
        return {**counts, **{name: _buckets(raw, name) for name in combined}}
    totals: dict[str, dict[str, int]] = {name: {} for name in combined}
    positions = [(COMBINED_FACETS.index(name), totals[name]) for name in combined]
    for bucket in found.get("buckets", []):
        values, count = bucket["key"].split(COMBINED_SEPARATOR), int(bucket["doc_count"])
        for position, total in positions:
            if value := values[position]:
                total[value] = total.get(value, 0) + count
    for name, total in totals.items():
        counts[name] = sorted(total.items(), key=lambda item: (-item[1], item[0]))[: FACETS[name]]
    return counts
