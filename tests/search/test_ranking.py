"""Relevance order: BM25 × the tie factor (in force before abolished, newer before older), computed by re-ranking
the best hits by score alone, must be the order tantivy gives when it weights every hit."""

import pytest

from biaozhun.search import tantivy_engine
from biaozhun.search.queries import full_query
from biaozhun.search.tantivy_engine import ranked
from biaozhun.text import analyse, cjk_runs

from .test_catalogue import _titles


def _weighted(searcher, tquery, limit, offset):
    found = searcher.search(tquery, limit, offset=offset, weight_by_field="tie")
    return found.count, [(a.segment_ord, a.doc) for _s, a in found.hits]


@pytest.mark.parametrize("depth,minimum", [(2, 40), (1, 0)])  # the second takes the exactness check to its edge
def test_re_ranked_pages_equal_weighting_every_hit(generated_catalogue, monkeypatch, depth, minimum):
    monkeypatch.setattr(tantivy_engine, "RERANK_DEPTH", depth)
    monkeypatch.setattr(tantivy_engine, "RERANK_MIN", minimum)
    engine = generated_catalogue.engine
    searcher, _generation = engine._searcher()
    queries = sorted({run[i : i + n] for title in _titles().values() for run in cjk_runs(title)
                      for n in (1, 2, 3) for i in range(0, max(len(run) - n + 1, 0), 2)})
    assert len(queries) > 200
    calls = {"exact": 0, "weighted": 0}
    original = searcher.search

    class Counting:
        def search(self, query, limit, **options):
            calls["weighted" if "weight_by_field" in options else "exact"] += 1
            return original(query, limit, **options)

        def fast_field_values(self, *args):
            return searcher.fast_field_values(*args)

    counting = Counting()
    for text in queries:
        tquery = full_query(engine.schema, analyse(text), {})
        for limit, offset in ((20, 0), (5, 0), (5, 5), (3, 12)):
            total, addresses = ranked(counting, tquery, limit, offset)
            assert (total, [(a.segment_ord, a.doc) for a in addresses]) == _weighted(searcher, tquery, limit, offset), (
                text, limit, offset)
    assert calls["exact"] > 0  # both ways were taken
    assert calls["weighted"] > 0 or minimum
