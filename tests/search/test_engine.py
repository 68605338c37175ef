"""The engine on a handful of standards made through the catalogue services: numbers, sorts, ties, pinyin."""

from datetime import date

import pytest
from django.utils import translation

from biaozhun.catalog.models import Standard
from biaozhun.core.actors import SYSTEM
from biaozhun.search.engine import SearchError, SearchQuery, get_engine
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(search_path):
    """A writer of the test's index (get_engine() only reads), with five standards in it."""
    from biaozhun.search.tantivy_engine import TantivyEngine

    make_standard("GB/T 19001-2008", title_zh="质量管理体系 要求", published_on="2008-10-29",
                  implemented_on="2009-03-01")
    make_standard("GB/T 19001-2016/ISO 9001:2015", title_zh="质量管理体系 要求", replaces=["GB/T 19001-2008"],
                  title_en="Quality management systems—Requirements", adopts=[{"identifier": "ISO 9001:2015",
                                                                               "degree": "IDT"}])
    make_standard("GB/T 31485-2015", title_zh="电动汽车用动力蓄电池安全要求及试验方法", ccs="T35", ics=["43.080"],
                  published_on="2015-05-15", implemented_on="2015-05-15",
                  title_en="Safety requirements and test methods for traction battery of electric vehicle")
    make_standard("DB11/T 1234-2015", title_zh="锂离子电池 安全要求", ccs="K82", ics=["29.220"],
                  published_on="2015-05-15", implemented_on="2015-05-15")
    make_standard("GB/T 19001.1-2020", title_zh="质量管理体系 第1部分：术语", published_on="2020-03-01",
                  implemented_on="2020-10-01")
    engine = TantivyEngine(search_path)
    engine.index_standards(Standard.objects.all())
    engine.commit()
    yield engine
    engine.close()


def _ids(result):
    return [hit.identifier for hit in result.hits]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("GB/T 19001-2016", "GB/T 19001-2016/ISO 9001:2015"),
        ("gbt19001-2008", "GB/T 19001-2008"),
        ("GB/T 19001.1", "GB/T 19001.1-2020"),
        ("DB11/T 1234", "DB11/T 1234-2015"),
        ("31485", "GB/T 31485-2015"),
        ("ISO 9001", "GB/T 19001-2016/ISO 9001:2015"),
    ],
)
def test_numbers_full_and_partial(engine, text, first):
    assert _ids(engine.search(SearchQuery(text=text)))[0] == first


def test_undated_number_finds_every_edition_in_force_first(engine):
    result = engine.search(SearchQuery(text="GB/T 19001"))
    assert _ids(result)[:2] == ["GB/T 19001-2016/ISO 9001:2015", "GB/T 19001-2008"]  # exact undated match on top
    assert result.total == 3  # the part 19001.1 too, after them


def test_equal_relevance_in_force_before_replaced_then_newer_first(engine):
    result = engine.search(SearchQuery(text="质量管理体系 要求"))
    assert _ids(result) == ["GB/T 19001-2016/ISO 9001:2015", "GB/T 19001-2008"]
    assert result.hits[1].status == "replaced"


def test_sort_by_date_and_by_number(engine):
    by_date = _ids(engine.search(SearchQuery(sort="date")))
    assert by_date[:2] == ["GB/T 19001.1-2020", "GB/T 19001-2016/ISO 9001:2015"]
    by_number = _ids(engine.search(SearchQuery(sort="number")))
    expected = list(Standard.objects.order_by("sort_key").values_list("identifier", flat=True))
    assert by_number == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lizidianchi", {"DB11/T 1234-2015"}),
        ("lzdc", {"DB11/T 1234-2015"}),
        ("dianchi anquan", {"DB11/T 1234-2015", "GB/T 31485-2015"}),  # one pinyin phrase, spaces ignored
        ("dianchianquan", {"DB11/T 1234-2015", "GB/T 31485-2015"}),
        ("电池安全", {"DB11/T 1234-2015", "GB/T 31485-2015"}),
        ("battery", {"GB/T 31485-2015"}),
        ("safety requirements", {"GB/T 31485-2015"}),
        ("电池 安全", {"DB11/T 1234-2015", "GB/T 31485-2015"}),
        ("池", {"DB11/T 1234-2015", "GB/T 31485-2015"}),
    ],
)
def test_words_pinyin_and_initials(engine, text, expected):
    assert set(_ids(engine.search(SearchQuery(text=text)))) == expected


def test_highlight_is_escaped_html_with_marks(engine):
    hit = engine.search(SearchQuery(text="锂离子")).hits[0]
    assert hit.highlight_zh == "<mark>锂离子</mark>电池 安全要求"
    hit = engine.search(SearchQuery(text="battery")).hits[0]
    assert "traction <mark>battery</mark>" in hit.highlight_en


def test_pages_and_filters(engine):
    first = engine.search(SearchQuery(page_size=2))
    second = engine.search(SearchQuery(page=2, page_size=2))
    assert first.total == second.total == 5
    assert not set(_ids(first)) & set(_ids(second))
    local = engine.search(SearchQuery(filters={"province": ["11"]}))
    assert _ids(local) == ["DB11/T 1234-2015"]
    assert engine.search(SearchQuery(filters={"ccs1": ["T"], "ics": ["43"]})).total == 1
    assert dict(engine.search(SearchQuery(text="要求", facets=True)).facets["status"]) == {"current": 3, "replaced": 1}
    assert engine.search(SearchQuery(text="要求")).facets == {}  # counted only when asked


def test_bad_queries_are_refused_with_a_code_and_a_reason_in_the_readers_language(engine):
    with pytest.raises(SearchError, match="不能按“colour”筛选") as caught:
        engine.search(SearchQuery(filters={"colour": ["red"]}))
    assert (caught.value.code, caught.value.data["filter"]) == ("unknown_filter", "colour")
    with pytest.raises(SearchError) as caught:
        engine.search(SearchQuery(sort="title"))
    assert caught.value.code == "unknown_sort"
    with translation.override("en"):
        with pytest.raises(SearchError, match="Page numbers start at 1") as caught:
            engine.search(SearchQuery(page=0))
        assert caught.value.code == "bad_page"
        with pytest.raises(SearchError, match="narrow") as caught:
            engine.search(SearchQuery(page=10_000, page_size=100))
        assert (caught.value.code, caught.value.data) == ("beyond_last_page", {"max_offset": 10_000})


def test_delete_and_clear(engine):
    standard = Standard.objects.get(identifier="DB11/T 1234-2015")
    engine.delete([standard.pk])
    engine.commit()
    assert engine.search(SearchQuery(text="锂离子")).total == 0
    engine.clear()
    assert engine.search(SearchQuery()).total == 0


def test_get_engine_defaults_to_var_dir_and_never_creates_an_empty_index(settings, tmp_path):
    from biaozhun.search.engine import IndexMissing, forget_engines, search_settings

    del settings.BIAOZHUN_SEARCH
    settings.VAR_DIR = tmp_path
    forget_engines()
    assert search_settings() == ("tantivy", tmp_path / "search")
    with pytest.raises(IndexMissing):  # a reader reports the missing index instead of answering "0 results"
        get_engine().search(SearchQuery())
    assert not (tmp_path / "search").exists()
    forget_engines()


def test_in_force_before_abolished_even_when_older(engine):
    from biaozhun.catalog.services import abolish_standard

    standard = Standard.objects.get(identifier="DB11/T 1234-2015")
    abolish_standard(actor=SYSTEM, standard=standard, on=date(2020, 1, 1), reason="test")
    older = make_standard("DB31/T 99-2014", title_zh="锂离子电池 安全要求", ccs="K82", ics=["29.220"],
                          published_on="2014-05-15", implemented_on="2014-06-01")
    engine.index_standards([Standard.objects.get(pk=standard.pk), older])
    engine.commit()
    hits = engine.search(SearchQuery(text="锂离子电池")).hits
    assert [(h.identifier, h.status) for h in hits] == [("DB31/T 99-2014", "current"), ("DB11/T 1234-2015", "abolished")]


def test_cached_results_and_facets_follow_each_commit_of_another_process(engine, search_path):
    """Results and facet counts are cached per commit: a commit by another writer is seen at the next search,
    even when it changes counts and not the total."""
    from biaozhun.catalog.services import abolish_standard
    from biaozhun.search.tantivy_engine import TantivyEngine

    reader = TantivyEngine(search_path)  # a web process; `engine` writes, as the sync command would
    query = SearchQuery(text="锂离子电池", facets=True)
    first = reader.search(query)
    assert reader.search(query).facets == first.facets  # served from the cache
    assert dict(first.facets["status"]) == {"current": 1}
    standard = Standard.objects.get(identifier="DB11/T 1234-2015")
    abolish_standard(actor=SYSTEM, standard=standard, on=date(2020, 1, 1), reason="test")
    engine.index_standards([Standard.objects.get(pk=standard.pk)])
    engine.commit()
    second = reader.search(query)
    assert second.total == first.total == 1
    assert dict(second.facets["status"]) == {"abolished": 1}
    assert [hit.status for hit in second.hits] == ["abolished"]
    reader.close()


def test_partial_numbers_find_the_numbers_they_begin_after_the_numbers_they_name(engine):
    engine.index_standards([make_standard("GB/T 1900-2010", title_zh="测试标准")])
    engine.commit()
    result = engine.search(SearchQuery(text="GB/T 1900"))
    assert _ids(result)[0] == "GB/T 1900-2010"
    assert set(_ids(result)[1:]) == {"GB/T 19001-2016/ISO 9001:2015", "GB/T 19001-2008", "GB/T 19001.1-2020"}
    assert _ids(engine.search(SearchQuery(text="1900")))[0] == "GB/T 1900-2010"
    assert _ids(engine.search(SearchQuery(text="DB11/T 12"))) == ["DB11/T 1234-2015"]
    assert _ids(engine.search(SearchQuery(text="314"))) == ["GB/T 31485-2015"]
    # Too short to expand (GB/T 1…, 19…), and a dated number is only that edition.
    assert engine.search(SearchQuery(text="GB/T 1")).total == 0
    assert engine.search(SearchQuery(text="19")).total == 0
    assert _ids(engine.search(SearchQuery(text="GB/T 1900-2010"))) == ["GB/T 1900-2010"]


def _per_field_counts(engine, text: str, filters=None) -> dict:
    """Each facet counted by an aggregation over its own field: what the combined counting must equal."""
    from biaozhun.search.documents import FACETS
    from biaozhun.search.queries import full_query
    from biaozhun.text import analyse

    searcher = engine._searcher()[0]
    raw = searcher.aggregate(full_query(engine.schema, analyse(text), filters or {}),
                             {name: {"terms": {"field": name, "size": FACETS[name]}} for name in FACETS})
    return {name: sorted((str(b["key"]), int(b["doc_count"])) for b in raw[name]["buckets"]) for name in FACETS}


@pytest.mark.parametrize("text", ["要求", "质量管理", "", "电池"])
def test_facets_counted_together_equal_each_facet_counted_on_its_own(engine, text):
    facets = engine.search(SearchQuery(text=text, facets=True)).facets
    assert {name: sorted(values) for name, values in facets.items()} == _per_field_counts(engine, text)
    for name in ("tier", "nature", "status", "fulltext", "adopted"):  # most frequent first, then by value
        assert facets[name] == sorted(facets[name], key=lambda item: (-item[1], item[0]))


def test_a_filter_fixing_one_combined_facet_leaves_the_others_counted(engine):
    facets = engine.search(SearchQuery(text="要求", filters={"status": ["current"]}, facets=True)).facets
    assert facets["status"] == [("current", 3)]
    assert dict(facets["tier"]) == {"national": 2, "local": 1}
    assert dict(facets["adopted"]) == {"yes": 1, "no": 2}


def test_combined_facets_are_counted_field_by_field_when_their_combinations_are_cut(engine, monkeypatch):
    from biaozhun.search import facets as facets_module

    whole = engine.search(SearchQuery(text="要求", facets=True)).facets
    monkeypatch.setattr(facets_module, "COMBINED_SIZE", 1)
    engine._facet_cache.clear()
    cut = engine.search(SearchQuery(text="要求", facets=True)).facets
    assert {name: sorted(values) for name, values in cut.items()} == {
        name: sorted(values) for name, values in whole.items()}
    assert dict(cut["status"]) == {"current": 3, "replaced": 1}
