"""Search API: the engine's results, totals and facets as JSON; bad searches as problem+json."""

import pytest

from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(search_index):
    make_standard("GB/T 14726-2002", title_zh="锂离子电池 安全要求")
    make_standard("DB11/T 500-2020", title_zh="锂离子电池 储能系统")
    make_standard("GB/T 19001-2016", title_zh="质量管理体系 要求")
    search_index()


def test_search_by_words_with_facets(client, indexed):
    body = client.get("/api/v1/search/", {"q": "锂离子电池"}).json()
    assert body["total"] == 2
    assert {hit["identifier"] for hit in body["hits"]} == {"GB/T 14726-2002", "DB11/T 500-2020"}
    assert "<mark>" in body["hits"][0]["highlight_zh"]
    assert {f["value"]: f["count"] for f in body["facets"]["tier"]} == {"national": 1, "local": 1}


def test_filters_and_numbers(client, indexed):
    body = client.get("/api/v1/search/", {"q": "锂离子电池", "tier": "local"}).json()
    assert [hit["identifier"] for hit in body["hits"]] == ["DB11/T 500-2020"]
    body = client.get("/api/v1/search/", {"q": "gbt19001"}).json()
    assert body["hits"][0]["identifier"] == "GB/T 19001-2016"


def test_unknown_filter_value_and_bad_sort(client, indexed):
    response = client.get("/api/v1/search/", {"sort": "random"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_a_search_the_engine_refuses_is_problem_json_with_the_reason(client, monkeypatch, search_index):
    from biaozhun.search import api
    from biaozhun.search.engine import SearchError

    class Refusing:
        def search(self, query):
            raise SearchError("unknown_filter", message="不能按“colour”筛选", filter="colour")

    monkeypatch.setattr(api, "get_engine", lambda: Refusing())
    response = client.get("/api/v1/search/", {"q": "电池"})
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["reason"], body["filter"], body["title"]) == (
        "bad_search", "unknown_filter", "colour", "不能按“colour”筛选")


def test_pages_past_ten_thousand_results_are_empty_not_errors(client, indexed):
    body = client.get("/api/v1/search/", {"page": 200, "page_size": 100}).json()
    assert body["hits"] == [] and body["total"] == 3


def test_a_query_longer_than_the_limit_is_a_422_problem(client, indexed):
    response = client.get("/api/v1/search/", {"q": "锂" * 201})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"].endswith("q")
    assert client.get("/api/v1/search/", {"q": "锂" * 200}).status_code == 200


@pytest.mark.parametrize("text", ["%", "*", "(((", "％", "- / ?", "《》", "'"])
def test_punctuation_alone_finds_nothing_with_a_note(client, indexed, text):
    body = client.get("/api/v1/search/", {"q": text}).json()
    assert body["total"] == 0 and body["hits"] == [] and body["facets"] == {}
    assert "没有可以检索的字词" in body["note"] and body["suggestions"] == []


def test_the_nothing_to_search_note_in_english(client, indexed):
    body = client.get("/api/v1/search/", {"q": "***"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["total"] == 0 and "nothing to search for" in body["note"]


def test_an_empty_query_still_browses_everything(client, indexed):
    body = client.get("/api/v1/search/", {"q": "  "}).json()
    assert body["total"] == 3 and body["note"] is None
