"""Against the generated "tiny" catalogue: recall equals a substring scan; facets equal database counts."""

from collections import Counter

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
from biaozhun.search.documents import FACETS
from biaozhun.search.engine import SearchQuery
from biaozhun.text import cjk_runs, squeeze

from .helpers import all_ids, db_facets


def _titles() -> dict[int, str]:
    return dict(Standard.objects.values_list("id", "title_zh"))


def _queries(titles: dict[int, str]) -> list[str]:
    """Every 1- and 2-character substring of the titles' Chinese runs, and 3–8 character substrings of every
    third title with its spaces and punctuation removed (across its elements, digits and Latin included)."""
    queries: set[str] = set()
    for n, title in enumerate(sorted(titles.values())):
        for run in cjk_runs(title):
            queries.update(run[i : i + 1] for i in range(len(run)))
            queries.update(run[i : i + 2] for i in range(len(run) - 1))
        if n % 3 == 0:
            squeezed = squeeze(title)
            for size in (3, 4, 6, 8):
                queries.update(squeezed[i : i + size] for i in range(0, len(squeezed) - size + 1, 2))
    return sorted(q for q in queries if cjk_runs(q))


def test_chinese_recall_equals_a_substring_scan_of_the_squeezed_titles(generated_catalogue):
    """Found: exactly the titles that contain the query once spaces and punctuation are ignored on both sides."""
    titles = _titles()
    assert sum(" " in title for title in titles.values()) > 50  # element-separated titles are in the set
    queries = _queries(titles)
    assert len(queries) > 300
    assert sum(squeeze(q) not in {run for t in titles.values() for run in cjk_runs(t)} for q in queries) > 100
    squeezed = {i: squeeze(title) for i, title in titles.items()}
    wrong = {}
    for query in queries:
        expected = {i for i, title in squeezed.items() if squeeze(query) in title}
        found = all_ids(generated_catalogue.engine, query)
        if found != expected:
            wrong[query] = (len(expected), len(found))
    assert wrong == {}
    # Through the engine: the total of the most common 2-character term equals the scan; every hit is marked.
    common = Counter(
        q for t in titles.values() for q in {run[i : i + 2] for run in cjk_runs(t) for i in range(len(run) - 1)}
    )
    term, count = common.most_common(1)[0]
    result = generated_catalogue.engine.search(SearchQuery(text=term))
    assert result.total == count
    assert all(f"<mark>{term}</mark>" in hit.highlight_zh for hit in result.hits)


def test_facet_counts_equal_database_counts(generated_catalogue):
    engine = generated_catalogue.engine
    for text in ("", "要求", "方法"):
        result = engine.search(SearchQuery(text=text, facets=True))
        expected = db_facets(all_ids(engine, text))
        for name, counts in expected.items():
            shown = result.facets[name]
            assert len(shown) == min(FACETS[name], len(counts)), name  # the most frequent values, up to the size
            assert all(counts[value] == n for value, n in shown), name
            assert [n for _v, n in shown] == sorted(counts.values(), reverse=True)[: len(shown)], name
        assert result.total == sum(expected["tier"].values())


def test_filters_combine_with_and_across_facets_and_or_within_and_follow_adoption(generated_catalogue):
    engine = generated_catalogue.engine
    filters = {"tier": ["national", "industry"], "status": ["current"]}
    ids = all_ids(engine, "", filters)
    expected = set(Standard.objects.filter(tier__in=["national", "industry"], status="current").values_list("id", flat=True))
    assert ids == expected and ids
    result = engine.search(SearchQuery(filters=filters))
    assert result.total == len(expected)
    assert {hit.tier for hit in result.hits} <= {"national", "industry"}
    idt = set(StandardRelation.objects.filter(kind=RelationKind.ADOPTS, degree="IDT").values_list("source_id", flat=True))
    assert idt and all_ids(engine, "", {"degree": ["IDT"]}) == idt


def test_every_number_finds_its_edition_first(generated_catalogue):
    engine = generated_catalogue.engine
    for identifier in Standard.objects.order_by("id").values_list("edition", flat=True)[::7]:
        result = engine.search(SearchQuery(text=identifier, page_size=5))
        assert result.hits and result.hits[0].identifier.startswith(identifier), identifier


def test_facets_fixed_by_a_single_valued_filter_equal_counted_ones(generated_catalogue):
    engine = generated_catalogue.engine
    some = Standard.objects.exclude(ccs_id=None).exclude(ccs_id="").order_by("id").first()
    for filters in ({"tier": ["national"]}, {"status": ["current"], "tier": ["local", "group"]},
                    {"ccs": [some.ccs_id]}, {"year": ["1900"]}):
        result = engine.search(SearchQuery(text="", filters=filters, facets=True))
        expected = db_facets(all_ids(engine, "", filters))
        for name, counts in expected.items():
            shown = result.facets[name]
            assert len(shown) == min(FACETS[name], len(counts)), (filters, name)
            assert all(counts[value] == n for value, n in shown), (filters, name)
        assert result.total == sum(expected["tier"].values()), filters


def test_browsing_everything_is_precomputed_by_the_writer_for_its_commit_only(generated_catalogue):
    from biaozhun.search.tantivy_engine import BROWSE_FILE, TantivyEngine

    root = generated_catalogue.root
    reader = TantivyEngine(root)
    reader._searcher()
    assert len(reader._results) == 1  # primed from BROWSE_FILE, written when the rebuild finished
    primed = reader.search(SearchQuery(facets=True))
    (reader._directory / BROWSE_FILE).unlink()
    counted = TantivyEngine(root).search(SearchQuery(facets=True))
    assert (primed.total, primed.hits, primed.facets) == (counted.total, counted.hits, counted.facets)

    writer = TantivyEngine(root)
    writer.delete([counted.hits[0].standard_id])
    writer.commit()
    assert reader.search(SearchQuery()).total == counted.total - 1  # a new commit: counted again
    writer.finish()
    fresh = TantivyEngine(root)
    fresh._searcher()
    assert len(fresh._results) == 1
    result = fresh.search(SearchQuery(facets=True))
    assert result.total == counted.total - 1 and result.hits[0].standard_id != counted.hits[0].standard_id
    assert dict(result.facets["tier"]) == dict(reader.search(SearchQuery(facets=True)).facets["tier"])
