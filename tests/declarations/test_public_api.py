"""The read API (/api/v1/declarations/): the search with the page's filters and keyset pages, an enterprise, a
declaration with its indicators, warnings and history, one version."""

import pytest

pytestmark = pytest.mark.django_db
API = "/api/v1/declarations/"


def test_the_search_answers_with_items_count_and_the_next_page(client, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(API, {"q": "有限", "limit": 2})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3 and data["count_capped"] is False
    assert [item["identifier"] for item in data["items"]] == ["GB/T 7725-2004", "GB/T 19001-2016"]
    rest = client.get(API, {"q": "有限", "limit": 2, "after": data["next_after"]}).json()
    assert [item["identifier"] for item in rest["items"]] == ["Q/HE 001-2024"] and rest["next_after"] is None
    assert rest["items"][0]["products"][0]["model"] == "BCD-470WGHSS"


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "gbt19001"}, ["GB/T 19001-2016"]),
    ({"q": "Q/HE 001"}, ["Q/HE 001-2024"]),
    ({"q": "空调", "scope": "enterprise"}, ["GB/T 7725-2004"]),
    ({"region": "4406"}, ["GB/T 19001-2016"]),
    ({"flagged": "true"}, ["GB/T 7725-2004"]),
    ({"q": "冷柜"}, []),
])
def test_the_search_takes_the_pages_filters(client, scene, params, expected):
    assert [item["identifier"] for item in client.get(API, params).json()["items"]] == expected


def test_a_bad_filter_is_refused_as_a_problem(client, scene):
    response = client.get(API, {"region": "4"})
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    response = client.get(API, {"q": "冰"})
    assert response.status_code == 422 and "两个字" in str(response.json())


def test_a_declaration_with_its_indicators_warnings_and_history(client, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        data = client.get(f"{API}{scene.q_standard.pk}").json()
    assert [(i["name"], i["category"]) for i in data["indicators"]] == [
        ("能效指数", "performance"), ("耗电量", "performance"), ("泄漏电流", "safety"), ("噪声", "environment")]
    assert data["text_url"].endswith(f"/declarations/{scene.q_standard.pk}/text")
    assert [v["version"] for v in data["versions"]] == [1]
    flagged = client.get(f"{API}{scene.flagged.pk}").json()
    assert [f["code"] for f in flagged["findings"]] == ["not_current"]
    assert "GB/T 7725-2022" in flagged["findings"][0]["message"]


def test_a_withdrawn_declaration_is_readable_without_its_text(client, scene):
    data = client.get(f"{API}{scene.withdrawn.pk}").json()
    assert data["state"] == "withdrawn" and data["text_url"] is None
    version = client.get(f"{API}{scene.withdrawn.pk}/versions/1").json()
    assert version["content"]["indicators"][0]["name"] == "冷冻能力"
    assert client.get(f"{API}{scene.withdrawn.pk}/versions/9").status_code == 404


def test_an_enterprise_with_its_declarations_and_history(client, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        data = client.get(f"{API}enterprises/{scene.haier.pk}").json()
    assert [d["identifier"] for d in data["declarations"]] == ["Q/HE 001-2024"]
    assert [d["identifier"] for d in data["withdrawn"]] == ["Q/HE 002-2020"]
    assert data["region_code"] == "370212" and data["products"][0]["name"] == "家用电冰箱"


def test_unknown_ids_answer_not_found(client, scene):
    assert client.get(f"{API}999999").status_code == 404
    assert client.get(f"{API}enterprises/999999").status_code == 404
