"""The 领跑者 API: key products and public lists for everyone; runs for the national administration."""

from datetime import date

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.leaders.services import run_ranking

from .scene import EFFICIENCY, declare, fridge, list_in_notice, scheme

pytestmark = pytest.mark.django_db


def test_key_products_with_schemes_and_public_lists(client, django_assert_max_num_queries):
    leader_list = list_in_notice(date(2026, 6, 8))
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/leaders/products", {"year": 2026})
    body = response.json()
    assert response.status_code == 200
    assert body[0]["name"] == "家用电冰箱" and body[0]["keywords"] == ["电冰箱"]
    assert body[0]["schemes"][0]["indicators"][0]["requirement"] == "62"
    assert [item["id"] for item in body[0]["lists"]] == [leader_list.pk]


def test_a_list_in_notice_with_its_entries(client, django_assert_max_num_queries):
    leader_list = list_in_notice(date(2026, 6, 8))
    with django_assert_max_num_queries(6):
        body = client.get(f"/api/v1/leaders/lists/{leader_list.pk}").json()
    assert body["state"] == "on_notice" and body["notice_until"] == "2026-06-23"
    assert len(body["entries"]) == 2


def test_a_run_is_for_the_administration_only(client, enterprise_user, reviewer_user):
    plan = scheme(fridge())
    for value in (45, 45):
        declare((EFFICIENCY, "eq", value, value))
    run = run_ranking(SYSTEM, scheme=plan)
    assert client.get(f"/api/v1/leaders/runs/{run.pk}").status_code == 401
    client.force_login(enterprise_user)
    assert client.get(f"/api/v1/leaders/runs/{run.pk}").status_code == 403
    client.force_login(reviewer_user)
    body = client.get(f"/api/v1/leaders/runs/{run.pk}").json()
    assert body["status"] == "all_equal" and body["tier_sizes"] == [] and len(body["unranked"]) == 2
