"""标准查新: each cited number's status and the edition in force, through chains of replacements."""

import io
from datetime import date

import pytest
import time_machine
from django.utils import translation
from openpyxl import Workbook, load_workbook

from biaozhun.catalog.validity import MAX_LINES, check_lines
from biaozhun.catalog.validity_files import UploadError, read_upload
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        make_standard("GB/T 1234-2005", published_on="2005-01-01", implemented_on="2005-06-01", title_zh="第一版")
        make_standard("GB/T 1234-2012", published_on="2012-01-01", implemented_on="2012-06-01",
                      replaces=["GB/T 1234-2005"], title_zh="第二版")
        make_standard("GB/T 1234-2020", published_on="2020-01-01", implemented_on="2020-06-01",
                      replaces=["GB/T 1234-2012"], title_zh="第三版")
        make_standard("GB 5000-1999", published_on="1999-01-01", implemented_on="1999-06-01", abolished_on="2017-03-23")
        make_standard("GB/T 19001-2016/ISO 9001:2015")


def test_replaced_edition_leads_through_the_chain_to_the_edition_in_force(catalogue):
    [row] = check_lines(["GB/T 1234-2005"])
    assert row.outcome == "replaced"
    assert [e.identifier for e in row.chain] == ["GB/T 1234-2012", "GB/T 1234-2020"]
    assert row.in_force.identifier == "GB/T 1234-2020"


def test_every_outcome(catalogue):
    rows = check_lines([
        "GB/T 1234-2020", "GB 5000-1999", "GB/T 99999-2020", "not a number", "gb/t1234—2012",
        "GB/T 1234", "GB/T 19001-2016 质量管理体系 要求",
    ])
    assert [r.outcome for r in rows] == ["valid", "abolished", "not_found", "error", "replaced", "valid", "valid"]
    assert rows[3].error  # the parse error, with its position
    assert rows[4].canonical == "GB/T 1234-2012"
    assert rows[5].found.identifier == "GB/T 1234-2020"  # an undated citation means the edition in force
    assert rows[6].found.identifier == "GB/T 19001-2016/ISO 9001:2015"


def test_page_shows_results_and_downloads_xlsx(client, catalogue):
    page = client.post("/validity/", {"numbers": "GB/T 1234-2005\nGB 5000-1999\n", "format": "html"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "GB/T 1234-2020" in text and "已废止" in text
    download = client.post("/validity/", {"numbers": "GB/T 1234-2005\n", "format": "xlsx"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2] == "GB/T 1234-2005"
    assert rows[1][8] == "GB/T 1234-2020"


def test_uploaded_xlsx_uses_the_number_column(client, catalogue):
    workbook = Workbook()
    workbook.active.append(["序号", "标准号", "名称"])
    workbook.active.append([1, "GB/T 1234-2012", "第二版"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.name = "cited.xlsx"
    buffer.seek(0)
    page = client.post("/validity/", {"file": buffer, "format": "html"})
    assert "GB/T 1234-2020" in page.content.decode()


def test_csv_in_gb18030_is_read():
    content = "标准号\nGB/T 1234-2012\n".encode("gb18030")
    assert read_upload("cited.csv", content) == ["GB/T 1234-2012"]


def test_uploads_that_cannot_be_read_get_a_clear_error():
    with pytest.raises(UploadError, match="xlsx"):
        read_upload("cited.pdf", b"%PDF-1.4")
    with pytest.raises(UploadError, match="XLSX"):
        read_upload("cited.xlsx", b"not a zip")
    with pytest.raises(UploadError, match=str(MAX_LINES)):
        read_upload("cited.csv", ("\n".join(["GB/T 1-2020"] * (MAX_LINES + 1))).encode())


def test_too_many_pasted_lines_are_refused(client, catalogue):
    page = client.post("/validity/", {"numbers": "GB/T 1-2020\n" * (MAX_LINES + 1), "format": "html"})
    assert str(MAX_LINES) in page.content.decode()


def test_the_result_xlsx_keeps_a_formula_someone_typed_as_text(client, catalogue):
    typed = '=HYPERLINK("http://evil.example/","GB/T 1234-2020")'
    download = client.post("/validity/", {"numbers": f"{typed}\nGB/T 1234-2005\n", "format": "xlsx"})
    row = next(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows(min_row=2))
    assert (row[1].value, row[1].data_type) == (typed, "s")


def test_a_number_that_cannot_be_read_says_where_and_what_in_the_readers_language(client, catalogue):
    [row] = check_lines(["GB/T 1234-20"])
    assert (row.outcome, row.error_code) == ("error", "year")
    assert row.error == "第 11 个字符处应为年代号（如 2016；两位数年代号只用于 1950—1999 年），实际为“20”"
    page = client.post("/validity/", {"numbers": "GB/T 1234-20\n", "format": "html"}).content.decode()
    assert "第 11 个字符处应为年代号" in page and "at position" not in page
    download = client.post("/validity/", {"numbers": "GB/T 1234-20\n", "format": "xlsx"})
    last_column = list(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows(values_only=True))[1][-1]
    assert last_column == "无法识别的标准号：第 11 个字符处应为年代号（如 2016；两位数年代号只用于 1950—1999 年），实际为“20”"
    with translation.override("en"):
        [row] = check_lines(["GB/T 1234-20"])
    assert row.error == "at character 11: expected a year (e.g. 2016; two-digit years only for 1950-1999), found “20”"
    english = client.post("/validity/", {"numbers": "XX/T 1-2020\n", "format": "html"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "there is no industry code “XX”" in english.content.decode()


def test_a_part_range_is_checked_part_by_part_on_its_own_line():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        make_standard("GB/T 7714.1-2015", published_on="2015-01-01", implemented_on="2015-06-01")
        make_standard("GB/T 7714.2-2015", published_on="2015-01-01", implemented_on="2015-06-01")
        rows = check_lines(["GB/T 1-2020", "GB/T 7714.1~3-2015", "GB/T 7714.3~1-2015"])
    assert [(r.line, r.canonical, r.outcome) for r in rows] == [
        (1, "GB/T 1-2020", "not_found"),
        (2, "GB/T 7714.1-2015", "valid"), (2, "GB/T 7714.2-2015", "valid"), (2, "GB/T 7714.3-2015", "not_found"),
        (3, "", "error"),
    ]
    assert rows[-1].error_code == "part_range_order"


def test_a_part_range_beyond_the_line_limit_is_reported_not_expanded():
    rows = check_lines(["GB/T 1-2020"] * (MAX_LINES - 2) + ["GB/T 7714.1~3-2015"])
    assert len(rows) == MAX_LINES - 1
    assert rows[-1].error_code == "part_range"
