"""The adoption API (public) and the XLSX workbook (signed-in people, through the safe writer)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.fixtures.international_adoption import iso

pytestmark = pytest.mark.django_db
RATES = reverse("api:adoption_rates")
EXPORT = reverse("international:adoption_export")


def test_the_api_gives_the_rates_per_field_with_the_formula_and_the_trend(client, adoption_scene):
    answer = client.get(RATES, {"dimension": "ics", "level": 2})
    assert answer.status_code == 200
    data = answer.json()
    assert data["overall"]["adopted"] == 2 and data["overall"]["in_scope"] == 5 and data["overall"]["rate"] == 0.4
    fields = {f["field"]: (f["adopted"], f["in_scope"], f["meets_goal"]) for f in data["fields"]}
    assert fields == {"13.020": (2, 4, False), "27.015": (0, 1, False)}
    assert data["below_goal"] == ["13.020", "27.015"]
    assert "IDT" in data["numerator"] and "ISO" in data["denominator"] and "40.0%" in data["formula"]
    assert [year["year"] for year in data["trend"]][-1] == int(data["as_of"][:4])
    assert data["problems"] == []


def test_the_api_names_a_value_it_does_not_know(client, adoption_scene):
    data = client.get(RATES, {"degree": ["IDT", "ABC"]}).json()
    assert data["overall"]["adopted"] == 1  # IDT only: GB/T 24001-2016
    assert any("ABC" in problem for problem in data["problems"])


def test_the_api_lists_candidates_and_adoptions_behind(client, adoption_scene):
    candidates = client.get(reverse("api:adoption_candidates"), {"field": "13.020", "level": 2}).json()
    assert candidates["count"] == 2
    assert [item["identifier"] for item in candidates["items"]] == ["ISO 14031:2021", "ISO 14005:2019"]
    behind = client.get(reverse("api:adoption_behind")).json()
    assert behind["count"] == 1
    assert behind["items"][0] | {"standard_url": ""} == {
        "standard": "GB/T 23331-2012", "standard_url": "", "degree": "MOD", "adopts": "ISO 50001:2011",
        "newer": "ISO 50001:2018", "newer_published_on": "2018-08-01"}


def test_the_workbook_is_for_signed_in_people(client, adoption_scene):
    answer = client.get(EXPORT)
    assert answer.status_code == 302 and "login" in answer["Location"]


def test_the_workbook_holds_the_formula_fields_trend_candidates_and_behind(client, adoption_scene, registered_user):
    iso("ISO 14063:2020", title_en="=HYPERLINK(\"http://example.com\")", published="2020-11-01")
    client.force_login(registered_user)
    answer = client.get(EXPORT, {"dimension": "ics", "level": 2})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["概况", "各领域", "年度趋势", "未达目标领域的候选", "落后于新版的采用"]
    summary = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if len(row) > 1}
    assert summary["采用数"] == 2 and summary["范围内国际标准数"] == 6
    fields = [row[:4] for row in book["各领域"].iter_rows(min_row=2, values_only=True)]
    assert ("13.020", "Environmental protection", 2, 5) in fields
    candidates = list(book["未达目标领域的候选"].iter_rows(min_row=2, values_only=True))
    assert {row[3] for row in candidates} == {"ISO 14031:2021", "ISO 14005:2019", "ISO 14063:2020", "ISO 50001:2018"}
    formula_like = next(row for row in candidates if row[3] == "ISO 14063:2020")
    cell = next(c for c in book["未达目标领域的候选"]["E"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert formula_like[4].startswith("=HYPERLINK") and cell.data_type == "s"  # text, never a live formula
    behind = list(book["落后于新版的采用"].iter_rows(min_row=2, values_only=True))
    assert [row[:4] for row in behind] == [("GB/T 23331-2012", "MOD", "ISO 50001:2011", "ISO 50001:2018")]
