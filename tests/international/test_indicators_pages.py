"""Comparison pages and API: drafts seen only by those who write them, published ones by everyone, the side-by-side
table with its verdicts, the row form, the file import's error page, and the export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.core.actors import SYSTEM
from biaozhun.international.models import Comparison
from biaozhun.international.services.indicators import publish_comparison
from tests.fixtures.international_translations import xlsx

pytestmark = pytest.mark.django_db


def test_a_draft_is_hidden_from_the_public_and_shown_to_its_secretariat(client, secretariat_user, draft_comparison):
    url = draft_comparison.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}export.xlsx").status_code == 404
    assert "EN 590" not in client.get("/international/indicators/").content.decode()
    client.force_login(secretariat_user)
    html = client.get(url).content.decode()
    assert 'id="draft"' in html and 'id="writer-tools"' in html
    assert "EN 590" in client.get("/international/indicators/").content.decode()


def test_a_published_comparison_is_public_with_its_verdicts(client, draft_comparison,
                                                           django_assert_max_num_queries):
    publish_comparison(actor=SYSTEM, comparison=draft_comparison, published=True)
    with django_assert_max_num_queries(12):
        response = client.get(draft_comparison.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and 'id="writer-tools"' not in html
    assert 'class="verdict-same"' in html and 'class="verdict-stricter"' in html and "我国更严" in html
    export = client.get(f"{draft_comparison.get_absolute_url()}export.xlsx")
    assert export.status_code == 200 and export.content.startswith(b"PK")


def test_the_row_form_saves_rows_and_shows_a_rows_error(client, secretariat_user, draft_comparison):
    client.force_login(secretariat_user)
    url = f"/international/indicators/{draft_comparison.pk}/edit/"
    assert 'name="name-3"' in client.get(url).content.decode()  # two rows and blank ones
    form = {"foreign_number": "EN 590:2022", "rows": "2", "name-1": "灰分", "unit-1": "%",
            "chinese_value-1": "≤ 0.01", "foreign_value-1": "≤ 0.01", "name-2": "", "chinese_value-2": ""}
    assert client.post(url, form).status_code == 302
    assert list(draft_comparison.rows.values_list("name", "verdict")) == [("灰分", "same")]
    refused = client.post(url, {**form, "name-2": "水分", "rows": "2"})
    assert refused.status_code == 422 and "第 2 行" in refused.content.decode()
    assert draft_comparison.rows.count() == 1


def test_a_new_comparison_through_the_form(client, secretariat_user, diesel_standard):
    client.force_login(secretariat_user)
    response = client.post("/international/indicators/new/", {"standard": "GB 39147-2025",
                                                               "foreign_number": "JIS K 2204:2007"})
    comparison = Comparison.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{comparison.pk}/edit/")


def test_a_secretariat_of_another_committee_is_refused(client, secretariat_user, tc151_standard):
    client.force_login(secretariat_user)
    response = client.post("/international/indicators/new/", {"standard": "GB/T 19000-2016",
                                                               "foreign_number": "ISO 9000:2015"})
    assert response.status_code == 403 and not Comparison.objects.exists()


def test_an_import_with_errors_shows_row_and_column(client, secretariat_user, draft_comparison):
    client.force_login(secretariat_user)
    content = xlsx([["指标名称", "单位", "我国标准要求", "国外标准要求"], ["闪点", "°C", "≥ 60", None]])
    response = client.post(f"/international/indicators/{draft_comparison.pk}/import/",
                           {"file": SimpleUploadedFile("rows.xlsx", content)})
    html = response.content.decode()
    assert response.status_code == 422 and "国外标准要求" in html and ">2<" in html
    not_xlsx = client.post(f"/international/indicators/{draft_comparison.pk}/import/",
                           {"file": SimpleUploadedFile("rows.xlsx", b"a,b\n")})
    assert not_xlsx.status_code == 422 and ".xlsx" in not_xlsx.content.decode()
    assert draft_comparison.rows.count() == 2


def test_publishing_through_the_page(client, secretariat_user, draft_comparison):
    client.force_login(secretariat_user)
    client.post(f"/international/indicators/{draft_comparison.pk}/publish/", {"public": "1"})
    draft_comparison.refresh_from_db()
    assert draft_comparison.public


# --- API ------------------------------------------------------------------------------------------------------
def test_the_api_hides_drafts_and_gives_published_rows(client, draft_comparison):
    url = f"/api/v1/international/indicators/{draft_comparison.pk}"
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/international/indicators/").json()["count"] == 0
    publish_comparison(actor=SYSTEM, comparison=draft_comparison, published=True)
    body = client.get(url).json()
    assert [(r["name"], r["verdict"]) for r in body["rows"]] == [("硫含量", "same"), ("多环芳烃含量", "stricter")]


def test_the_api_compares_two_values_as_written(client):
    body = client.get("/api/v1/international/indicators/compare", {"chinese": "不大于 5", "foreign": "<5"}).json()
    assert body == {"verdict": "looser", "why": ""}
    body = client.get("/api/v1/international/indicators/compare", {"chinese": "≤5 mg/L", "foreign": "≤5 mg/kg"}).json()
    assert body == {"verdict": "not_comparable", "why": "units"}


def test_the_history_shows_what_a_save_changed_and_restores_the_rows_before_it(client, secretariat_user,
                                                                               draft_comparison):
    client.force_login(secretariat_user)
    form = {"foreign_number": "EN 590:2022", "rows": "1", "name-1": "硫含量", "unit-1": "mg/kg",
            "chinese_value-1": "≤ 8", "foreign_value-1": "≤ 10"}
    client.post(f"/international/indicators/{draft_comparison.pk}/edit/", form)
    page = client.get(draft_comparison.get_absolute_url()).content.decode()
    assert "删除：多环芳烃含量" in page and "<del>≤ 10</del> → <ins>≤ 8</ins>" in page
    saved = draft_comparison.events.last()
    response = client.post(f"/international/indicators/{draft_comparison.pk}/restore/{saved.pk}/")
    assert response.status_code == 302
    assert list(draft_comparison.rows.values_list("name", "chinese_value")) == [("硫含量", "≤ 10"),
                                                                               ("多环芳烃含量", "≤ 7")]
    assert client.post(f"/international/indicators/{draft_comparison.pk}/restore/999999/").status_code == 404
