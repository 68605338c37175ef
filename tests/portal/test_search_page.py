"""The search page with queries that are too long or have nothing to search for."""

import pytest

from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(search_index):
    make_standard("GB/T 14726-2002", title_zh="锂离子电池 安全要求")
    make_standard("GB/T 19001-2016", title_zh="质量管理体系 要求")
    search_index()


def test_search_boxes_have_a_maximum_length(client, indexed):
    for path in ("/", "/standards/", "/no-such-page/"):
        assert 'maxlength="200"' in client.get(path).content.decode(), path


def test_a_query_longer_than_the_limit_gets_a_polite_message(client, indexed):
    response = client.get("/standards/", {"q": "锂离子电池" * 41})  # 205 characters
    page = response.content.decode()
    assert response.status_code == 200
    assert "检索词过长：您输入了 205 个字符，最多 200 个。" in page
    assert "GB/T 14726-2002" not in page and "共 " not in page
    assert f'value="{"锂离子电池" * 40}"' in page  # the first 200 characters, to shorten


def test_a_long_query_message_in_english(client, indexed):
    client.cookies["django_language"] = "en"
    page = client.get("/standards/", {"q": "x" * 300}).content.decode()
    assert "too long" in page and "300" in page


@pytest.mark.parametrize("text", ["%", "*", "(((", "％％", "? - /", "'"])
def test_punctuation_alone_finds_nothing_and_says_what_to_type(client, indexed, text):
    page = client.get("/standards/", {"q": text}).content.decode()
    assert "中没有可以检索的字词" in page
    assert "GB/T 14726-2002" not in page and "GB/T 19001-2016" not in page
    assert "保存此检索" not in page


def test_nothing_to_search_in_english(client, indexed):
    client.cookies["django_language"] = "en"
    page = client.get("/standards/", {"q": "%"}).content.decode()
    assert "nothing to search for" in page and "GB/T 19001-2016" not in page


def test_an_empty_query_browses_everything(client, indexed):
    page = client.get("/standards/", {"q": ""}).content.decode()
    assert "GB/T 14726-2002" in page and "GB/T 19001-2016" in page and "没有可以检索" not in page


def test_space_free_query_finds_and_marks_the_title_with_its_spaces(client, advanced):
    page = client.get("/standards/", {"q": "电池安全"}).content.decode()
    assert "锂离子<mark>电池 安全</mark>要求" in page
    assert "DB3301/T 0500-2020" not in page


def test_the_advanced_form_filters_and_keeps_its_values(client, advanced):
    page = client.get("/standards/", {"q": "锂离子电池", "published_from": "2020-01-01", "adopted": "no",
                                      "drafting_unit": "杭州"}).content.decode()
    assert "DB3301/T 0500-2020" in page and "GB/T 14726-2002" not in page
    assert 'id="advanced-search" open' in page
    assert 'name="published_from" value="2020-01-01"' in page
    assert '<option value="no" selected>' in page
    assert 'name="drafting_unit" maxlength="100" value="杭州"' in page
    assert "发布日期起: 2020-01-01 ×" in page  # a chip that removes it


def test_the_city_facet_is_shown_with_its_name(client, advanced):
    from biaozhun.reference.models import RegionCode

    RegionCode.objects.get_or_create(code="33", defaults={"name_zh": "浙江省", "level": "province"})
    RegionCode.objects.get_or_create(code="3301", defaults={"name_zh": "杭州市", "level": "city", "parent_id": "33"})
    from django.core.cache import cache

    cache.clear()
    page = client.get("/standards/facets/", {"q": "锂离子电池"}).content.decode()
    assert "设区的市" in page and "杭州市" in page and "city=3301" in page


def test_facets_come_beside_the_results_not_with_them(client, advanced):
    """The page sends its results and a box that fetches the counts; the box's link shows them without script."""
    page = client.get("/standards/", {"q": "锂离子电池", "tier": "local"}).content.decode()
    assert 'data-facets-src="/standards/facets/?q=' in page and "tier=local" in page
    assert "设区的市" not in page  # not counted for the page itself
    inline = client.get("/standards/", {"q": "锂离子电池", "facets": "1"}).content.decode()
    assert "设区的市" in inline and "data-facets-src" not in inline
    assert "facets=1" in inline  # the facet links keep showing the counts
    fragment = client.get("/standards/facets/", {"q": "锂离子电池", "tier": "local"}).content.decode()
    assert "<html" not in fragment and "aria-current" in fragment  # the chosen tier is marked
    assert client.get("/standards/facets/", {"q": "%"}).content.decode().strip().endswith("</p>")  # nothing to count


def test_a_reversed_date_range_on_the_page_says_so(client, advanced):
    page = client.get("/standards/", {"published_from": "2021-01-01", "published_to": "2020-01-01"}).content.decode()
    assert "日期范围颠倒" in page and "GB/T 14726-2002" not in page


def test_nothing_found_suggests_the_number_the_reading_and_the_closest_titles(client, advanced):
    page = client.get("/standards/", {"q": "GB 14726-2002"}).content.decode()
    assert 'id="suggestions"' in page and "?q=GB%2FT+14726-2002" in page
    page = client.get("/standards/", {"q": "锂离子电尺"}).content.decode()
    assert "按拼音检索" in page and "li li zi dian chi" in page
    assert "标题最接近的标准" in page and "<mark>锂离子电</mark>池 安全要求" in page


def test_filters_that_exclude_everything_offer_the_search_without_them(client, advanced):
    page = client.get("/standards/", {"q": "锂离子电池", "city": "1101"}).content.decode()
    assert "去掉全部筛选条件" in page and 'href="?q=%E9%94%82%E7%A6%BB%E5%AD%90%E7%94%B5%E6%B1%A0"' in page
