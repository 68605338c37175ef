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
