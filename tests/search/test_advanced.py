"""Advanced search (dates, organisations, full text, adoption, city) and what a search that finds nothing offers;
standards made through the catalogue services and indexed by the event-driven sync."""

import pytest

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import attach_full_text
from biaozhun.core.actors import SYSTEM
from biaozhun.search.engine import SearchError, SearchQuery, get_engine
from biaozhun.search.suggest import SuggestionKind, suggest
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(search_index):
    make_standard("GB/T 19001-2016/ISO 9001:2015", title_zh="质量管理体系 要求", published_on="2016-12-30",
                  implemented_on="2017-07-01", responsible_unit="全国质量管理和质量保证标准化技术委员会",
                  competent_department="国家标准化管理委员会", drafting_units=["中国标准化研究院", "中国质量认证中心"],
                  adopts=[{"identifier": "ISO 9001:2015", "degree": "IDT"}])
    make_standard("GB/T 31485-2015", title_zh="电动汽车用动力蓄电池安全要求及试验方法", published_on="2015-05-15",
                  implemented_on="2015-05-15", responsible_unit="全国汽车标准化技术委员会",
                  competent_department="工业和信息化部", drafting_units=["中国汽车技术研究中心"],
                  adopts=[{"identifier": "IEC 62660-1:2010", "degree": "NEQ"}])
    make_standard("DB3301/T 0123-2020", title_zh="锂离子电池 安全要求", published_on="2020-06-01",
                  implemented_on="2020-07-01", responsible_unit="杭州市市场监督管理局")
    make_standard("DB33/T 2000-2021", title_zh="锂离子电池储能电站 运行规范", published_on="2021-01-10",
                  implemented_on="2021-02-10")
    search_index()
    return search_index


def _ids(**filters) -> set[str]:
    result = get_engine().search(SearchQuery(filters={k: v if isinstance(v, list) else [v] for k, v in filters.items()},
                                             page_size=100))
    return {hit.identifier for hit in result.hits}


def test_date_ranges_are_inclusive_and_open_ended(catalogue):
    assert _ids(published_from="2016-12-30") == {"GB/T 19001-2016/ISO 9001:2015", "DB3301/T 0123-2020",
                                                 "DB33/T 2000-2021"}
    assert _ids(published_from="2015-05-15", published_to="2016-12-30") == {"GB/T 19001-2016/ISO 9001:2015",
                                                                            "GB/T 31485-2015"}
    assert _ids(implemented_to="2017-06-30") == {"GB/T 31485-2015"}
    assert _ids(implemented_from="2020-07-01", implemented_to="2020-07-01") == {"DB3301/T 0123-2020"}


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"published_from": "2020-01-01", "published_to": "2019-12-31"}, "reversed_range"),
        ({"implemented_from": "2020-13-01"}, "bad_date"),
        ({"published_to": "yesterday"}, "bad_date"),
        ({"responsible_unit": "委"}, "short_name"),
        ({"fulltext": "maybe"}, "bad_filter_value"),
        ({"published_from": ["2020-01-01", "2021-01-01"]}, "repeated_filter"),
        ({"colour": "red"}, "unknown_filter"),
    ],
)
def test_bad_filter_values_are_refused_with_a_reason(catalogue, filters, code):
    with pytest.raises(SearchError) as refused:
        _ids(**filters)
    assert refused.value.code == code


def test_organisations_by_part_of_their_name(catalogue):
    assert _ids(responsible_unit="汽车标准化") == {"GB/T 31485-2015"}
    assert _ids(responsible_unit="标准化技术委员会") == {"GB/T 19001-2016/ISO 9001:2015", "GB/T 31485-2015"}
    assert _ids(competent_department="工业和信息化部") == {"GB/T 31485-2015"}
    assert _ids(drafting_unit="质量认证") == {"GB/T 19001-2016/ISO 9001:2015"}
    assert _ids(drafting_unit="中国 标准化 研究院") == {"GB/T 19001-2016/ISO 9001:2015"}  # spaces ignored
    assert _ids(drafting_unit="研究院中国") == set()  # never across two drafting units


def test_adopted_counts_identical_and_modified_adoption_only(catalogue):
    assert _ids(adopted="yes") == {"GB/T 19001-2016/ISO 9001:2015"}
    assert "GB/T 31485-2015" in _ids(adopted="no")  # NEQ is not adoption


def test_city_facet_holds_city_level_local_standards(catalogue):
    assert _ids(city="3301") == {"DB3301/T 0123-2020"}
    result = get_engine().search(SearchQuery(text="锂离子电池", facets=True))
    assert dict(result.facets["city"]) == {"3301": 1}
    assert dict(result.facets["province"]) == {"33": 2}


def test_a_full_text_attached_reaches_the_index_through_the_sync(catalogue):
    assert _ids(fulltext="yes") == set()
    standard = Standard.objects.get(identifier="GB/T 31485-2015")
    attach_full_text(actor=SYSTEM, standard=standard, content=render_standard_pdf(standard, references=[]))
    catalogue()  # the event-driven sync
    assert _ids(fulltext="yes") == {"GB/T 31485-2015"}
    assert dict(get_engine().search(SearchQuery(facets=True)).facets["fulltext"]) == {"yes": 1, "no": 3}


def _suggestions(text, **filters):
    engine = get_engine()
    query = SearchQuery(text=text, filters={k: [v] for k, v in filters.items()})
    assert engine.search(query).total == 0
    return [(s.kind, s.query, s.total, s.identifier) for s in suggest(engine, query)]


def test_a_number_not_found_suggests_its_other_nature_and_undated_forms(catalogue):
    assert _suggestions("GB 19001-2016")[0] == (SuggestionKind.NUMBER, "GB/T 19001-2016", 1, "")
    assert _suggestions("GB/T 31485-2099")[0] == (SuggestionKind.NUMBER, "GB/T 31485", 1, "")
    assert _suggestions("DB3301 0123-2020")[0] == (SuggestionKind.NUMBER, "DB3301/T 0123-2020", 1, "")


def test_a_typo_of_the_same_sound_suggests_the_pinyin_reading_and_the_closest_titles(catalogue):
    found = _suggestions("锂离子电尺安全")
    assert found[0] == (SuggestionKind.PINYIN, "li li zi dian chi an quan", 1, "")
    assert (SuggestionKind.TITLE, "", 1, "DB3301/T 0123-2020") in found


def test_typed_pinyin_suggests_the_characters_it_reads_as(catalogue):
    found = _suggestions("lizidianchianquanguanli")
    assert (SuggestionKind.CHARACTERS, "离子电池安全", 1, "") in found


def test_filters_that_exclude_everything_suggest_the_search_without_them(catalogue):
    assert _suggestions("锂离子电池", city="1101")[0] == (SuggestionKind.UNFILTERED, "锂离子电池", 2, "")


def test_nothing_in_common_suggests_nothing(catalogue):
    assert _suggestions("稻谷收购") == []
