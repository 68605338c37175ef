"""Read every matching standard id straight from the index (the engine pages at most 100), and count facets in the
database."""

from collections import Counter

from biaozhun.catalog.models import FullText, RelationKind, Standard, StandardRelation
from biaozhun.search.queries import full_query
from biaozhun.text import analyse


def all_ids(engine, text: str, filters: dict | None = None) -> set[int]:
    searcher = engine.index().searcher()
    query = full_query(engine.schema, analyse(text), filters or {})
    found = searcher.search(query, 100_000)
    return set(searcher.fast_field_values("sid", [address for _score, address in found.hits]))


def db_facets(ids: set[int]) -> dict[str, Counter]:
    """What each facet should count over these standards, from the catalogue's rows."""
    counts: dict[str, Counter] = {name: Counter() for name in
                                  ("tier", "nature", "status", "ccs1", "ccs", "ics", "industry", "province", "city",
                                   "tc", "year", "degree", "fulltext", "adopted")}
    rows = Standard.objects.filter(id__in=ids).values_list(
        "tier", "nature", "status", "ccs_id", "ics_codes", "industry_code", "region_code", "tc_code", "year"
    )
    for tier, nature, status, ccs, ics, industry, region, tc, year in rows:
        counts["tier"][tier] += 1
        counts["nature"][nature] += bool(nature)
        counts["status"][status] += 1
        if ccs:
            counts["ccs1"][ccs[0]] += 1
            counts["ccs"][ccs] += 1
        for field in {code[:2] for code in ics}:
            counts["ics"][field] += 1
        counts["industry"][industry] += bool(industry)
        counts["province"][region[:2]] += bool(region)
        counts["city"][region[:4]] += len(region) >= 4
        counts["tc"][tc] += bool(tc)
        counts["year"][str(year)] += bool(year)
    degrees = StandardRelation.objects.filter(source_id__in=ids, kind=RelationKind.ADOPTS).exclude(degree="")
    for degree, n in Counter(set(degrees.values_list("source_id", "degree"))).items():
        counts["degree"][degree[1]] += n
    adopting = set(degrees.filter(degree__in=["IDT", "MOD"]).values_list("source_id", flat=True))
    counts["adopted"].update({"yes": len(adopting), "no": len(ids) - len(adopting)})
    with_text = set(FullText.objects.filter(standard_id__in=ids).values_list("standard_id", flat=True))
    counts["fulltext"].update({"yes": len(with_text), "no": len(ids) - len(with_text)})
    return {name: Counter({k: v for k, v in c.items() if v}) for name, c in counts.items()}
