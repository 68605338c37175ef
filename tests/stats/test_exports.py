"""Downloads: the figures as XLSX and CSV (the safe writer), the yearly report as PDF."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from biaozhun.core.actors import SYSTEM
from biaozhun.stats import services

pytestmark = pytest.mark.django_db
URL = "/stats/export/?indicator=standards_in_force&dimension=ccs&year=2023"


def test_figures_as_xlsx(stats_world, client):
    response = client.get(URL + "&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "现行标准数" and rows[0][1] == "2023"
    assert {(r[0], r[2]) for r in rows[2:]} == {("A", 2), ("B", 1)}


def test_figures_as_csv(stats_world, client):
    response = client.get(URL + "&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {(r[0], r[2]) for r in rows[2:]} == {("A", "2"), ("B", "1")}


def test_text_that_looks_like_a_formula_stays_text(stats_world, client, admin_user):
    from biaozhun.stats.models import Indicator

    indicator = Indicator.objects.get(code="standards_in_force")
    services.update_indicator(admin_user, indicator, name="=HYPERLINK(\"x\")")
    rows = list(csv.reader(io.StringIO(client.get(URL + "&format=csv").content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("'=")
    sheet = load_workbook(io.BytesIO(client.get(URL + "&format=xlsx").content)).active
    assert sheet["A1"].data_type == "s"


def test_yearly_report_as_pdf(stats_world, client):
    services.take_snapshot(actor=SYSTEM, year=2023)
    response = client.get("/stats/report/?year=2023")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "2023" in text and "现行标准数" in text and "标龄分布" in text
    assert "反馈平均答复用时" not in text  # internal indicators are not in the public report
