"""Setting up and editing key products and schemes, and ranking, through the API: the same services as the pages,
problem+json refusals naming the field, nothing written on a refusal, and the run's snapshot in its answer."""

import pytest

from biaozhun.leaders.models import KeyProduct, LeadersEvent, RankingRun, Scheme

from .scene import EFFICIENCY, declare, fridge, scheme

pytestmark = pytest.mark.django_db

INDICATOR = {"name": EFFICIENCY, "unit": "%", "direction": "lower", "threshold_kind": "fixed", "thresholds": [40, "50"],
             "requirement": 62, "requirement_source": "GB 12021.2-2015 4.2", "aliases": ["能源效率指数"]}
PRODUCT = {"year": 2026, "name": "家用电冰箱", "keywords": ["电冰箱"], "product_codes": ["8418"]}


def _post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_the_administration_sets_up_edits_and_ranks_through_the_api(client, reviewer_user,
                                                                     django_assert_max_num_queries):
    client.force_login(reviewer_user)
    created = _post(client, "/api/v1/leaders/products", PRODUCT)
    assert created.status_code == 201 and created.json()["product_codes"] == ["8418"]
    product = created.json()["id"]
    made = _post(client, f"/api/v1/leaders/products/{product}/schemes", {"title": "方案", "indicators": [INDICATOR]})
    assert made.status_code == 201
    body = made.json()
    assert body["version"] == 1 and body["indicators"][0]["thresholds"] == ["40", "50"]
    assert body["indicators"][0]["requirement"] == "62" and body["indicators"][0]["aliases"] == ["能源效率指数"]
    declare(("能源效率指数", "eq", 38, 38))
    declare((EFFICIENCY, "eq", 45, 45))
    ranked = _post(client, f"/api/v1/leaders/schemes/{body['id']}/runs", {})
    assert ranked.status_code == 201 and ranked.json()["tier_sizes"] == [1, 1, 0]
    edited = _post(client, f"/api/v1/leaders/schemes/{body['id']}", {
        "title": "方案（修订）", "indicators": [{**INDICATOR, "thresholds": ["30", "45"]}], "expected_version": 1})
    assert edited.status_code == 200 and edited.json()["version"] == 2
    with django_assert_max_num_queries(6):
        run = client.get(f"/api/v1/leaders/runs/{ranked.json()['id']}").json()
    assert run["scheme_version"] == 1 and run["snapshot"]["scheme"]["title"] == "方案"
    assert run["snapshot"]["indicators"][0]["thresholds"] == ["40", "50"] and run["tier_sizes"] == [1, 1, 0]
    renamed = _post(client, f"/api/v1/leaders/products/{product}", {**PRODUCT, "domain": "家用电器",
                                                                     "expected_version": 1})
    assert renamed.status_code == 200 and renamed.json()["version"] == 2


def test_a_bad_scheme_is_a_422_naming_the_indicators_field_and_nothing_is_written(client, reviewer_user):
    product = fridge()
    client.force_login(reviewer_user)
    response = _post(client, f"/api/v1/leaders/products/{product.pk}/schemes", {
        "title": "方案", "indicators": [{**INDICATOR, "thresholds": [70]}]})
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["field"] == "indicators[0].thresholds"
    assert not Scheme.objects.exists()


def test_a_stale_edit_is_a_409_and_changes_nothing(client, admin_user):
    plan = scheme(fridge())
    client.force_login(admin_user)
    body = {"title": "方案二", "indicators": [INDICATOR], "expected_version": 1}
    assert _post(client, f"/api/v1/leaders/schemes/{plan.pk}", body).status_code == 200
    stale = _post(client, f"/api/v1/leaders/schemes/{plan.pk}", {**body, "title": "方案三"})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_edit"
    assert Scheme.objects.get().title == "方案二"


def test_writes_are_refused_to_the_public_and_to_enterprises_and_write_nothing(client, enterprise_user):
    product = fridge()
    plan = scheme(product)
    events = LeadersEvent.objects.count()
    calls = [("/api/v1/leaders/products", PRODUCT),
             (f"/api/v1/leaders/products/{product.pk}", {**PRODUCT, "expected_version": 1}),
             (f"/api/v1/leaders/products/{product.pk}/schemes", {"title": "x", "indicators": [INDICATOR]}),
             (f"/api/v1/leaders/schemes/{plan.pk}", {"title": "x", "indicators": [INDICATOR], "expected_version": 1}),
             (f"/api/v1/leaders/schemes/{plan.pk}/runs", {})]
    for url, body in calls:
        assert _post(client, url, body).status_code == 401
    client.force_login(enterprise_user)
    for url, body in calls:
        assert _post(client, url, body).status_code == 403, url
    assert KeyProduct.objects.count() == 1 and Scheme.objects.get().version == 1
    assert not RankingRun.objects.exists() and LeadersEvent.objects.count() == events


def test_a_key_product_and_a_scheme_read_by_anyone_within_their_query_budgets(client, django_assert_max_num_queries):
    product = fridge()
    plan = scheme(product)
    with django_assert_max_num_queries(5):
        body = client.get(f"/api/v1/leaders/products/{product.pk}").json()
    assert body["schemes"][0]["indicators"][0]["name"] == EFFICIENCY
    with django_assert_max_num_queries(3):
        assert client.get(f"/api/v1/leaders/schemes/{plan.pk}").json()["version"] == 1
    assert client.get("/api/v1/leaders/schemes/999999").status_code == 404
