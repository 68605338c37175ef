"""The batch filing pages: the upload form, the template, a batch's page with its problems or filings."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.filing.models import Filing, FilingBatch, FilingBatchState
from tests.fixtures.filing import batch_row, jsonl_bytes, texts_zip
from tests.fixtures.hostile_files import zip_bomb

pytestmark = pytest.mark.django_db
PAGE = "/filing/work/batch/"


def files(rows, *, texts: bytes | None = None, **form) -> dict:
    texts = texts_zip([row["text_file"] for row in rows]) if texts is None else texts
    return {"data": SimpleUploadedFile("批量备案.jsonl", jsonl_bytes(rows)),
            "texts": SimpleUploadedFile("文本.zip", texts, content_type="application/zip"), **form}


def test_an_authority_sees_the_form_and_the_template_link(client, bureau_user):
    client.force_login(bureau_user)
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="texts"' in html and 'name="valid_only"' in html
    assert "/filing/work/batch/template.xlsx" in html
    assert "江苏省市场监督管理局" in html  # its only authority, named rather than chosen


def test_the_page_needs_an_account_of_an_authority(client, registered_user):
    assert client.get(PAGE).status_code == 302
    client.force_login(registered_user)
    assert client.get(PAGE).status_code == 403


def test_a_reviewer_sees_the_page_without_a_form(client, reviewer_user):
    client.force_login(reviewer_user)
    page = client.get(PAGE)
    assert page.status_code == 200 and 'name="texts"' not in page.content.decode()


def test_a_batch_sent_through_the_form_is_filed_and_its_page_lists_the_filings(
        client, bureau_user, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    client.force_login(bureau_user)
    rows = [batch_row("DB32/T 6001-2026"), batch_row("DB32/T 6002-2026")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, files(rows))
    batch = FilingBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/filing/work/batch/{batch.pk}/"
    with django_assert_max_num_queries(12):
        page = client.get(response["Location"])
    html = page.content.decode()
    assert "已提交 2 项备案" in html and "DB32/T 6001-2026" in html and "电动汽车充电站运营管理规范" in html
    assert Filing.objects.count() == 2
    assert "批量备案.jsonl" in client.get(PAGE).content.decode()  # in the recent batches


def test_a_batch_with_problems_lists_each_by_line_and_field(client, bureau_user, django_capture_on_commit_callbacks):
    client.force_login(bureau_user)
    rows = [batch_row("DB32/T 6011-2026"), batch_row("DB32/T 6012-2026", title_zh="")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, files(rows))
    html = client.get(response["Location"]).content.decode()
    assert "发现 1 处问题，未提交任何备案" in html
    assert "line 2: title_zh: 请填写标准名称" in html
    assert not Filing.objects.exists()


def test_a_zip_bomb_gets_the_form_again_with_the_problem_and_nothing_is_kept(client, bureau_user):
    client.force_login(bureau_user)
    rows = [batch_row("DB32/T 6021-2026", text_file="bomb.pdf")]
    page = client.post(PAGE, files(rows, texts=zip_bomb(unzipped=100 << 20)))
    assert page.status_code == 422
    html = page.content.decode()
    assert "压缩炸弹" in html and "bomb.pdf" in html and 'name="texts"' in html
    assert not FilingBatch.objects.exists()


def test_an_upload_over_the_limit_is_refused_with_the_message_on_the_form(client, bureau_user, settings):
    settings.BIAOZHUN_MAX_FILING_BATCH_BYTES = 500
    client.force_login(bureau_user)
    page = client.post(PAGE, files([batch_row("DB32/T 6031-2026")]))
    assert page.status_code == 413
    assert "文件不能超过" in page.content.decode()
    assert not FilingBatch.objects.exists()


def test_a_missing_file_is_named_on_its_field(client, bureau_user):
    client.force_login(bureau_user)
    page = client.post(PAGE, {"data": SimpleUploadedFile("a.jsonl", b"{}\n")})
    assert page.status_code == 422
    assert 'id="id_texts_error"' in page.content.decode()


def test_a_running_batch_is_followed_by_htmx_and_the_page_reloads_when_it_is_done(
        client, bureau_user, bureau_batch):
    client.force_login(bureau_user)
    url = bureau_batch.get_absolute_url()
    page = client.get(url)
    assert 'hx-trigger="every 2s"' in page.content.decode() and "刷新查看进度" in page.content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode() and "HX-Refresh" not in fragment
    from biaozhun.core.actors import SYSTEM
    from biaozhun.filing.services.batch import process_batch

    process_batch(actor=SYSTEM, batch_id=bureau_batch.pk)
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert FilingBatch.objects.get().state == FilingBatchState.DONE


def test_another_authoritys_batch_is_not_found(client, zhejiang_user, bureau_batch):
    client.force_login(zhejiang_user)
    assert client.get(bureau_batch.get_absolute_url()).status_code == 404
    assert "DB32" not in client.get(PAGE).content.decode()


def test_a_batch_still_running_cannot_be_resumed_yet(client, bureau_user, bureau_batch):
    client.force_login(bureau_user)
    page = client.post(f"{bureau_batch.get_absolute_url()}resume/")
    assert page.status_code == 409 and "仍在处理中" in page.content.decode()


def test_the_template_downloads_as_xlsx(client, bureau_user):
    client.force_login(bureau_user)
    response = client.get("/filing/work/batch/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
