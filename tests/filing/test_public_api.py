"""The public filing API: GET /api/v1/filings/ with the page's filters, GET /api/v1/filings/{id} (404 when hidden)."""

from __future__ import annotations

import pytest
from django.test import Client

from .public_scene import filed_scene, freeze_today  # noqa: F401 (fixtures filed, frozen_today)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/filings/"


def identifiers(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return [item["identifier"] for item in response.json()["items"]]


def test_the_list_has_accepted_filings_newest_filed_first_with_typed_fields(filed, client):
    body = client.get(LIST).json()
    assert body["count"] == 6
    assert {item["identifier"] for item in body["items"][:4]} == {
        "DB32/T 4001-2026", "JB/T 5001-2026", "DB3201/T 501-2026", "DB32/T 300-2026"}
    old = next(item for item in body["items"] if item["identifier"] == "DB32/T 300-2020")
    assert old == {
        "id": filed.toilets_old.pk, "filing_number": "00001-2020", "identifier": "DB32/T 300-2020",
        "title_zh": "城市公共厕所管理规范", "title_en": "", "tier": "local",
        "authority": {"id": filed.toilets_old.authority_id, "name": "江苏省市场监督管理局", "name_en": ""},
        "filed_on": "2020-06-20", "published_on": "2020-06-10", "implemented_on": "2020-08-09",
        "status": "replaced", "url": f"/filing/{filed.toilets_old.pk}/",
        "standard_url": filed.toilets_old.standard.get_absolute_url(),
    }


def test_the_filters_are_the_pages(filed, client, bureau):
    assert set(identifiers(client, q="db32t300")) == {"DB32/T 300-2020", "DB32/T 300-2026"}
    assert identifiers(client, status="abolished") == ["DB33/T 600-2024"]
    assert identifiers(client, tier="industry", industry="JB") == ["JB/T 5001-2026"]
    assert identifiers(client, city="3201") == ["DB3201/T 501-2026"]
    assert set(identifiers(client, province="32", months=1, authority=bureau.pk)) == {
        "DB32/T 4001-2026", "DB32/T 300-2026"}
    assert identifiers(client, sort="published", limit=1, offset=5) == ["DB32/T 300-2020"]


@pytest.mark.parametrize("params", [{"status": "valid"}, {"months": 5}, {"authority": 0}, {"city": "32010"},
                                    {"province": "Jiangsu"}, {"limit": 1000}])
def test_a_value_of_the_wrong_shape_is_a_422_problem(filed, client, params):
    response = client.get(LIST, params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "validation_failed"


def test_a_value_of_the_right_shape_that_names_nothing_finds_nothing(filed, client):
    for params in ({"authority": 999999}, {"city": "9999"}, {"industry": "zz"}):
        assert client.get(LIST, params).json() == {"count": 0, "items": []}


def test_one_accepted_filing_for_anyone(filed, client):
    body = client.get(f"{LIST}{filed.toilets.pk}").json()
    assert body["filing_number"] == filed.toilets.filing_number
    assert body["state"] == "accepted" and body["status"] == "current"
    assert body["replaces"] == "DB32/T 300-2020" and body["days_late"] == 0
    assert body["approved_by"] == filed.toilets.approved_by and body["region_code"] == "32"


@pytest.mark.parametrize("role", ["public_user", "registered_user", "ministry_user"])
def test_a_filing_under_way_is_404_problem_for_those_who_may_not_see_it(filed, role, request):
    client = Client()
    user = request.getfixturevalue(role)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(f"{LIST}{filed.under_way.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"
    assert "4999" not in response.content.decode()


def test_those_who_work_on_it_read_its_state(filed, bureau_user):
    client = Client()
    client.force_login(bureau_user)
    body = client.get(f"{LIST}{filed.under_way.pk}").json()
    assert body["state"] == "submitted" and body["filing_number"] == "" and body["status"] is None
    assert body["standard_url"] is None


def test_the_list_costs_a_fixed_number_of_queries(filed, client, django_assert_max_num_queries):
    client.get(LIST)  # fills the cache of authorities and codes the filters accept
    with django_assert_max_num_queries(3):
        assert client.get(LIST, {"limit": 100}).status_code == 200
