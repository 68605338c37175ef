"""对标达标: an enterprise member compares its declaration or typed indicators with a scheme's requirements or typed
ones; the report as a page, XLSX (opens with openpyxl, no formula from user text) and PDF (Chinese extractable)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories.declarations import DeclarationFactory

from .scene import EFFICIENCY, efficiency, fridge, noise, scheme

pytestmark = pytest.mark.django_db
URL = "leaders:gaps"


@pytest.fixture
def plan(db):
    return scheme(fridge(), efficiency(), noise())


def test_a_member_compares_its_declaration_with_a_schemes_requirements(client, enterprise, enterprise_user, plan,
                                                                        django_assert_max_num_queries):
    declaration = DeclarationFactory(enterprise=enterprise, indicators=[
        (EFFICIENCY, "le", None, 65, "%"), ("噪声", "ge", 30, None, "dB(A)"), ("外观", "text", None, None, "")])
    client.force_login(enterprise_user)
    with django_assert_max_num_queries(15):
        response = client.post(reverse(URL), {"declaration": declaration.pk, "scheme": plan.pk, "format": "html"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "gap-below" in html and "差 3" in html  # 65 % against ≤ 62 %
    assert "与标准要求的方向相反" in html  # "at least 30 dB" says nothing about a noise limit
    assert "文字描述" in html


def test_typed_indicators_against_typed_requirements_download_as_xlsx_without_formulas(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post(reverse(URL), {
        "indicators": "=HYPERLINK(\"http://x\",\"能效\") | % | 45\n能效指数 | % | 60",
        "requirements": "GB 12021.2-2015 | 能效指数 | % | 62 | 越低越好\n@SUM(1) | 噪声 | dB | 45 | 越低越好",
        "format": "xlsx"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    assert '=HYPERLINK("http://x","能效")' in values and "@SUM(1)" in values
    assert "达到" in values and "优于要求 2" in values


def test_the_pdf_report_is_a_pdf_with_its_chinese_text_extractable(client, enterprise, enterprise_user, plan):
    declaration = DeclarationFactory(enterprise=enterprise, indicators=[(EFFICIENCY, "eq", 45, 45, "%")])
    client.force_login(enterprise_user)
    response = client.post(reverse(URL), {"declaration": declaration.pk, "scheme": plan.pk, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "对标达标报告" in text and "能效指数" in text and "企业未声明此指标" in text


def test_a_typed_line_that_cannot_be_read_is_named_by_its_line(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post(reverse(URL), {"indicators": "能效指数 | % | 四十五", "requirements": "GB 1 | 能效指数 | % | 62 | 越低越好"})
    assert response.status_code == 422
    assert "第 1 行：“四十五”不是数字" in response.content.decode()


def test_another_enterprises_declaration_cannot_be_chosen(client, enterprise_user, plan):
    others = DeclarationFactory(indicators=[(EFFICIENCY, "eq", 45, 45, "%")])
    client.force_login(enterprise_user)
    response = client.post(reverse(URL), {"declaration": others.pk, "scheme": plan.pk})
    assert response.status_code == 422
    assert others.identifier not in response.content.decode()


def test_a_person_of_no_enterprise_is_refused(client, registered_user):
    client.force_login(registered_user)
    assert client.get(reverse(URL)).status_code == 403
