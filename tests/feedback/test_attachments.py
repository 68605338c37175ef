"""Attachments: judged by their content (a PDF that parses without scripts, Office files without macros, real JPEG
or PNG photos re-encoded without their metadata), within size and count limits, stored privately and served only to
those who may see the item. A refused file names itself and nothing of the item is stored."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from biaozhun.core.errors import ValidationFailed
from biaozhun.core.storage import NAME
from biaozhun.feedback.models import Feedback, FeedbackAttachment
from tests.factories.accounts import UserFactory
from tests.factories.files import HTML_AFTER_HEADER, pdf_with_open_action_script, real_pdf
from tests.fixtures.feedback import VISITOR, submit
from tests.security.test_upload_structure import _docm, _xlsx

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def photo(kind: str = "JPEG", size=(64, 48), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=kind, **save)
    return buffer.getvalue()


def photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS: 上海
    return photo(exif=exif)


@pytest.fixture
def scene(tc28_standard, tc28_committee, tc_secretariat, national_administration):
    return tc28_standard


def test_a_pdf_a_workbook_and_photos_are_stored_privately(scene):
    item = submit(scene, attachments=[upload("报告.pdf", real_pdf("report")), upload("数据.xlsx", _xlsx(macros=False)),
                                      upload("现场.jpg", photo()), upload("x.png", photo("PNG"))][:3])
    stored = list(item.attachments.order_by("pk"))
    assert [(a.filename, a.content_type) for a in stored] == [
        ("报告.pdf", "application/pdf"),
        ("数据.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("现场.jpg", "image/jpeg")]
    for attachment in stored:
        assert attachment.file.path.startswith(str(settings.BIAOZHUN_PRIVATE_MEDIA_ROOT))
        assert NAME.match(attachment.file.name) and "报告" not in attachment.file.name  # random, nothing derived
    assert item.events.get(kind="received").data["attachments"] == 3


def test_a_photo_loses_its_camera_and_location_on_the_way_in(scene):
    item = submit(scene, attachments=[upload("现场.jpg", photo_with_location())])
    with item.attachments.get().file.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert dict(stored.getexif()) == {}
        assert stored.size == (64, 48)


@pytest.mark.parametrize("name, content, says", [
    ("标准.pdf", HTML_AFTER_HEADER, "不是有效的 PDF"),
    ("标准.pdf", pdf_with_open_action_script(), "JavaScript"),
    ("表.xlsx", _xlsx(macros=True), "宏"),
    ("说明.docx", _docm(), "宏"),
    ("照片.png", b"MZ\x90\x00\x03" + b"\x00" * 200, "不是 PDF"),
    ("照片.jpg", photo()[:200], "不是可读取的"),
    ("巨幅.png", None, "万像素"),
])
def test_a_hostile_or_broken_file_is_refused_by_name_and_nothing_is_stored(scene, name, content, says):
    if content is None:  # 50 million pixels in a few kilobytes: refused from the header, never decoded
        buffer = io.BytesIO()
        Image.new("1", (10_000, 5_000)).save(buffer, format="PNG")
        content = buffer.getvalue()
    with pytest.raises(ValidationFailed) as refused:
        submit(scene, attachments=[upload("好的.pdf", real_pdf()), upload(name, content)])
    [problem] = refused.value.errors
    assert problem["field"] == "attachments[1]" and name in problem["message"] and says in problem["message"]
    assert not Feedback.objects.exists() and not FeedbackAttachment.objects.exists()
    private = settings.BIAOZHUN_PRIVATE_MEDIA_ROOT
    assert not any(p.is_file() for p in private.rglob("*")) if private.exists() else True


def test_too_many_or_too_large_files_are_refused(scene, settings):
    with pytest.raises(ValidationFailed) as refused:
        submit(scene, attachments=[upload(f"{n}.pdf", real_pdf()) for n in range(4)])
    assert "最多上传 3 个附件" in refused.value.errors[0]["message"]
    settings.BIAOZHUN_MAX_FEEDBACK_ATTACHMENT_BYTES = 1024
    with pytest.raises(ValidationFailed) as refused:
        submit(scene, attachments=[upload("大.pdf", real_pdf(pages=20))])
    assert "超过上限" in refused.value.errors[0]["message"]


def test_the_form_refuses_an_upload_over_the_requests_limit_before_reading_it(client, scene, settings):
    settings.BIAOZHUN_MAX_FEEDBACK_UPLOAD_BYTES = 2048
    response = client.post(reverse("portal:feedback", args=[scene.identifier]), {
        "category": "content", "text": "7.1.5 条与 JJF 1069 不一致。", "name": VISITOR.name, "email": VISITOR.email,
        "attachments": [upload("大.pdf", real_pdf(pages=30))]})
    assert response.status_code == 413 and "MB" in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_attachment_is_served_to_the_handler_and_the_writer_and_to_nobody_else(client, scene, registered_user,
                                                                                   secretariat_user):
    item = submit(scene, actor=registered_user, attachments=[upload("报告.pdf", real_pdf("report"))])
    url = reverse("feedback:attachment", args=[item.tracking_number, item.attachments.get().pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    for person in (registered_user, secretariat_user):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_attachment_of_another_item_is_not_served_under_this_ones_number(client, scene, secretariat_user):
    first = submit(scene, attachments=[upload("a.pdf", real_pdf("a"))])
    second = submit(scene)
    client.force_login(secretariat_user)
    url = reverse("feedback:attachment", args=[second.tracking_number, first.attachments.get().pk])
    assert client.get(url).status_code == 404
