"""The enterprise's bulk declaration page: a valid file imports, a bad one lists its problems by line and field and
writes nothing, a file too large or a zip bomb is refused before it is read, another enterprise's USCC is refused,
a large file is imported by a task behind a page that reloads itself, the rejects come back in the file's format."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.declarations.models import Declaration, DeclarationImport, DeclarationVersion, Product
from biaozhun.declarations.services import bulk_upload
from tests.declarations.import_files import good_rows, jsonl, xlsx
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.hostile_files import zip_bomb_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, enterprise_user, enterprise_profile, diesel_standards):
    client.force_login(enterprise_user)
    return client


def page(enterprise) -> str:
    return reverse("declarations:work_import", args=[enterprise.pk])


def upload(content: bytes, name: str = "声明.jsonl", **form) -> dict:
    return {"file": SimpleUploadedFile(name, content), **form}


def test_a_member_sees_the_form_the_template_link_and_the_page_is_linked_from_the_enterprise(member, enterprise):
    html = member.get(page(enterprise)).content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="skip_invalid"' in html
    assert reverse("declarations:work_import_template") in html
    assert page(enterprise) in member.get(reverse("declarations:work_enterprise", args=[enterprise.pk])).content.decode()


def test_a_valid_file_is_imported_and_its_page_says_what_was_declared(member, enterprise):
    response = member.post(page(enterprise), upload(jsonl(good_rows())))
    job = DeclarationImport.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == DeclarationImport.State.DONE and job.declared == 2
    assert Declaration.objects.filter(enterprise=enterprise).count() == 2
    html = member.get(job.get_absolute_url()).content.decode()
    assert "共 3 行，已公开 2 份声明" in html and "hx-get" not in html


def test_a_bad_xlsx_lists_each_problem_by_line_and_field_and_nothing_is_written(member, enterprise):
    content = xlsx([["", "车用柴油", "0号", "", "", "GB 19147-2016"],
                    ["", "车用柴油", "-10号", "", "", "GB 19147-2099"],
                    ["", "", "", "", "", "GB 19147-2016"]])
    response = member.post(page(enterprise), upload(content, "声明.xlsx"))
    job = DeclarationImport.objects.get()
    assert job.state == DeclarationImport.State.REJECTED
    html = member.get(response["Location"]).content.decode()
    assert "未导入任何声明" in html
    assert "line 3: identifier: " in html and "GB 19147-2099" in html
    assert "line 4: product_name: 请填写产品名称" in html
    assert ">标准号 <" in html  # the field named as the file's heading
    assert not Declaration.objects.exists() and not Product.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(member, enterprise, settings):
    settings.BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES = 200
    response = member.post(page(enterprise), upload(jsonl(good_rows() * 3)))
    assert response.status_code == 413
    assert "文件不能超过" in response.content.decode()
    assert not DeclarationImport.objects.exists() and not Declaration.objects.exists()


def test_a_zip_bomb_xlsx_is_refused_with_the_reason_and_nothing_is_kept(member, enterprise):
    response = member.post(page(enterprise), upload(zip_bomb_xlsx(unzipped=100 << 20), "炸弹.xlsx"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "XLSX 文件" in html and ("压缩炸弹" in html or "解压后超过" in html)
    assert not DeclarationImport.objects.exists()


def test_a_row_naming_another_enterprise_is_refused_by_line(member, enterprise):
    other = OrganisationFactory()
    rows = good_rows(enterprise.uscc)
    rows[1]["uscc"] = other.uscc
    response = member.post(page(enterprise), upload(jsonl(rows)))
    job = DeclarationImport.objects.get()
    assert job.state == DeclarationImport.State.REJECTED
    assert [(e["line"], e["field"]) for e in job.errors if e["field"] == "uscc"] == [(2, "uscc")]
    assert other.uscc in member.get(response["Location"]).content.decode()
    assert not Declaration.objects.exists()


def test_someone_outside_the_enterprise_cannot_open_its_import_page_or_its_files(client, enterprise, member):
    member.post(page(enterprise), upload(jsonl(good_rows())))
    job = DeclarationImport.objects.get()
    client.force_login(UserFactory(member_of=OrganisationFactory()))
    assert client.get(page(enterprise)).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(page(enterprise), upload(jsonl(good_rows()))).status_code == 404
    assert DeclarationImport.objects.count() == 1


def test_a_large_file_is_imported_by_a_task_behind_a_page_that_reloads_itself(
        member, enterprise, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(bulk_upload, "INLINE_BYTES", 10)
    with django_capture_on_commit_callbacks() as queued:
        response = member.post(page(enterprise), upload(jsonl(good_rows())))
    job = DeclarationImport.objects.get()
    assert job.state == DeclarationImport.State.QUEUED and job.upload and len(queued) == 1
    html = member.get(response["Location"]).content.decode()
    assert "等待导入" in html and 'hx-trigger="every 2s"' in html
    fragment = member.get(response["Location"], HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in fragment and 'id="import-progress"' in fragment.content.decode()
    queued[0]()  # the task runs (the tests' backend runs it at once)
    job.refresh_from_db()
    assert job.state == DeclarationImport.State.DONE and job.declared == 2
    assert member.get(response["Location"], HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_valid_rows_only_gives_back_the_rejects_as_xlsx_which_import_once_corrected(member, enterprise):
    content = xlsx([["", "车用柴油", "0号", "", "", "GB 19147-2016"],
                    ["", "车用柴油", "-35号", "", "", "Q/OTHER 1-2025", "车用柴油"]],
                   [["", "Q/OTHER 1-2025", "硫含量", "mg/kg", "≤", "", 8]])
    response = member.post(page(enterprise), upload(content, "声明.xlsx", skip_invalid="on"))
    job = DeclarationImport.objects.get()
    assert job.state == DeclarationImport.State.DONE and job.declared == 1 and job.rejected_rows == 1
    rejects = member.get(reverse("declarations:work_import_rejects", args=[job.pk]))
    assert rejects["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(rejects.streaming_content)))
    rows = list(book["声明"].iter_rows(values_only=True))
    assert rows[1][5] == "Q/OTHER 1-2025" and "identifier" in rows[1][8]
    assert list(book["指标"].iter_rows(values_only=True))[1][:3] == (enterprise.uscc, "Q/OTHER 1-2025", "硫含量")
    for sheet in (book["声明"], book["指标"]):
        for row in sheet.iter_rows(min_row=2):
            if row[1].value == "Q/OTHER 1-2025" or row[5].value == "Q/OTHER 1-2025":
                (row[1] if row[1].value == "Q/OTHER 1-2025" else row[5]).value = "Q/CSQY 1-2025"
    corrected = io.BytesIO()
    book.save(corrected)
    again = member.post(page(enterprise), upload(corrected.getvalue(), "改正.xlsx"))
    assert DeclarationImport.objects.get(pk=int(again["Location"].rstrip("/").rsplit("/", 1)[1])).declared == 1
    assert Declaration.objects.get(identifier="Q/CSQY 1-2025").indicators.get().name == "硫含量"
    assert response.status_code == 302


def test_the_import_page_lists_recent_files_within_a_query_budget(member, enterprise, django_assert_max_num_queries):
    for n in range(3):
        rows = good_rows()
        rows[2]["identifier"] = f"Q/CSQY {n + 10}-2025"
        member.post(page(enterprise), upload(jsonl(rows[2:])))
    with django_assert_max_num_queries(12):
        html = member.get(page(enterprise)).content.decode()
    assert html.count(reverse("declarations:work_import_detail", args=[DeclarationImport.objects.first().pk])) == 1
    assert DeclarationVersion.objects.count() == 3
