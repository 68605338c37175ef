"""Facet counts read from the combined and sparse fields (decision 0024) stay exact: after the feed updates, adds and
withdraws standards document by document, across segments, and whichever way a query's facets are counted."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import abolish_standard, update_standard
from biaozhun.catalog.services.withdrawal import withdraw_standard
from biaozhun.core.actors import SYSTEM
from biaozhun.search import facets as facets_module
from biaozhun.search.documents import (
    COMBINED_FACETS,
    FACETS,
    SPARSE_FACETS,
    SPARSE_GROUPS,
    facet_values,
    sparse_values,
    split_sparse,
)
from biaozhun.search.engine import SearchQuery
from biaozhun.search.feed import sync
from biaozhun.search.queries import full_query
from biaozhun.text import analyse
from tests.fixtures.catalog import make_standard

from .helpers import all_ids, db_facets

pytestmark = pytest.mark.django_db

QUERIES = ("", "要求", "方法", "技术", "电")


def _assert_exact(engine, text: str, filters: dict | None = None) -> None:
    result = engine.search(SearchQuery(text=text, filters=filters or {}, facets=True))
    expected = db_facets(all_ids(engine, text, filters))
    assert result.total == sum(expected["tier"].values()), (text, filters)
    for name, counts in expected.items():
        shown = result.facets[name]
        assert len(shown) == min(FACETS[name], len(counts)), (text, filters, name)
        assert all(counts[value] == n for value, n in shown), (text, filters, name, shown, counts)
        assert [n for _v, n in shown] == sorted(counts.values(), reverse=True)[: len(shown)], (text, name)


def _feed_changes() -> list[int]:
    """Change the sparse and dense facets of some standards, add a few, withdraw some: the ids withdrawn."""
    national = list(Standard.objects.filter(identifier__startswith="GB").exclude(ccs=None).order_by("id")[:12])
    other_ccs = national[-1].ccs_id
    for n, standard in enumerate(national[:8]):
        changes = [{"ccs": other_ccs}, {"ics": ["13.020.01", "29.220"]}, {"tc_code": "SAC/TC 999"},
                   {"ccs": None, "ics": [], "tc_code": ""},
                   {"adopts": [{"identifier": "ISO 9999:2020", "degree": "MOD"}]}][n % 5]
        update_standard(actor=SYSTEM, standard=standard, changes=changes, expected_version=standard.version)
    abolish_standard(actor=SYSTEM, standard=national[8], on=date(2020, 1, 1), reason="test")
    make_standard("DB33/T 9001-2024", title_zh="电动自行车 技术要求", ccs=other_ccs, ics=["43.140"])
    make_standard("DB3301/T 9002-2024", title_zh="城市道路 检测方法")
    make_standard("JB/T 9003-2024", title_zh="机床 安全要求", tc_code="SAC/TC 999",
                  adopts=[{"identifier": "ISO 9003:2020", "degree": "NEQ"}])
    withdrawn = [national[9], national[10], Standard.objects.filter(identifier__startswith="DB").order_by("id").first()]
    for standard in withdrawn:
        withdraw_standard(actor=SYSTEM, standard=standard, reason="标准号填写错误")
    return [standard.pk for standard in withdrawn]


def test_facet_counts_stay_exact_after_the_feed_updates_adds_and_withdraws(generated_catalogue):
    engine = generated_catalogue.engine
    withdrawn = _feed_changes()
    report = sync(engine)
    assert report.reindexed >= 11 and report.deleted == 3
    assert engine.index().searcher().num_segments > 1  # the rebuilt segment and the feed's
    for text in QUERIES:
        assert not set(withdrawn) & all_ids(engine, text)
        _assert_exact(engine, text)
    for filters in ({"tier": ["local"]}, {"tc": ["SAC/TC 999"]}, {"ics": ["29"]}, {"degree": ["MOD", "NEQ"]}):
        _assert_exact(engine, "", filters)
    changed = engine.search(SearchQuery(filters={"tc": ["SAC/TC 999"]}, facets=True))
    assert changed.total == Standard.objects.filter(tc_code="SAC/TC 999").count() > 1
    assert dict(changed.facets["degree"])["NEQ"] == 1  # the new JB/T standard's


def test_facet_counts_stay_exact_once_the_feeds_segments_are_merged(generated_catalogue):
    engine = generated_catalogue.engine
    _feed_changes()
    sync(engine, batch_size=3)  # a commit per three events: many small segments, merged in the background
    engine.finish()
    for text in QUERIES:
        _assert_exact(engine, text)


@pytest.mark.parametrize("text", QUERIES)
def test_sparse_facets_counted_together_equal_them_counted_field_by_field(generated_catalogue, monkeypatch, text):
    engine = generated_catalogue.engine
    _feed_changes()
    sync(engine)
    together = engine.search(SearchQuery(text=text, facets=True)).facets
    monkeypatch.setattr(facets_module, "SPARSE_MAX_HITS", 0)  # as a query with more hits counts them
    engine._facet_cache.clear()
    one_by_one = engine.search(SearchQuery(text=text, facets=True)).facets
    assert {name: sorted(values) for name, values in together.items()} == {
        name: sorted(values) for name, values in one_by_one.items()}
    assert any(together[name] for name in SPARSE_FACETS)


def test_a_filter_fixing_one_sparse_facet_leaves_the_others_counted(generated_catalogue):
    engine = generated_catalogue.engine
    some = Standard.objects.exclude(ccs=None).order_by("id").first()
    facets = engine.search(SearchQuery(filters={"ccs": [some.ccs_id]}, facets=True)).facets
    expected = db_facets(all_ids(engine, "", {"ccs": [some.ccs_id]}))
    assert facets["ccs"] == [(some.ccs_id, sum(expected["ccs"].values()))]
    assert dict(facets["ics"]) == expected["ics"] and dict(facets["tc"]) == expected["tc"]


codes = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@given(ccs=codes, ics=st.lists(codes.filter(bool), max_size=3), industry=codes, tc=codes, region=codes,
       degrees=st.lists(st.sampled_from(["IDT", "MOD", "NEQ"]), unique=True))
def test_a_sparse_value_reads_back_as_the_facet_values_it_was_written_from(ccs, ics, industry, tc, region, degrees):
    row = {"tier": "local", "ccs_id": ccs, "ics_codes": ics, "industry_code": industry, "tc_code": tc,
           "region_code": region, "degrees": degrees}
    values = facet_values(row)
    read = [pair for field, value in sparse_values(values, region).items() for pair in split_sparse(field, value)]
    expected = [(name, value) for name in ("ccs", "ics", "tc", "industry", "degree") for value in values[name]]
    expected += [("region", region[:4] if len(region) >= 4 else region[:2])] if region else []
    assert sorted(read) == sorted(expected)


def test_the_combination_left_out_of_the_index_is_counted_as_the_rest_of_the_total(generated_catalogue):
    """COMBINED_DEFAULT (an enterprise standard in force, no full text, adopting nothing) is not written to the
    combined field; its count is what the other combinations leave of the total."""
    engine = generated_catalogue.engine
    enterprise = Standard.objects.filter(tier="enterprise", status="current")
    assert enterprise.count() > 5
    for filters in ({}, {"tier": ["enterprise"]}, {"tier": ["enterprise", "national"], "status": ["current"]},
                    {"tier": ["national"]}):
        _assert_exact(engine, "", filters)
    some = enterprise.order_by("id").first()
    result = engine.search(SearchQuery(text=some.identifier, facets=True))
    assert (result.total, dict(result.facets["tier"]), dict(result.facets["status"])) == (
        1, {"enterprise": 1}, {"current": 1})
    assert dict(result.facets["fulltext"]) == {"no": 1} and dict(result.facets["adopted"]) == {"no": 1}


class _RefusingGroups:
    """A searcher that refuses aggregations over the grouped fields, as tantivy does past its bucket limit."""

    def __init__(self, searcher):
        self.searcher, self.refused = searcher, 0

    def aggregate(self, query, aggregations):
        if set(aggregations) & set(SPARSE_GROUPS):
            self.refused += 1
            raise ValueError("Aborting aggregation because bucket limit was exceeded. Limit: 65000")
        return self.searcher.aggregate(query, aggregations)


def _count(engine, text: str, searcher=None) -> tuple[int, dict]:
    query = full_query(engine.schema, analyse(text), {})
    total = engine.search(SearchQuery(text=text)).total
    return total, facets_module.count_facets(searcher or engine.index().searcher(), query, list(FACETS), total)


@pytest.mark.parametrize("text", ["", "要求"])
def test_groups_refused_by_tantivy_are_counted_field_by_field(generated_catalogue, text):
    engine = generated_catalogue.engine
    _total, expected = _count(engine, text)
    refusing = _RefusingGroups(engine.index().searcher())
    counted = _count(engine, text, refusing)[1]
    assert refusing.refused == 1
    assert {name: sorted(values) for name, values in counted.items()} == {
        name: sorted(values) for name, values in expected.items()}
    in_db = db_facets(all_ids(engine, text))
    assert dict(counted["tier"]) == in_db["tier"] and dict(counted["status"]) == in_db["status"]


def test_a_combined_aggregation_cut_short_is_counted_again_field_by_field(generated_catalogue, monkeypatch):
    engine = generated_catalogue.engine
    total, expected = _count(engine, "")
    monkeypatch.setattr(facets_module, "COMBINED_SIZE", 1)  # fewer buckets than combinations: tantivy cuts it
    _total, cut = _count(engine, "")
    for name in COMBINED_FACETS:
        assert sorted(cut[name]) == sorted(expected[name]), name
    assert sum(n for _v, n in cut["tier"]) == total > 0
    assert db_facets(all_ids(engine, ""))["tier"] == dict(cut["tier"])
