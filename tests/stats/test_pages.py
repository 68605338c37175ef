"""The dashboards and the API: the overview by a dimension, the drill-down to a field, public vs internal."""

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.stats import services

pytestmark = pytest.mark.django_db


def test_the_overview_shows_a_dimension_with_links_to_each_field(stats_world, client):
    page = client.get("/stats/?indicator=standards_in_force&dimension=ccs&year=2023")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="stats-chart-data"' in text and "stats/charts.mjs" in text
    assert "focus=ccs&amp;key=A" in text
    assert "<script>" not in text.replace('<script id="stats-chart-data" type="application/json">', "")


def test_the_drill_down_shows_the_fields_trend_and_every_indicator(stats_world, client):
    services.take_snapshot(actor=SYSTEM, year=2023)
    services.take_snapshot(actor=SYSTEM, year=2025)
    page = client.get("/stats/?indicator=standards_in_force&dimension=ccs&year=2025&focus=ccs&key=A")
    assert page.status_code == 200
    trend = page.context["trend"]
    assert (2023, 2) in trend and (2025, 1) in trend
    assert any(item.code == "standards_new" for item, _value, _link in page.context["field_rows"])


def test_internal_indicators_are_for_staff(stats_world, client, reviewer_user):
    page = client.get("/stats/?indicator=feedback_answer_days")
    assert page.context["indicator"].code == "standards_in_force"  # not offered: the default instead
    assert client.get("/api/v1/stats/figures?indicator=feedback_answer_days").status_code == 404
    client.force_login(reviewer_user)
    assert client.get("/stats/?indicator=feedback_answer_days").context["indicator"].code == "feedback_answer_days"
    assert client.get("/api/v1/stats/figures?indicator=feedback_answer_days").status_code == 200


def test_the_api_answers_the_snapshot_of_a_past_year(stats_world, client):
    services.take_snapshot(actor=SYSTEM, year=2023)
    body = client.get("/api/v1/stats/figures?indicator=standards_in_force&dimension=tier&year=2023").json()
    assert body["live"] is False
    assert {f["key"]: f["value"] for f in body["figures"]} == {"national": 2, "local": 1}
    codes = [i["code"] for i in client.get("/api/v1/stats/indicators").json()]
    assert "standards_in_force" in codes and "committee_grades" not in codes


def test_unknown_values_in_the_url_fall_back(stats_world, client):
    page = client.get("/stats/?indicator=nope&dimension=nope&year=abc&focus=nope")
    assert page.status_code == 200
    assert page.context["dimension"] != "nope"


def test_the_navigation_links_to_the_statistics(client, db):
    assert 'href="/stats/"' in client.get("/").content.decode()
