"""Relevance order is BM25 score, then the static rank `tie` (in force before abolished, newer before older):
the rebuilt index is sorted by tie and documents the feed wrote since are ranked beside it. Checked against
sorting every hit, on the generated catalogue after a rebuild and a few catalogue changes."""

from datetime import date

import pytest

from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import abolish_standard
from biaozhun.core.actors import SYSTEM
from biaozhun.search import tantivy_engine
from biaozhun.search.queries import full_query
from biaozhun.search.tantivy_engine import TantivyEngine, ranked
from biaozhun.text import analyse, cjk_runs

from .test_catalogue import _titles


def _every_hit_sorted(searcher, tquery):
    """(score, tie, sid) of every hit in relevance order; equal (score, tie) pairs may come in any order."""
    count = searcher.search(tquery, 1).count
    hits = searcher.search(tquery, max(count, 1)).hits
    ties = searcher.fast_field_values("tie", [a for _s, a in hits]) if hits else []
    sids = searcher.fast_field_values("sid", [a for _s, a in hits]) if hits else []
    return sorted(((score, tie, sid) for (score, _a), tie, sid in zip(hits, ties, sids, strict=True)),
                  key=lambda item: (-item[0], -item[1]))


def _key(items):
    return [(round(score, 4), round(tie, 9)) for score, tie, _sid in items]


@pytest.mark.parametrize("fresh_max", [5000, 3])  # the second: fresh hits past FRESH_MAX are weighted by tantivy
def test_pages_follow_score_then_static_rank(generated_catalogue, monkeypatch, fresh_max):
    monkeypatch.setattr(tantivy_engine, "FRESH_MAX", fresh_max)
    titles = _titles()
    # Changes after the rebuild: written by the feed as fresh documents in segments of their own.
    changed = list(Standard.objects.filter(status="current", published_on__lt=date(2026, 1, 1)).order_by("id")[:40])
    for standard in changed[:10]:
        abolish_standard(actor=SYSTEM, standard=standard, on=date(2026, 1, 1), reason="test")
    writer = TantivyEngine(generated_catalogue.root)
    writer.index_standards(Standard.objects.filter(pk__in=[s.pk for s in changed]))
    writer.commit()
    writer.finish()
    reader = TantivyEngine(generated_catalogue.root)
    searcher, _generation = reader._searcher()
    queries = sorted({run[i : i + n] for title in titles.values() for run in cjk_runs(title)
                      for n in (1, 2, 3) for i in range(0, max(len(run) - n + 1, 0), 3)})
    assert len(queries) > 200
    checked = 0
    for text in queries:
        tquery = full_query(reader.schema, analyse(text), {})
        expected = _every_hit_sorted(searcher, tquery)
        for limit, offset in ((20, 0), (5, 0), (5, 5), (3, 12)):
            total, addresses = ranked(searcher, reader.schema, tquery, limit, offset)
            assert total == len(expected), text
            if fresh_max < 5000:
                continue  # weighted by tantivy past FRESH_MAX: near-equal scores may swap
            got = _every_hit_sorted(searcher, tquery)  # same list; take the page's own (score, tie, sid)
            by_sid = {sid: (score, tie, sid) for score, tie, sid in got}
            page = [by_sid[sid] for sid in searcher.fast_field_values("sid", addresses)] if addresses else []
            assert _key(page) == _key(expected[offset : offset + limit]), (text, limit, offset)
            checked += 1
    assert checked or fresh_max < 5000


def test_a_rebuild_writes_one_segment_sorted_by_static_rank(generated_catalogue):
    searcher, _generation = TantivyEngine(generated_catalogue.root)._searcher()
    assert searcher.num_segments == 1
    browse = full_query(generated_catalogue.engine.schema, analyse(""), {})
    everything = searcher.search(browse, searcher.num_docs).hits
    addresses = sorted((a for _s, a in everything), key=lambda a: a.doc)
    ties = searcher.fast_field_values("tie", addresses)
    assert ties == sorted(ties, reverse=True)  # document order is static-rank order
