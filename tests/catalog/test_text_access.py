"""A standard's texts are read and downloaded as its kind allows, enforced where the files are served; amendment
sheets (修改单) have their own texts and come with the standard's."""

import io
import zipfile

import pytest
from django.db import transaction

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import Amendment, EventKind, Standard, StandardEvent
from biaozhun.catalog.services import (
    add_amendment,
    attach_amendment_text,
    attach_full_text,
    set_text_access,
    withdraw_amendment,
)
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def _with_text(identifier, **fields):
    standard = make_standard(identifier, **fields)
    attach_full_text(actor=SYSTEM, standard=standard, content=render_standard_pdf(standard, references=[]))
    return standard


@pytest.fixture
def mandatory():
    """GB 2762-2017 with two amendment sheets, the first with its own text."""
    standard = _with_text("GB 2762-2017", title_zh="食品安全国家标准 食品中污染物限量", published_on="2017-03-17",
                          implemented_on="2017-09-17")
    from datetime import date
    add_amendment(actor=SYSTEM, standard=standard, number=1, published_on=date(2021, 3, 18),
                  implemented_on=date(2021, 9, 18), summary="修改 4.1 铅限量")
    add_amendment(actor=SYSTEM, standard=standard, number=2, published_on=date(2022, 6, 30), implemented_on=None,
                  summary="修改表 1")
    attach_amendment_text(actor=SYSTEM, amendment=Amendment.objects.get(standard=standard, number=1),
                          content=render_standard_pdf(standard, references=["GB 5009.12"]))
    return Standard.objects.get(pk=standard.pk)


@pytest.fixture
def recommended():
    return _with_text("GB/T 36276-2023", title_zh="电力储能用锂离子电池", published_on="2023-12-28",
                      implemented_on="2024-07-01")


@pytest.fixture
def adopted():
    return _with_text("GB 4943.1-2022", title_zh="音视频、信息技术和通信技术设备 第1部分：安全要求",
                      published_on="2022-07-19", implemented_on="2023-08-01",
                      adopts=[{"identifier": "IEC 62368-1:2018", "degree": "MOD"}])


@pytest.fixture
def group():
    return _with_text("T/CAS 115-2005", title_zh="测试团体标准", published_on="2005-06-01", ccs=None, ics=[])


def _pdf(response) -> bytes:
    return b"".join(response.streaming_content)


# --- serving --------------------------------------------------------------------------------------------------
def test_a_mandatory_standards_text_is_read_and_downloaded_by_anyone(client, mandatory):
    for url in ("/std/GB 2762-2017/fulltext/zh.pdf", "/std/GB 2762-2017/fulltext/zh.pdf?download=1"):
        response = client.get(url)
        assert response.status_code == 200 and _pdf(response).startswith(b"%PDF-")
        assert response["Cache-Control"].startswith("public")
    assert "attachment" in client.get("/std/GB 2762-2017/fulltext/zh.pdf?download=1")["Content-Disposition"]
    page = client.get("/std/GB 2762-2017/read/zh").content.decode()
    assert "可下载" in page and "?download=1" in page


def test_a_recommended_standards_text_is_read_online_and_its_download_refused_with_why(client, recommended):
    assert client.get("/std/GB/T 36276-2023/fulltext/zh.pdf").status_code == 200
    refused = client.get("/std/GB/T 36276-2023/fulltext/zh.pdf?download=1")
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "此全文仅可在线阅读，不提供下载" in text and "推荐性国家标准" in text
    page = client.get("/std/GB/T 36276-2023/read/zh").content.decode()
    assert "可在线预览" in page and "?download=1" not in page and "仅可在线阅读" in page


def test_a_mandatory_standard_adopting_an_iec_text_is_not_downloadable_for_copyright(client, adopted):
    assert client.get("/std/GB 4943.1-2022/fulltext/zh.pdf").status_code == 200
    refused = client.get("/std/GB 4943.1-2022/fulltext/zh.pdf?download=1")
    assert refused.status_code == 403 and "国际标准版权" in refused.content.decode()


def test_a_group_standards_text_is_not_public_but_its_maintainers_read_it(client, group, reviewer_user):
    for url in ("/std/T/CAS 115-2005/fulltext/zh.pdf", "/std/T/CAS 115-2005/read/zh"):
        refused = client.get(url)
        assert refused.status_code == 403 and "此全文不公开" in refused.content.decode()
    client.force_login(reviewer_user)
    response = client.get("/std/T/CAS 115-2005/fulltext/zh.pdf?download=1")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert client.get("/std/T/CAS 115-2005/read/zh").status_code == 200


def test_a_mandatory_standards_translation_is_read_online_but_not_downloaded(client, mandatory):
    attach_full_text(actor=SYSTEM, standard=mandatory, content=render_standard_pdf(mandatory, references=[],
                                                                                  language="en"), language="en")
    assert client.get("/std/GB 2762-2017/fulltext/en.pdf").status_code == 200
    assert client.get("/std/GB 2762-2017/read/en").status_code == 200
    assert client.get("/std/GB 2762-2017/fulltext/en.pdf?download=1").status_code == 403
    assert client.get("/std/GB 2762-2017/fulltext/zh.pdf?download=1").status_code == 200


# --- the administrator's decision ---------------------------------------------------------------------------------
def test_an_administrator_opens_a_group_text_with_the_publishers_decision_as_reason(client, group, admin_user):
    set_text_access(actor=admin_user, standard=group, access="download", reason="中国标准化协会已在其网站公开全文")
    assert client.get("/std/T/CAS 115-2005/fulltext/zh.pdf?download=1").status_code == 200
    page = client.get("/std/T/CAS 115-2005").content.decode()
    assert "管理员依据发布者的决定设定。中国标准化协会已在其网站公开全文" in page
    event = StandardEvent.objects.get(standard=group, kind=EventKind.TEXT_ACCESS_SET)
    assert (event.data, event.reason, event.actor_id) == ({"from": "", "to": "download"}, "中国标准化协会已在其网站公开全文",
                                                          admin_user.pk)
    # Back to the rules: the text is closed again, and the history says so.
    set_text_access(actor=admin_user, standard=group, access="", reason="发布者撤回公开")
    assert client.get("/std/T/CAS 115-2005/fulltext/zh.pdf").status_code == 403
    assert StandardEvent.objects.filter(standard=group, kind=EventKind.TEXT_ACCESS_SET).count() == 2


def test_an_administrator_can_close_a_mandatory_text(client, mandatory, admin_user):
    set_text_access(actor=admin_user, standard=mandatory, access="not_public", reason="文本勘误中，暂停公开")
    refused = client.get("/std/GB 2762-2017/fulltext/zh.pdf")
    assert refused.status_code == 403 and "文本勘误中，暂停公开" in refused.content.decode()
    assert client.get("/std/GB 2762-2017/amendments/1.pdf").status_code == 403


def test_setting_text_access_again_to_the_same_changes_nothing(group, admin_user):
    set_text_access(actor=admin_user, standard=group, access="preview", reason="协会允许在线阅读")
    version = Standard.objects.get(pk=group.pk).version
    set_text_access(actor=admin_user, standard=group, access="preview", reason="协会允许在线阅读")
    assert Standard.objects.get(pk=group.pk).version == version
    assert StandardEvent.objects.filter(standard=group, kind=EventKind.TEXT_ACCESS_SET).count() == 1


@pytest.mark.parametrize(("access", "reason", "fields"), [
    ("public", "理由", ["access"]),
    ("download", "  ", ["reason"]),
    ("download", "理" * 301, ["reason"]),
    ("everyone", "", ["access", "reason"]),
])
def test_a_wrong_text_access_says_which_field_and_writes_nothing(group, admin_user, access, reason, fields):
    with pytest.raises(ValidationFailed) as caught:
        set_text_access(actor=admin_user, standard=group, access=access, reason=reason)
    assert [e["field"] for e in caught.value.errors] == fields
    assert not StandardEvent.objects.filter(standard=group, kind=EventKind.TEXT_ACCESS_SET).exists()


@pytest.mark.parametrize("role", ["reviewer_user", "registered_user"])
def test_only_administrators_set_text_access(request, group, role):
    with pytest.raises(PermissionDeniedError):
        set_text_access(actor=request.getfixturevalue(role), standard=group, access="download", reason="理由")
    assert Standard.objects.get(pk=group.pk).text_access == ""


# --- amendment sheets with the text ---------------------------------------------------------------------------
def test_attaching_an_amendment_text_records_an_event_and_replaces_the_earlier_file(mandatory):
    sheet = Amendment.objects.get(standard=mandatory, number=1)
    first = sheet.file.name
    content = render_standard_pdf(mandatory, references=["GB 5009.15"])
    with transaction.atomic():
        attach_amendment_text(actor=SYSTEM, amendment=sheet, content=content)
    sheet.refresh_from_db()
    assert sheet.file.name != first and sheet.page_count >= 1 and sheet.size == len(content)
    events = StandardEvent.objects.filter(standard=mandatory, kind=EventKind.AMENDMENT_TEXT).order_by("id")
    assert [e.data["number"] for e in events] == [1, 1]
    attach_amendment_text(actor=SYSTEM, amendment=sheet, content=content)  # the same file again: nothing new
    assert StandardEvent.objects.filter(standard=mandatory, kind=EventKind.AMENDMENT_TEXT).count() == 2


def test_an_amendment_text_must_be_a_pdf(mandatory):
    with pytest.raises(ValidationFailed, match="修改单文本未能上传") as caught:
        attach_amendment_text(actor=SYSTEM, amendment=Amendment.objects.get(standard=mandatory, number=2),
                              content=b"<html>not a pdf</html>")
    assert caught.value.errors[0]["field"] == "file"
    assert not Amendment.objects.get(standard=mandatory, number=2).file


def test_only_those_who_attach_full_texts_attach_amendment_texts(mandatory, registered_user):
    with pytest.raises(PermissionDeniedError):
        attach_amendment_text(actor=registered_user, amendment=Amendment.objects.get(standard=mandatory, number=2),
                              content=render_standard_pdf(mandatory, references=[]))


def test_the_reader_lists_the_amendments_right_after_the_text(client, mandatory):
    page = client.get("/std/GB 2762-2017/read/zh").content.decode()
    assert page.index('id="reader-pages"') < page.index('id="amendments"')
    assert "本标准有 2 份修改单，见全文之后" in page
    assert "2762-2017/amendments/1/read" in page  # sheet 1 has a text, sheet 2 not yet
    assert "暂无修改单文本" in page
    assert "2762-2017/fulltext/zh-amendments.zip" in page
    sheet = client.get("/std/GB 2762-2017/amendments/1/read")
    assert sheet.status_code == 200 and "GB 2762-2017/XG1-2021" in sheet.content.decode()


def test_the_download_bundles_the_text_with_its_amendments(client, mandatory):
    response = client.get("/std/GB 2762-2017/fulltext/zh-amendments.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["GB 2762-2017.pdf", "GB 2762-2017_XG1-2021.pdf"]
    assert archive.read("GB 2762-2017_XG1-2021.pdf") == Amendment.objects.get(standard=mandatory, number=1).file.read()
    amendment = client.get("/std/GB 2762-2017/amendments/1.pdf?download=1")
    assert amendment.status_code == 200 and _pdf(amendment).startswith(b"%PDF-")


def test_amendments_of_a_preview_only_text_are_read_but_not_downloaded(client, recommended):
    from datetime import date
    add_amendment(actor=SYSTEM, standard=recommended, number=1, published_on=date(2024, 9, 1), implemented_on=None,
                  summary="修改 5.2")
    attach_amendment_text(actor=SYSTEM, amendment=recommended.amendments.get(number=1),
                          content=render_standard_pdf(recommended, references=[]))
    assert client.get("/std/GB/T 36276-2023/amendments/1.pdf").status_code == 200
    for url in ("/std/GB/T 36276-2023/amendments/1.pdf?download=1", "/std/GB/T 36276-2023/fulltext/zh-amendments.zip"):
        refused = client.get(url)
        assert refused.status_code == 403 and "不提供下载" in refused.content.decode()
    page = client.get("/std/GB/T 36276-2023").content.decode()
    assert "/amendments/1/read" in page and "/amendments/1.pdf?download=1" not in page


def test_no_bundle_and_no_sheet_where_there_is_nothing_to_give(client, recommended, mandatory):
    assert client.get("/std/GB/T 36276-2023/fulltext/zh-amendments.zip").status_code == 404  # no amendment texts
    assert client.get("/std/GB 2762-2017/amendments/2.pdf").status_code == 404  # sheet without a text
    assert client.get("/std/GB 2762-2017/amendments/9/read").status_code == 404


def test_withdrawing_an_amendment_deletes_its_text_after_commit(mandatory, admin_user, django_capture_on_commit_callbacks):
    sheet = Amendment.objects.get(standard=mandatory, number=1)
    name, storage = sheet.file.name, sheet.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_amendment(actor=admin_user, standard=mandatory, number=1, reason="发布有误")
    assert not storage.exists(name)


def test_amendment_texts_are_private_files_under_unguessable_names(mandatory):
    from biaozhun.core.storage import NAME, PrivateFileStorage

    sheet = Amendment.objects.get(standard=mandatory, number=1)
    assert isinstance(sheet.file.storage, PrivateFileStorage)
    match = NAME.match(sheet.file.name)
    assert match and match["folder"] == "amendments"
