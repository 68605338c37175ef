"""POST /api/v1/filings/batch (multipart) and GET /api/v1/filings/batch/{id}: a program's batch, with a token."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import ClientHandler

from biaozhun.accounts.services import create_api_token
from biaozhun.filing.models import Filing, FilingBatch
from tests.fixtures import hostile_files as hostile
from tests.fixtures.filing import batch_row, jsonl_bytes, texts_zip

pytestmark = pytest.mark.django_db
URL = "/api/v1/filings/batch"


@pytest.fixture
def bearer(bureau_user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(actor=bureau_user, name='批量备案脚本')[1]}"}


def upload(rows, *, texts: bytes | None = None, **form) -> dict:
    texts = texts_zip([row["text_file"] for row in rows]) if texts is None else texts
    return {"data": SimpleUploadedFile("batch.jsonl", jsonl_bytes(rows)),
            "texts": SimpleUploadedFile("texts.zip", texts), **form}


def test_a_batch_is_accepted_then_its_filings_are_listed(client, bearer, django_capture_on_commit_callbacks):
    rows = [batch_row("DB32/T 7001-2026"), batch_row("DB32/T 7002-2026")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, upload(rows), **bearer)
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "queued" and body["url"] == f"/filing/work/batch/{body['id']}/"
    done = client.get(f"{URL}/{body['id']}", **bearer).json()
    assert done["state"] == "done" and done["filed"] == 2 and done["errors"] == []
    assert [(r["line"], r["identifier"], r["state"]) for r in done["rows_filed"]] == [
        ("1", "DB32/T 7001-2026", "submitted"), ("2", "DB32/T 7002-2026", "submitted")]
    assert {r["filing"] for r in done["rows_filed"]} == set(Filing.objects.values_list("pk", flat=True))


def test_the_problems_come_back_as_line_field_message(client, bearer, django_capture_on_commit_callbacks):
    rows = [batch_row("DB32/T 7011-2026", notice_number=""), batch_row("DB33/T 7012-2026")]
    with django_capture_on_commit_callbacks(execute=True):
        batch_id = client.post(URL, upload(rows), **bearer).json()["id"]
    body = client.get(f"{URL}/{batch_id}", **bearer).json()
    assert body["state"] == "rejected" and body["filed"] == 0
    assert [(p["line"], p["field"]) for p in body["errors"]] == [("1", "notice_number"), ("2", "identifier")]
    assert body["report"][0] == "line 1: notice_number: 请填写批准发布公告号"
    assert not Filing.objects.exists()


def test_a_hostile_zip_is_a_problem_and_nothing_is_kept(client, bearer):
    rows = [batch_row("DB32/T 7021-2026", text_file="evil.pdf")]
    response = client.post(URL, upload(rows, texts=texts_zip({"../../evil.pdf": b"%PDF-1.7"})), **bearer)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"] == [{"line": "(zip)", "field": "../../evil.pdf", "message": problem["errors"][0]["message"]}]
    assert not FilingBatch.objects.exists()


def test_an_upload_over_the_limit_gets_413_before_the_operation_runs(client, bearer, settings):
    settings.BIAOZHUN_MAX_FILING_BATCH_BYTES = 500
    response = client.post(URL, upload([batch_row("DB32/T 7031-2026")]), **bearer)
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert not FilingBatch.objects.exists()


def test_a_body_far_over_the_limit_is_refused_unread(bearer, settings):
    settings.BIAOZHUN_MAX_FILING_BATCH_BYTES = 2 * 1024 * 1024
    body = hostile.MultipartBody(300 * 1024 * 1024, field="texts", filename="texts.zip")
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": URL, "SCRIPT_NAME": "", "QUERY_STRING": "", "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": body,
        "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(), "CONTENT_TYPE": body.content_type,
        "CONTENT_LENGTH": str(body.length), **bearer,
    }
    response = ClientHandler(enforce_csrf_checks=False)(environ)
    assert response.status_code == 413
    assert body.consumed < 1024 * 1024


def test_an_anonymous_caller_gets_401_and_its_files_are_not_read(client):
    response = client.post(URL, upload([batch_row("DB32/T 7041-2026")]))
    assert response.status_code == 401
    assert not FilingBatch.objects.exists()


def test_someone_of_another_authority_is_refused_and_cannot_see_the_batch(client, zhejiang_user, bureau,
                                                                           bureau_batch):
    client.force_login(zhejiang_user)
    response = client.post(URL, upload([batch_row("DB32/T 7051-2026")], authority=bureau.pk))
    assert response.status_code == 403
    assert client.get(f"{URL}/{bureau_batch.pk}").status_code == 404
    assert FilingBatch.objects.count() == 1


def test_the_operation_is_in_the_openapi_schema_as_multipart(client):
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"][URL]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body
    assert json.dumps(body).count("binary") >= 2
