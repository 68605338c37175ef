"""Issue 9, finding 2: one small anonymous upload took the site down.

A 632 KB XLSX of 10 million rows sent to /validity/ used 144 s of CPU and 1.7 GB before it was refused, and a
300 MB upload was read into memory before the 5 MB check. Now a body is refused by its size before it is read,
a spreadsheet is inspected as a zip before it is opened, rows and cells are counted as they are read, and every
read has a time budget. Each test asserts what the person sees and how much was read, never timing.
"""

from __future__ import annotations

import ast
import io
import json
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import ClientHandler
from openpyxl import Workbook

from biaozhun.catalog.importing import run_import
from biaozhun.catalog.models import ImportJob, Standard
from biaozhun.catalog.validity import MAX_LINES
from biaozhun.catalog.validity_files import UploadError, read_upload
from biaozhun.core import safe_read
from biaozhun.core.actors import SYSTEM
from biaozhun.core.safe_read import ReadLimits, ReadRefused, ReadStats, Reason, hard_deadline, inspect_zip
from biaozhun.development.models import DraftDocument
from tests.fixtures import hostile_files as hostile
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
ROW_CAP = 2 * MAX_LINES  # rows of a validity upload, blank rows included


def xlsx_upload(content: bytes, name: str = "cited.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refused(name: str, content: bytes) -> tuple[str, ReadStats]:
    stats = ReadStats()
    with pytest.raises(UploadError) as caught:
        read_upload(name, content, stats=stats)
    return str(caught.value), stats


def stream_post(path: str, body, *, cookie: str = "", content_length: int | None = None):
    """POST `body` (read lazily, as a server reads the socket) through every middleware, CSRF checks off."""
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": body, "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": getattr(body, "content_type", "application/json"),
        "CONTENT_LENGTH": str(body.length if content_length is None else content_length),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    return ClientHandler(enforce_csrf_checks=False)(environ)


@pytest.fixture
def no_file_reaches_the_view(monkeypatch):
    def spy(*args, **kwargs):
        raise AssertionError("the view read an upload that should have been refused")

    monkeypatch.setattr("biaozhun.portal.views.validity.read_upload", spy)


# --- Size before reading ------------------------------------------------------------------------------------------

def test_a_300_mb_body_is_refused_without_being_read(no_file_reaches_the_view):
    body = hostile.MultipartBody(300 * MB)
    response = stream_post("/validity/", body)
    assert response.status_code == 413
    page = response.content.decode()
    assert "文件不能超过 5 MB" in page and 'name="numbers"' in page  # the form again, with the message
    assert body.consumed < 1 * MB  # the fields before the file, then nothing of it


def test_a_file_a_little_over_the_limit_gets_the_form_and_the_message(client, no_file_reaches_the_view):
    page = client.post("/validity/", {"file": xlsx_upload(b"PK" + b"\0" * (5 * MB + 1)), "format": "html"})
    assert page.status_code == 413
    assert "文件不能超过 5 MB" in page.content.decode() and "查新结果" not in page.content.decode()


def test_the_limit_comes_from_the_settings_and_the_page_says_it_in_english(client, settings,
                                                                           no_file_reaches_the_view):
    settings.BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES = 1 * MB
    page = client.post("/validity/", {"file": xlsx_upload(b"PK" + b"\0" * MB)}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 413
    assert "must not exceed 1 MB" in page.content.decode()


def test_a_file_sent_to_a_page_that_takes_none_is_refused_before_the_view_runs(client):
    page = client.post("/watch/search/", {"q": "GB", "file": xlsx_upload(b"\0" * (3 * MB))})
    assert page.status_code == 413
    assert "文件不能超过 2.5 MB" in page.content.decode()


def test_an_oversized_api_body_gets_a_problem_without_being_read():
    class Body(io.BytesIO):
        length = 300 * MB

    body = Body(b"{}")
    response = stream_post("/api/v1/catalog/validity", body)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["code"] == "payload_too_large"
    assert body.tell() == 0


def test_a_project_document_over_its_limit_is_refused_and_nothing_is_stored(client, settings, tc28_project,
                                                                           secretariat_user):
    settings.BIAOZHUN_MAX_DOCUMENT_BYTES = 2 * MB
    client.force_login(secretariat_user)
    body = hostile.MultipartBody(300 * MB, filename="草案.pdf", field="upload")
    response = stream_post(f"/projects/{tc28_project.pk}/documents/", body,
                           cookie=f"sessionid={client.cookies['sessionid'].value}")
    assert response.status_code == 413
    assert "文件不能超过 2 MB" in response.content.decode()
    assert body.consumed < 1 * MB
    assert not DraftDocument.objects.exists()


def test_an_anonymous_document_upload_is_not_read_at_all(tc28_project):
    body = hostile.MultipartBody(10 * MB, field="upload")
    response = stream_post(f"/projects/{tc28_project.pk}/documents/", body)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert body.consumed < 1 * MB


# --- Spreadsheets: the zip before openpyxl, rows and cells while reading -----------------------------------------------

def test_the_10_million_row_xlsx_is_refused_before_a_row_is_read(client):
    content = hostile.xlsx_with_rows(10_000_000)
    assert len(content) < 700 * 1024  # the attack's size
    page = client.post("/validity/", {"file": xlsx_upload(content), "format": "html"})
    assert page.status_code == 422
    assert "解压后超过 64 MB" in page.content.decode()
    _message, stats = refused("cited.xlsx", content)
    assert (stats.bytes_inflated, stats.rows) == (0, 0)


def test_a_sheet_within_the_zip_limits_stops_one_line_past_the_cap(settings):
    settings.BIAOZHUN_READ_LIMITS = {**settings.BIAOZHUN_READ_LIMITS,
                                     "upload": {**settings.BIAOZHUN_READ_LIMITS["upload"], "max_zip_ratio": 2000}}
    message, stats = refused("cited.xlsx", hostile.xlsx_with_rows(1_000_000))
    assert f"超过上限 {MAX_LINES} 行" in message
    assert stats.rows == MAX_LINES + 1
    message, stats = refused("cited.xlsx", hostile.xlsx_with_rows(1_000_000, row=b"<row/>"))  # blank rows
    assert f"超过 {ROW_CAP} 行" in message
    assert stats.rows == ROW_CAP + 1


def test_rows_numbered_far_apart_are_counted_as_openpyxl_fills_the_gap():
    content = hostile.xlsx_from_rows([b'<row r="1"><c><v>1</v></c></row>', b'<row r="1000000"><c><v>2</v></c></row>'])
    message, stats = refused("cited.xlsx", content)
    assert f"超过 {ROW_CAP} 行" in message
    assert stats.rows == ROW_CAP + 1


def test_the_dimension_tag_is_not_trusted():
    content = hostile.xlsx_from_rows(
        [b'<row r="1"><c r="A1" t="inlineStr"><is><t>GB/T 1234-2012</t></is></c></row>'],
        dimension=b'<dimension ref="A1:XFD1048576"/>')
    stats = ReadStats()
    assert read_upload("cited.xlsx", content, stats=stats) == ["GB/T 1234-2012"]
    assert (stats.rows, stats.cells) == (1, 1)  # not 1,048,576 rows of 16,384 cells


def test_a_zip_bomb_is_refused_before_anything_is_inflated():
    message, stats = refused("cited.xlsx", hostile.zip_bomb_xlsx(1 << 30))
    assert "解压后超过 64 MB" in message
    assert (stats.entries, stats.bytes_inflated) == (0, 0)
    message, stats = refused("cited.xlsx", hostile.zip_bomb_xlsx(8 * MB))  # small enough, but 1000:1
    assert "压缩比异常（超过 100 倍）" in message
    assert stats.bytes_inflated == 0


def test_a_zip_whose_headers_lie_about_its_sizes_is_refused_after_one_chunk_past_the_lie():
    message, stats = refused("cited.xlsx", hostile.lying_xlsx(real=8 * MB, declared=1000))
    assert "文件已损坏" in message
    assert stats.bytes_inflated < 1000 + 2 * safe_read.CHUNK + 10_000


def test_an_archive_inside_the_workbook_is_refused():
    message, _stats = refused("cited.xlsx", hostile.nested_xlsx())
    assert "嵌有其他压缩文件" in message


def test_too_many_entries_are_refused_before_the_directory_is_read():
    entries = [hostile.Entry.of(f"xl/media/{n}.xml", b"<a/>") for n in range(1001)]
    message, stats = refused("cited.xlsx", hostile.zip_bytes(entries))
    assert "超过 1000 个" in message
    assert stats.entries == 0


def test_xml_with_a_dtd_is_refused():
    sheet = hostile.Entry.of("xl/worksheets/sheet1.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + hostile.SHEET_HEAD % b""
                             + b"<row><c><v>&a;</v></c></row>" + hostile.SHEET_TAIL)
    message, _stats = refused("cited.xlsx", hostile.zip_bytes(hostile._frame(sheet=sheet)))
    assert "名称异常的部件" in message


def test_a_row_with_more_elements_than_a_row_can_hold_is_refused_before_openpyxl_builds_it(monkeypatch):
    monkeypatch.setattr(safe_read, "MAX_ROW_ELEMENTS", 100)
    row = b"<row>" + b"".join(b'<c r="A%d"><v>1</v></c>' % n for n in range(60)) + b"</row>"
    message, stats = refused("cited.xlsx", hostile.xlsx_from_rows([row]))
    assert "超出表格允许的范围" in message
    assert stats.rows == 0


def test_too_many_shared_strings_are_refused_before_openpyxl_parses_them():
    limits = ReadLimits(max_xml_elements=1_000)
    strings = hostile.Entry.of("xl/sharedStrings.xml", b"<sst>" + b"<si><t>x</t></si>" * 600 + b"</sst>")
    sheet = hostile.Entry.of("xl/worksheets/sheet1.xml", hostile.SHEET_HEAD % b"" + hostile.SHEET_TAIL)
    content = hostile.zip_bytes(hostile._frame(sheet=sheet, types=hostile.SHARED_STRINGS_TYPE,
                                               rels=hostile.SHARED_STRINGS_REL, more=[strings]))
    with pytest.raises(ReadRefused) as caught:
        inspect_zip(io.BytesIO(content), limits)
    assert caught.value.reason == Reason.XML_ELEMENTS


# --- CSV and text ---------------------------------------------------------------------------------------------------

def test_csv_stops_at_the_row_cap_and_blank_lines_count():
    message, stats = refused("cited.csv", b"\n" * (3 * MAX_LINES))
    assert f"超过 {ROW_CAP} 行" in message
    assert stats.rows == ROW_CAP + 1


def test_csv_over_the_byte_cap_is_refused_and_an_unreadable_csv_is_not_a_server_error(client):
    message, _stats = refused("cited.csv", b"GB/T 1-2000\n" * (5 * MB // 12 + 1))
    assert "文件不能超过 5 MB" in message
    page = client.post("/validity/", {"file": xlsx_upload(b'"' + b"x" * 200_000 + b'"\n', "cited.csv")})
    assert page.status_code == 422
    assert "文件已损坏或格式不对" in page.content.decode()


# --- Time ---------------------------------------------------------------------------------------------------------

def test_a_read_past_its_time_budget_stops_with_a_message(client, settings):
    settings.BIAOZHUN_READ_LIMITS = {**settings.BIAOZHUN_READ_LIMITS,
                                     "upload": {**settings.BIAOZHUN_READ_LIMITS["upload"], "max_seconds": 0}}
    workbook = Workbook()
    workbook.active.append(["GB/T 1234-2012"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = client.post("/validity/", {"file": xlsx_upload(buffer.getvalue())})
    assert page.status_code == 422
    assert "读取文件超过 0 秒，已停止" in page.content.decode()


def test_the_hard_deadline_interrupts_a_call_that_never_returns_to_the_read_loop():
    with pytest.raises(ReadRefused) as caught, hard_deadline(0.05) as armed:
        assert armed  # the tests run in the main thread, like gunicorn's sync workers
        time.sleep(30)
    assert caught.value.reason == Reason.SECONDS


# --- Imports -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("build, message", [
    (lambda: hostile.zip_bomb_xlsx(512 * MB), "压缩比异常"),  # within the import's 4 GB, but 1000:1
    (hostile.lying_xlsx, "文件已损坏"),
    (hostile.nested_xlsx, "嵌有其他压缩文件"),
])
def test_an_import_of_a_hostile_workbook_is_refused_before_a_job_is_recorded(tmp_path, build, message):
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(build())
    with pytest.raises(ValueError, match=message):
        run_import(path, actor=SYSTEM)
    assert not ImportJob.objects.exists() and not Standard.objects.exists()


def test_an_import_never_pads_rows_to_a_lying_dimension(tmp_path):
    cells = (b'<c r="A%d" t="inlineStr"><is><t>%s</t></is></c>'
             b'<c r="B%d" t="inlineStr"><is><t>%s</t></is></c>')
    rows = [b"<row r=\"1\">" + cells % (1, b"identifier", 1, b"title_zh") + b"</row>",
            b"<row r=\"2\">" + cells % (2, b"DB11/T 1234-2019", 2, "北京地方标准".encode()) + b"</row>"]
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(hostile.xlsx_from_rows(rows, dimension=b'<dimension ref="A1:XFD1048576"/>'))
    job = run_import(path, actor=SYSTEM)
    assert job.created == 1 and job.total_records == 1


# --- What still works ----------------------------------------------------------------------------------------------

def test_an_ordinary_workbook_and_csv_are_still_checked(client):
    make_standard("GB/T 1234-2012", published_on="2012-01-01", implemented_on="2012-06-01")
    workbook = Workbook()
    workbook.active.append(["序号", "标准号"])
    for n in range(1, 2001):
        workbook.active.append([n, "GB/T 1234-2012" if n == 1 else f"GB/T {n}-2020"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    stats = ReadStats()
    assert len(read_upload("cited.xlsx", buffer.getvalue(), stats=stats)) == 2000
    assert stats.rows == 2001
    page = client.post("/validity/", {"file": xlsx_upload(buffer.getvalue()), "format": "html"})
    assert page.status_code == 200 and "查新结果：2000 条" in page.content.decode()
    page = client.post("/validity/", {"file": xlsx_upload("标准号\nGB/T 1234-2012\n".encode("gb18030"), "a.csv")})
    assert page.status_code == 200 and "GB/T 1234-2012" in page.content.decode()


# --- The rule, kept by the source ------------------------------------------------------------------------------------

SOURCE = Path(__file__).resolve().parents[2] / "biaozhun"


def _calls(tree: ast.AST, name: str) -> bool:
    return any(isinstance(node, ast.Call) and name in (getattr(node.func, "id", ""), getattr(node.func, "attr", ""))
               for node in ast.walk(tree))


def test_workbooks_are_opened_only_by_the_safe_reader_and_files_only_under_a_declared_limit():
    opened, unlimited = [], []
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts or path.name in {"safe_read.py", "upload_limits.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _calls(tree, "load_workbook"):
            opened.append(str(path.relative_to(SOURCE)))
        reads_files = any(isinstance(node, ast.Attribute) and node.attr == "FILES" for node in ast.walk(tree))
        if reads_files and not _calls(tree, "upload_limit"):
            unlimited.append(str(path.relative_to(SOURCE)))
    assert opened == [], "read spreadsheets with biaozhun.core.safe_read.xlsx_rows"
    assert unlimited == [], "declare the view's limit with @upload_limit (biaozhun.core.upload_limits)"
