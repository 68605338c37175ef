"""Importing the limits table from XLSX (all or nothing, each problem by row and column), its template, and the
admin pages that save through the services."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from biaozhun.core.spreadsheets import Workbook as SafeWorkbook
from biaozhun.declarations.limits_format import COLUMNS, UploadError, headings, read_limit_rows, template_xlsx
from biaozhun.declarations.models import LimitEventKind, MandatoryIndicator, MandatoryIndicatorEvent
from biaozhun.declarations.services.limits import import_limits
from tests.fixtures.hostile_files import zip_bomb_xlsx

pytestmark = pytest.mark.django_db
HEAD = [str(h) for h in COLUMNS.values()]
GOOD = ["GB 252-2015", "表1", "普通柴油", "硫含量", "硫", "mg/kg", "≤", 10, "=HYPERLINK(\"http://x\")", "是", "是"]
IMPORT_URL = "admin:declarations_mandatoryindicator_import"


def xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts():
    return MandatoryIndicator.objects.count(), MandatoryIndicatorEvent.objects.count()


def test_a_good_file_adds_new_rows_and_changes_existing_ones_with_imported_events(admin_user):
    seeded = MandatoryIndicator.objects.get(standard_number="GB 19147-2016")
    changed = ["GB 19147-2016", seeded.clause, "车用柴油", "硫含量", "", "mg/kg", "不大于", "8", "", "否", ""]
    result = import_limits(admin_user, read_limit_rows(xlsx(HEAD, GOOD, [], changed), "l.xlsx"), source_name="l.xlsx")
    assert (len(result.created), len(result.changed)) == (1, 1)
    seeded.refresh_from_db()
    assert seeded.limit_value == Decimal("8") and not seeded.verified and seeded.active
    event = seeded.events.get()
    assert event.kind == LimitEventKind.IMPORTED and event.data["line"] == 4 and event.data["source"] == "l.xlsx"


def test_formula_text_in_a_cell_is_kept_as_text_and_written_back_as_text(admin_user):
    book = SafeWorkbook()  # stores "=..." as a text cell, as Excel does for text typed after an apostrophe
    sheet = book.sheet("限值")
    sheet.append(HEAD)
    sheet.append(GOOD)
    import_limits(admin_user, read_limit_rows(book.to_bytes(), "l.xlsx"))
    limit = MandatoryIndicator.objects.get(standard_number="GB 252-2015")
    assert limit.note == '=HYPERLINK("http://x")'
    sheet = load_workbook(io.BytesIO(template_xlsx([limit]))).active
    cell = sheet.cell(row=2, column=9)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_bad_rows_refuse_the_whole_file_naming_row_and_column(admin_user):
    before = counts()
    bad_value = [*GOOD[:7], "十", *GOOD[8:]]
    bad_standard = ["XYZ", *GOOD[1:3], "铅", *GOOD[4:]]
    with pytest.raises(Exception) as refused:
        import_limits(admin_user, read_limit_rows(xlsx(HEAD, GOOD, bad_value, bad_standard, GOOD), "l.xlsx"),
                      columns=headings())
    found = {(e["line"], e["column"]) for e in refused.value.errors}
    assert found == {(3, "限值"), (4, "标准号"), (5, "指标名称")}  # row 5 repeats row 2
    assert counts() == before


def test_a_file_without_the_required_headings_is_refused_with_the_missing_columns():
    with pytest.raises(UploadError, match="限值"):
        read_limit_rows(xlsx(HEAD[:7], GOOD[:7]), "l.xlsx")


def test_a_zip_bomb_is_refused_by_the_upload_checks_before_it_is_unpacked():
    with pytest.raises(UploadError, match="解压后|压缩比"):
        read_limit_rows(zip_bomb_xlsx(), "bomb.xlsx")


def test_an_oversize_file_is_refused_by_its_size(settings):
    settings.BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES = 1000
    with pytest.raises(UploadError, match="MB"):
        read_limit_rows(xlsx(HEAD, *[GOOD] * 50), "big.xlsx")


def test_the_admin_adds_and_changes_a_limit_through_the_services(admin_client):
    data = {"standard_number": "GB 252-2015", "clause": "表1", "scope_keywords": "普通柴油；柴油",
            "indicator_name": "硫含量", "aliases": "", "unit": "mg/kg", "comparator": "le", "limit_value": "10",
            "note": "", "verified": "on", "active": "on"}
    response = admin_client.post(reverse("admin:declarations_mandatoryindicator_add"), data)
    assert response.status_code == 302
    limit = MandatoryIndicator.objects.get(standard_number="GB 252-2015")
    assert limit.scope_keywords == ["普通柴油", "柴油"] and limit.events.get().kind == LimitEventKind.CREATED
    change = reverse("admin:declarations_mandatoryindicator_change", args=[limit.pk])
    assert "普通柴油；柴油" in admin_client.get(change).content.decode()
    refused = admin_client.post(change, {**data, "standard_number": "Q/ABC 1-2020"})
    assert refused.status_code == 200 and "不是国家、行业或地方标准的标准号" in refused.content.decode()
    assert limit.events.count() == 1
    assert admin_client.post(change, {**data, "limit_value": "50"}).status_code == 302
    limit.refresh_from_db()
    assert limit.limit_value == Decimal("50") and limit.events.latest("id").kind == LimitEventKind.CHANGED


def test_the_admin_list_searches_and_filters_within_a_query_budget(admin_client, django_assert_max_num_queries):
    url = reverse("admin:declarations_mandatoryindicator_changelist")
    with django_assert_max_num_queries(12):
        response = admin_client.get(url, {"q": "GB 5749", "active__exact": "1"})
    page = response.content.decode()
    assert "浑浊度" in page and "车用柴油" not in page and "从 XLSX 导入" in page


def test_the_admin_import_page_shows_row_and_column_errors_and_writes_nothing(admin_client):
    before = counts()
    upload = SimpleUploadedFile("l.xlsx", xlsx(HEAD, [*GOOD[:6], "约", *GOOD[7:]]))
    response = admin_client.post(reverse(IMPORT_URL), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 422 and "<td>2</td><td>要求</td>" in page
    assert counts() == before


def test_the_admin_import_page_imports_a_good_file_and_the_template_downloads(admin_client):
    template = admin_client.get(reverse("admin:declarations_mandatoryindicator_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    again = admin_client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile("t.xlsx", template.content)})
    assert again.status_code == 302 and MandatoryIndicatorEvent.objects.count() == 0  # the table unchanged
    response = admin_client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile("l.xlsx", xlsx(HEAD, GOOD))})
    assert response.status_code == 302
    assert MandatoryIndicator.objects.filter(standard_number="GB 252-2015").exists()


def test_the_admin_import_page_refuses_a_zip_bomb_with_the_reason(admin_client):
    before = counts()
    response = admin_client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile("b.xlsx", zip_bomb_xlsx())})
    assert response.status_code == 422 and "解压后" in response.content.decode()
    assert counts() == before


def test_a_staff_member_who_is_not_an_administrator_cannot_open_the_import(client, django_user_model):
    staff = django_user_model.objects.create_user(username="staff", password="x-Passw0rd!", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse(IMPORT_URL)).status_code in (302, 403)
