"""Project documents: versioned uploads checked by content and size, who sees which, and the download."""

import io
import zipfile
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, TimeLimitPassed, ValidationFailed
from biaozhun.development.models import ProjectEvent
from biaozhun.development.services import move_project
from biaozhun.development.services.documents import DOCX, PDF, XLSX, upload_document
from biaozhun.rules.stages import Stage
from tests.factories.development import ProjectFactory
from tests.factories.files import real_pdf

pytestmark = pytest.mark.django_db

PDF_BYTES = real_pdf()


def office(marker: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<document/>")
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def pdf(name: str = "草案.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def drafting(tc28_project, walk):
    return walk(tc28_project, Stage.DRAFTING)


def test_each_upload_is_a_new_version_of_its_kind(drafting, secretariat_user):
    first = upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf(), note="工作组讨论稿")
    second = upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf("草案2.pdf", real_pdf("Draft v2")))
    explanation = upload_document(actor=secretariat_user, project=drafting, kind="explanation", upload=pdf("说明.pdf"))
    assert [(d.kind, d.version) for d in (first, second, explanation)] == [
        ("draft", 1), ("draft", 2), ("explanation", 1)]
    first.refresh_from_db()
    assert first.file.read() == PDF_BYTES  # never overwritten by the later version
    assert (second.stage, second.filename, second.size, second.content_type, second.uploaded_by) == (
        "drafting", "草案2.pdf", len(real_pdf("Draft v2")), PDF, secretariat_user)
    assert second.sha256 == second.digest(real_pdf("Draft v2"))
    event = drafting.events.filter(kind=ProjectEvent.Kind.DOCUMENT_ADDED).order_by("id").last()
    assert event.data == {"document": explanation.pk, "kind": "explanation", "version": 1}
    assert event.actor == secretariat_user


def test_the_type_is_judged_by_content_not_by_name(drafting, secretariat_user):
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf("草案.pdf", b"just text, named .pdf"))
    [problem] = caught.value.errors
    assert problem["field"] == "upload" and "PDF" in problem["message"] and "Word" in problem["message"]
    word = upload_document(actor=secretariat_user, project=drafting, kind="draft",
                           upload=SimpleUploadedFile("草案.bin", office("word/document.xml")))
    assert word.content_type == DOCX and word.file.name.endswith(".docx")
    assert drafting.documents.count() == 1


def test_a_workbook_is_accepted_only_as_the_disposition_table(drafting, secretariat_user):
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=SimpleUploadedFile("表.xlsx", xlsx()))
    assert caught.value.errors[0]["field"] == "upload"
    table = upload_document(actor=secretariat_user, project=drafting, kind="disposition_table",
                            upload=SimpleUploadedFile("表.xlsx", xlsx()))
    assert table.content_type == XLSX


def test_a_zip_that_is_not_a_word_document_is_refused(drafting, secretariat_user):
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=drafting, kind="draft",
                        upload=SimpleUploadedFile("草案.docx", office("content.xml")))
    assert caught.value.errors[0]["field"] == "upload"


def test_empty_and_oversized_files_are_refused_with_a_field_error(drafting, secretariat_user, settings):
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf(content=b""))
    assert caught.value.errors[0]["field"] == "upload" and "为空" in caught.value.errors[0]["message"]
    settings.BIAOZHUN_MAX_DOCUMENT_BYTES = 10
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf())
    assert caught.value.errors[0]["field"] == "upload" and "过大" in caught.value.errors[0]["message"]
    assert not drafting.documents.exists()


def test_only_the_secretariat_uploads_and_only_while_the_project_runs(drafting, secretariat_user,
                                                                         registered_user):
    with pytest.raises(PermissionDeniedError):
        upload_document(actor=registered_user, project=drafting, kind="draft", upload=pdf())
    drafting.frozen = True  # past the approval deadline
    drafting.save()
    with pytest.raises(TimeLimitPassed):
        upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf())
    project = move_project(actor=secretariat_user, project=drafting, to=Stage.TERMINATED,
                           expected_version=drafting.version, reason="合并立项")
    with pytest.raises(InvalidTransition):
        upload_document(actor=secretariat_user, project=project, kind="draft", upload=pdf())
    assert not project.documents.exists()


def test_moving_to_public_comment_succeeds_once_a_draft_is_uploaded(drafting, secretariat_user):
    upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf())
    project = move_project(actor=secretariat_user, project=drafting, to=Stage.COMMENT,
                           expected_version=drafting.version)
    assert project.stage == Stage.COMMENT


# --- Pages -----------------------------------------------------------------------------------------
@pytest.fixture
def with_files(drafting, secretariat_user):
    draft = upload_document(actor=secretariat_user, project=drafting, kind="draft", upload=pdf())
    explanation = upload_document(actor=secretariat_user, project=drafting, kind="explanation", upload=pdf("说明.pdf"))
    return drafting, draft, explanation


def download_url(project, document):
    return f"/projects/{project.pk}/documents/{document.pk}/"


def test_drafts_are_public_and_the_other_files_are_not(client, with_files, registered_user):
    project, draft, explanation = with_files
    for user in (None, registered_user):
        if user:
            client.force_login(user)
        page = client.get(project.get_absolute_url()).content.decode()
        assert download_url(project, draft) in page and "征求意见稿 v1" in page
        assert download_url(project, explanation) not in page
        assert client.get(download_url(project, draft)).status_code == 200
        assert client.get(download_url(project, explanation)).status_code == 404
    assert 'name="upload"' not in page


def test_the_secretariat_and_reviewers_see_every_file(client, with_files, secretariat_user, reviewer_user):
    project, _draft, explanation = with_files
    client.force_login(secretariat_user)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "编制说明 v1" in page and 'name="upload"' in page
    client.force_login(reviewer_user)
    assert client.get(download_url(project, explanation)).status_code == 200


def test_the_download_has_the_type_and_a_readable_file_name(client, with_files):
    project, draft, _explanation = with_files
    response = client.get(download_url(project, draft))
    assert response["Content-Type"] == "application/pdf"
    expected = quote(f"{project.plan_number}_征求意见稿_v1.pdf")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{expected}"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_document_of_another_project_is_not_found(client, with_files, tc28_committee):
    project, draft, _explanation = with_files
    other = ProjectFactory(committee=tc28_committee, title_zh="另一个项目")
    assert client.get(download_url(other, draft)).status_code == 404


def test_uploading_on_the_page(client, drafting, secretariat_user):
    client.force_login(secretariat_user)
    url = f"/projects/{drafting.pk}/documents/"
    refused = client.post(url, {"kind": "draft", "upload": pdf("草案.pdf", b"not a pdf"), "note": ""})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "文件未能上传" in page and "所选文件的内容不是这些格式" in page
    response = client.post(url, {"kind": "draft", "upload": pdf(), "note": "第一稿"})
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    assert list(drafting.documents.values_list("kind", "version", "note")) == [("draft", 1, "第一稿")]


def test_others_cannot_upload_on_the_page(client, drafting, registered_user):
    client.force_login(registered_user)
    response = client.post(f"/projects/{drafting.pk}/documents/", {"kind": "draft", "upload": pdf()})
    assert response.status_code == 403
    assert not drafting.documents.exists()
