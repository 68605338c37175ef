"""Files sent with an application: judged by content (a clean PDF, Word or Excel without macros), within the size
limit, of a declared kind; stored privately; served only to those who may see the application. A refused file
names itself and nothing of the application is stored."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from biaozhun.core.errors import ValidationFailed
from biaozhun.core.storage import NAME
from biaozhun.programmes.models import ApplicationAttachment, PilotApplication
from biaozhun.programmes.services import apply_for_pilot
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.files import HTML_AFTER_HEADER, pdf_with_open_action_script, real_pdf
from tests.fixtures.programmes import application_input
from tests.security.test_upload_structure import _docm, _xlsx

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _apply(user, programme, organisation, files):
    return apply_for_pilot(actor=user, programme=programme, organisation=organisation,
                           data=application_input(attachments=files))


def test_a_pdf_and_a_workbook_are_stored_privately_under_random_names(open_programme, enterprise_user, enterprise):
    application = _apply(enterprise_user, open_programme, enterprise, [
        ("application_form", upload("申报书.pdf", real_pdf("form"))), ("plan", upload("方案.xlsx", _xlsx(macros=False)))])
    stored = list(application.attachments.order_by("pk"))
    assert [(a.kind, a.filename, a.content_type) for a in stored] == [
        ("application_form", "申报书.pdf", "application/pdf"),
        ("plan", "方案.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    for attachment in stored:
        assert attachment.file.path.startswith(str(settings.BIAOZHUN_PRIVATE_MEDIA_ROOT))
        assert NAME.match(attachment.file.name) and "申报书" not in attachment.file.name
    assert application.events.get().data["attachments"] == 2


@pytest.mark.parametrize("name, content, says", [
    ("script.pdf", pdf_with_open_action_script(), "JavaScript"),
    ("page.pdf", HTML_AFTER_HEADER, "PDF"),
    ("macro.docx", _docm(), "宏"),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "按文件内容判断"),
    ("notes.txt", "纯文本".encode(), "按文件内容判断"),
])
def test_a_file_of_the_wrong_type_is_refused_by_its_content_and_nothing_is_stored(
        open_programme, enterprise_user, enterprise, name, content, says):
    with pytest.raises(ValidationFailed) as refused:
        _apply(enterprise_user, open_programme, enterprise, [("plan", upload(name, content))])
    [problem] = refused.value.errors
    assert problem["field"] == "attachments[0]"
    assert name in problem["message"] and says in problem["message"]
    assert not PilotApplication.objects.exists()
    assert not ApplicationAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(open_programme, enterprise_user, enterprise, settings):
    content = real_pdf("big")
    settings.BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES = len(content) - 1
    with pytest.raises(ValidationFailed, match="申报未能提交") as refused:
        _apply(enterprise_user, open_programme, enterprise, [("plan", upload("big.pdf", content))])
    assert "超过上限" in refused.value.errors[0]["message"]
    assert not PilotApplication.objects.exists()


def test_a_file_exactly_at_the_limit_is_accepted(open_programme, enterprise_user, enterprise, settings):
    content = real_pdf("fits")
    settings.BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES = len(content)
    application = _apply(enterprise_user, open_programme, enterprise, [("plan", upload("fits.pdf", content))])
    assert application.attachments.get().size == len(content)


def test_an_unknown_kind_of_material_is_refused(open_programme, enterprise_user, enterprise):
    with pytest.raises(ValidationFailed) as refused:
        _apply(enterprise_user, open_programme, enterprise, [("photos", upload("a.pdf", real_pdf()))])
    assert "材料类型" in refused.value.errors[0]["message"]


def test_more_than_five_files_are_refused(open_programme, enterprise_user, enterprise):
    files = [("other", upload(f"{n}.pdf", real_pdf(str(n)))) for n in range(6)]
    with pytest.raises(ValidationFailed):
        _apply(enterprise_user, open_programme, enterprise, files)


def test_the_file_is_served_to_the_applicant_and_the_authority_only(client, open_programme, enterprise_user,
                                                                    enterprise, admin_user):
    application = _apply(enterprise_user, open_programme, enterprise, [("plan", upload("方案.pdf", real_pdf("x")))])
    address = reverse("programmes:attachment", args=[application.attachments.get().pk])
    for user, status in ((enterprise_user, 200), (admin_user, 200), (UserFactory(member_of=OrganisationFactory()), 404),
                         (UserFactory(), 404)):
        client.force_login(user)
        response = client.get(address)
        assert response.status_code == status, user
        if status == 200:
            assert response["Cache-Control"] == "private, no-store"
            assert response["X-Content-Type-Options"] == "nosniff"
    client.logout()
    assert client.get(address).status_code == 302


def test_the_page_refuses_a_body_over_the_upload_limit_with_413(client, open_programme, enterprise_user, settings):
    settings.BIAOZHUN_MAX_PROGRAMME_UPLOAD_BYTES = 2000
    client.force_login(enterprise_user)
    response = client.post(reverse("programmes:apply", args=[open_programme.pk]), {
        "organisation": enterprise_user.memberships.get().organisation_id, "project_name": "x", "region_code": "320102",
        "field": "x", "objectives": "x", "kind-0": "plan", "file-0": upload("big.pdf", real_pdf("y") + b"0" * 5000)})
    assert response.status_code == 413
    assert not PilotApplication.objects.exists()
