"""Bulk declaration through the API: a small file imports at once (201), a large one is queued (202) and polled,
problems come back by line and field, refusals are problem+json that write nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.accounts.services import create_api_token
from biaozhun.declarations.models import Declaration, DeclarationImport
from biaozhun.declarations.services import bulk_upload
from tests.declarations.import_files import good_rows, jsonl
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.hostile_files import zip_bomb_xlsx

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(actor=user, name='脚本')[1]}"}


def url(enterprise) -> str:
    return f"/api/v1/declarations/work/enterprises/{enterprise.pk}/imports"


def body(content: bytes, name: str = "f.jsonl", **form) -> dict:
    return {"file": SimpleUploadedFile(name, content), **form}


@pytest.fixture
def token(enterprise_user, enterprise_profile, diesel_standards) -> dict:
    return bearer(enterprise_user)


def test_a_small_file_is_imported_at_once_and_the_job_says_so(client, enterprise, token):
    response = client.post(url(enterprise), body(jsonl(good_rows())), **token)
    assert response.status_code == 201, response.content
    job = response.json()
    assert (job["state"], job["declared"], job["total_rows"], job["errors"]) == ("done", 2, 3, [])
    assert client.get(job["url"], **token).json()["id"] == job["id"]
    assert Declaration.objects.filter(enterprise=enterprise).count() == 2


def test_problems_come_back_by_line_and_field_and_nothing_is_written(client, enterprise, token):
    rows = good_rows()
    rows[1]["identifier"] = "GB 19147-2099"
    rows[2]["indicators"][0]["upper"] = "八"
    job = client.post(url(enterprise), body(jsonl(rows) + b"not json\n"), **token).json()
    assert job["state"] == "rejected"
    assert {(p["line"], p["field"]) for p in job["errors"]} >= {(2, "identifier"), (3, "indicators[1].upper")}
    assert [p["field"] for p in job["errors"] if p["line"] == 4] == [""]  # only that it is not JSON
    assert any(line.startswith("line 2: identifier: ") for line in job["report"])
    assert not Declaration.objects.exists()


def test_valid_rows_only_gives_the_rejects_in_jsonl(client, enterprise, token):
    rows = good_rows()
    rows[2]["identifier"] = "Q/OTHER 7-2025"
    job = client.post(url(enterprise), body(jsonl(rows), skip_invalid="true"), **token).json()
    assert (job["state"], job["declared"], job["rejected_rows"]) == ("done", 1, 1)
    rejects = client.get(job["rejects"], **token)
    line = b"".join(rejects.streaming_content).decode().strip()
    assert '"identifier": "Q/OTHER 7-2025"' in line and '"line": 3' in line


def test_a_large_file_is_queued_and_polled_until_done(client, enterprise, token, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    monkeypatch.setattr(bulk_upload, "INLINE_BYTES", 10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(enterprise), body(jsonl(good_rows())), **token)
    assert response.status_code == 202 and response.json()["state"] == "queued"
    polled = client.get(response.json()["url"], **token).json()
    assert (polled["state"], polled["declared"]) == ("done", 2)


def test_refusals_are_problems_that_write_nothing(client, enterprise, token, settings):
    bomb = client.post(url(enterprise), body(zip_bomb_xlsx(unzipped=100 << 20), "b.xlsx"), **token)
    assert bomb.status_code == 422 and bomb["Content-Type"] == PROBLEM
    assert bomb.json()["errors"][0]["field"] == "file"
    not_a_table = client.post(url(enterprise), body(b"\x00\x01binary", "f.bin"), **token)
    assert not_a_table.status_code == 422 and "XLSX" in not_a_table.json()["title"]
    settings.BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES = 100
    too_big = client.post(url(enterprise), body(jsonl(good_rows())), **token)
    assert too_big.status_code == 413 and too_big["Content-Type"] == PROBLEM
    assert not DeclarationImport.objects.exists()


def test_another_enterprise_cannot_be_imported_for_and_its_jobs_are_hidden(client, enterprise, token):
    job = client.post(url(enterprise), body(jsonl(good_rows())), **token).json()
    outsider = bearer(UserFactory(member_of=OrganisationFactory()))
    assert client.post(url(enterprise), body(jsonl(good_rows())), **outsider).status_code == 404
    assert client.get(job["url"], **outsider).status_code == 404
    assert client.post(url(enterprise), body(jsonl(good_rows()))).status_code == 401
    assert DeclarationImport.objects.count() == 1
