"""Catalogue API: a record by number; errors as problem+json."""

import json

import pytest

from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_standard_by_number(client):
    make_standard("GB/T 19001-2016", adopts=[{"identifier": "ISO 9001:2015", "degree": "IDT"}])
    response = client.get("/api/v1/catalog/standards/GB/T%2019001-2016")
    assert response.status_code == 200
    body = response.json()
    assert body["identifier"] == "GB/T 19001-2016"
    assert body["adopts"] == [{"identifier": "ISO 9001:2015", "degree": "IDT"}]


def test_unknown_number_is_problem_json(client):
    response = client.get("/api/v1/catalog/standards/GB/T%2099999-2020")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"
    assert "标准目录中没有编号为“GB/T 99999-2020”的标准" in response.json()["detail"]


def test_openapi_is_served(client):
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Biaozhun API"


def test_batch_validity_check(client):
    make_standard("GB/T 1-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    make_standard("GB/T 1-2020", published_on="2020-01-01", implemented_on="2020-06-01", replaces=["GB/T 1-2010"])
    response = client.post("/api/v1/catalog/validity", {"numbers": ["GB/T 1-2010", "bad"]}, content_type="application/json")
    assert response.status_code == 200
    first, second = response.json()
    assert (first["outcome"], first["in_force"]["identifier"], first["chain"]) == ("replaced", "GB/T 1-2020", ["GB/T 1-2020"])
    assert (second["outcome"], second["error_code"]) == ("error", "standard_code")
    assert second["error"].startswith("第 1 个字符处应为标准代号")
    english = client.post("/api/v1/catalog/validity", {"numbers": ["GB/T 1-20"]}, content_type="application/json",
                          HTTP_ACCEPT_LANGUAGE="en").json()
    assert english[0]["error"].startswith("at character 8: expected a year")
    assert english[0]["error_code"] == "year" and first["error_code"] == ""


def test_validity_check_validation_error_is_problem_json(client):
    response = client.post("/api/v1/catalog/validity", {"numbers": "GB/T 1"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"


def test_relations_both_ways(client):
    make_standard("GB/T 1-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    make_standard("GB/T 1-2020", replaces=["GB/T 1-2010"], references=["GB/T 999"])
    body = client.get("/api/v1/catalog/standards/GB/T%201-2020/relations").json()
    assert {(r["kind"], r["direction"], r["identifier"], r["in_catalogue"]) for r in body} == {
        ("replaces", "out", "GB/T 1-2010", True), ("references", "out", "GB/T 999", False)}
    body = client.get("/api/v1/catalog/standards/GB/T%201-2010/relations").json()
    assert body == [{"kind": "replaces", "direction": "in", "identifier": "GB/T 1-2020", "in_catalogue": True,
                     "partial": False, "degree": ""}]


def test_bulk_export_streams_json_lines(client):
    make_standard("GB/T 1-2020")
    make_standard("DB11/T 2-2020")
    response = client.get("/api/v1/catalog/export.jsonl", {"tier": "local"})
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["identifier"] for line in lines] == ["DB11/T 2-2020"]


def test_a_number_with_a_nul_character_is_simply_not_found(client):
    assert client.get("/api/v1/catalog/standards/GB%00T/relations").status_code == 404
    assert client.get("/std/GB%00T").status_code == 404
