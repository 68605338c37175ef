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
    assert client.get("/api/v1/search/", {"q": "锂离子电池"}).json()["facets"] == {}  # counted only when asked
    body = client.get("/api/v1/search/", {"q": "锂离子电池", "facets": "true"}).json()
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


def test_space_free_chinese_finds_element_separated_titles(client, advanced):
    body = client.get("/api/v1/search/", {"q": "锂离子电池安全要求"}).json()
    assert [hit["identifier"] for hit in body["hits"]] == ["GB/T 14726-2002"]
    assert body["hits"][0]["highlight_zh"] == "<mark>锂离子电池 安全要求</mark>"


def test_advanced_filters_in_the_api(client, advanced):
    def ids(**params):
        return {hit["identifier"] for hit in client.get("/api/v1/search/", params).json()["hits"]}

    assert ids(published_from="2020-01-01") == {"DB3301/T 0500-2020"}
    assert ids(implemented_to="2010-01-01") == {"GB/T 14726-2002"}
    assert ids(responsible_unit="电工电子") == {"GB/T 14726-2002"}
    assert ids(drafting_unit="杭州市") == {"DB3301/T 0500-2020"}
    assert ids(adopted="yes") == {"GB/T 14726-2002"}
    assert ids(fulltext="no") == {"GB/T 14726-2002", "DB3301/T 0500-2020"}
    assert ids(city="3301") == {"DB3301/T 0500-2020"}
    facets = client.get("/api/v1/search/", {"q": "锂离子电池", "facets": "true"}).json()["facets"]
    assert {f["value"]: f["count"] for f in facets["city"]} == {"3301": 1}
    assert {f["value"]: f["count"] for f in facets["adopted"]} == {"yes": 1, "no": 1}


def test_a_reversed_date_range_is_a_400_that_says_which_field(client, advanced):
    response = client.get("/api/v1/search/", {"published_from": "2021-01-01", "published_to": "2020-01-01"})
    assert response.status_code == 400
    body = response.json()
    assert (body["reason"], body["field"], body["start"], body["stop"]) == (
        "reversed_range", "published", "2021-01-01", "2020-01-01")
    assert "2021-01-01" in body["title"]


@pytest.mark.parametrize(("params", "field"), [({"published_from": "0"}, "published_from"),
                                               ({"implemented_to": "2020/01/31"}, "implemented_to"),
                                               ({"adopted": "maybe"}, "adopted")])
def test_malformed_dates_and_yes_no_values_are_422_naming_the_field(client, advanced, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith(field)


def test_a_day_that_does_not_exist_is_a_400_bad_date(client, advanced):
    body = client.get("/api/v1/search/", {"published_from": "2020-02-30"}).json()
    assert (body["reason"], body["filter"], body["value"]) == ("bad_date", "published_from", "2020-02-30")


def test_a_too_short_organisation_name_is_a_400(client, advanced):
    body = client.get("/api/v1/search/", {"responsible_unit": "委"}).json()
    assert body["reason"] == "short_name" and body["filter"] == "responsible_unit"


def test_nothing_found_comes_with_suggestions(client, advanced):
    body = client.get("/api/v1/search/", {"q": "GB 14726-2002"}).json()
    assert body["total"] == 0
    assert body["suggestions"][0] == {"kind": "number", "query": "GB/T 14726-2002", "total": 1, "identifier": "",
                                      "title": "", "highlight": ""}
    body = client.get("/api/v1/search/", {"q": "锂离子电池储能安全"}).json()
    titles = [s for s in body["suggestions"] if s["kind"] == "title"]
    assert {s["identifier"] for s in titles} == {"GB/T 14726-2002", "DB3301/T 0500-2020"}
    assert all("<mark>" in s["highlight"] for s in titles)


def test_the_answer_has_the_documented_shape(client, indexed):
    """The view writes its JSON directly (no second validation): it must still be what SearchOut documents."""
    from biaozhun.search.api import SearchOut

    for params in ({"q": "锂离子电池"}, {"q": "锂离子电池", "facets": "true"}, {"q": "%"}, {"q": "", "page": 101, "page_size": 100}):
        response = client.get("/api/v1/search/", params)
        assert response["Content-Type"] == "application/json; charset=utf-8"
        body = response.json()
        assert SearchOut.model_validate(body).model_dump(mode="json") == body, params


def test_suggestions_have_the_documented_shape(client, advanced):
    from biaozhun.search.api import SearchOut

    for params in ({"q": "GB 14726-2002"}, {"q": "锂离子电池储能安全"}, {"q": "锂离子电池", "city": "1101"}):
        body = client.get("/api/v1/search/", params).json()
        assert body["suggestions"], params
        assert SearchOut.model_validate(body).model_dump(mode="json") == body, params
