"""Issue 9, finding 6 (uploads): a PDF is judged by its structure, not its first bytes, and Office files carry no
macros. Every path that stores an upload refuses them (the project documents form and service, full texts);
the platform has no API endpoint that takes a file."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import FullText
from biaozhun.catalog.services import attach_full_text
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.uploads import FileRejected, check_office, check_pdf
from biaozhun.development.models import DocumentKind
from biaozhun.development.services.documents import XLSX, upload_document
from tests.factories.files import (
    HTML_AFTER_HEADER,
    encrypted_pdf,
    pdf_with_embedded_file,
    pdf_with_open_action_script,
    real_pdf,
)
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

HOSTILE = {
    "html after the header": (HTML_AFTER_HEADER, "不是有效的 PDF"),
    "script run on opening": (pdf_with_open_action_script(), "JavaScript"),
    "embedded file": (pdf_with_embedded_file(), "嵌入的文件"),
    "encrypted": (encrypted_pdf(), "加密"),
}


def _xlsx(*, macros: bool) -> bytes:
    """A real workbook; with `macros`, made into an .xlsm (a VBA project and the macro-enabled content type)."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    if not macros:
        return buffer.getvalue()
    source, result = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            target.writestr(item, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA")
    return result.getvalue()


def _docm() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType='
                                                '"application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA")
    return buffer.getvalue()


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- Project documents: the form and the service ------------------------------------------------------------------
@pytest.mark.parametrize("case", HOSTILE)
def test_the_documents_form_refuses_a_hostile_pdf_and_says_why(client, tc28_project, secretariat_user, case):
    content, words = HOSTILE[case]
    client.force_login(secretariat_user)
    response = client.post(reverse("development:document_upload", args=[tc28_project.pk]),
                           {"kind": DocumentKind.EXPLANATION, "upload": _file("说明.pdf", content), "note": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert words in page and "编制说明" in page  # the message names the field it is about
    assert not tc28_project.documents.exists()


@pytest.mark.parametrize("case", HOSTILE)
def test_the_documents_service_refuses_a_hostile_pdf_under_the_upload_field(tc28_project, secretariat_user, case):
    content, words = HOSTILE[case]
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=tc28_project, kind=DocumentKind.DRAFT,
                        upload=_file("草案.pdf", content))
    [problem] = caught.value.errors
    assert problem["field"] == "upload" and words in problem["message"] and "标准草案" in problem["message"]
    assert not tc28_project.documents.exists()


def test_a_real_pdf_is_accepted(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(reverse("development:document_upload", args=[tc28_project.pk]),
                           {"kind": DocumentKind.EXPLANATION, "upload": _file("说明.pdf", real_pdf()), "note": ""})
    assert response.status_code == 302
    assert tc28_project.documents.get().kind == DocumentKind.EXPLANATION


def test_a_workbook_with_macros_is_refused_and_one_without_is_accepted(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("development:document_upload", args=[tc28_project.pk])
    response = client.post(url, {"kind": DocumentKind.DISPOSITION_TABLE, "upload": _file("表.xlsx", _xlsx(macros=True))})
    assert response.status_code == 422 and "宏" in response.content.decode()
    assert not tc28_project.documents.exists()
    response = client.post(url, {"kind": DocumentKind.DISPOSITION_TABLE, "upload": _file("表.xlsx", _xlsx(macros=False))})
    assert response.status_code == 302 and tc28_project.documents.get().content_type == XLSX


def test_a_word_document_with_macros_is_refused(tc28_project, secretariat_user):
    with pytest.raises(ValidationFailed) as caught:
        upload_document(actor=secretariat_user, project=tc28_project, kind=DocumentKind.DRAFT,
                        upload=_file("草案.docx", _docm()))
    assert caught.value.errors[0]["field"] == "upload" and "宏" in caught.value.errors[0]["message"]


# --- Full texts ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", HOSTILE)
def test_a_full_text_must_be_a_clean_pdf(case):
    standard = make_standard("GB/T 38002-2026")
    content, words = HOSTILE[case]
    with pytest.raises(ValidationFailed) as caught:
        attach_full_text(actor=SYSTEM, standard=standard, content=content, language="zh")
    [problem] = caught.value.errors
    assert problem["field"] == "file" and words in problem["message"] and "全文" in problem["message"]
    assert not FullText.objects.filter(standard=standard).exists()


def test_a_rendered_standard_is_accepted_as_full_text_with_its_pages_counted():
    standard = make_standard("GB/T 38003-2026")
    text = attach_full_text(actor=SYSTEM, standard=standard, content=render_standard_pdf(standard, references=[]))
    assert text.page_count and text.page_count >= 2


# --- Bounds and messages ------------------------------------------------------------------------------------------
def test_a_pdf_over_the_page_cap_is_refused(settings):
    settings.BIAOZHUN_MAX_PDF_PAGES = 2
    assert check_pdf(real_pdf(pages=2), label="全文").pages == 2
    with pytest.raises(FileRejected, match="3 页"):
        check_pdf(real_pdf(pages=3), label="全文")


def test_a_check_that_runs_out_of_time_refuses_the_file(settings):
    settings.BIAOZHUN_UPLOAD_CHECK_SECONDS = -1
    with pytest.raises(FileRejected, match="秒"):
        check_pdf(real_pdf(), label="全文")


def test_the_refusals_read_in_english_and_name_the_field():
    with translation.override("en"):
        with pytest.raises(FileRejected) as caught:
            check_pdf(HTML_AFTER_HEADER, label="Full text")
        assert caught.value.message.startswith("Full text is not a valid PDF") and "Export the PDF again" in caught.value.message
        with pytest.raises(FileRejected) as caught:
            check_pdf(pdf_with_open_action_script(), label="Full text")
        assert caught.value.message.startswith("Full text contains scripts (JavaScript)")
        with pytest.raises(FileRejected) as caught:
            check_office(io.BytesIO(_xlsx(macros=True)), label="Disposition table")
        assert caught.value.message.startswith("Disposition table contains macros")
