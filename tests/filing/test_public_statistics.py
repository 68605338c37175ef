"""Filing statistics (/filing/statistics/): accepted filings per authority and year of filing, by tier, for a
range of years; the same table as XLSX through the safe spreadsheet writer."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.filing.selectors.statistics import filing_statistics
from tests.factories.accounts import OrganisationFactory, UserFactory

from .public_scene import file_and_accept, filed_scene, freeze_today  # noqa: F401 (fixtures filed, frozen_today)

pytestmark = pytest.mark.django_db


def test_counts_per_authority_year_and_tier(filed, bureau, ministry, nanjing_bureau, zhejiang_bureau):
    statistics = filing_statistics(year_from=2020, year_to=2026)
    rows = {(row.authority.pk, row.tier): row.by_year for row in statistics.rows}
    assert rows == {
        (ministry.pk, "industry"): {2026: 1},
        (bureau.pk, "local"): {2020: 1, 2026: 2},
        (nanjing_bureau.pk, "local"): {2026: 1},
        (zhejiang_bureau.pk, "local"): {2025: 1},
    }
    assert statistics.by_tier == {"industry": {2026: 1}, "local": {2020: 1, 2025: 1, 2026: 3}}
    assert statistics.total == 6  # the filing under way is not counted
    assert statistics.rows[0].tier == "industry" and statistics.rows[1].authority == bureau  # most filings first


def test_the_page_shows_the_last_five_years_by_default_and_any_range_asked(filed, client):
    html = client.get(reverse("filing:statistics")).content.decode()
    assert "2022–2026" in html and ">2020<" not in html.split('id="by-year"')[1]
    html = client.get(reverse("filing:statistics"), {"year_from": 2020, "year_to": 2020}).content.decode()
    by_year = html.split('id="by-year"')[1].split("</table>")[0]
    assert '<th scope="row">2020</th>' in by_year and "2026" not in by_year
    assert "江苏省市场监督管理局" in html and "浙江省市场监督管理局" not in html


def test_the_statistics_page_costs_a_fixed_number_of_queries(filed, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the years filed, the counts, the authorities' names
        assert client.get(reverse("filing:statistics"), {"year_from": 2020}).status_code == 200


def test_a_reversed_range_is_refused_beside_its_field(filed, client):
    response = client.get(reverse("filing:statistics"), {"year_from": 2026, "year_to": 2025})
    assert response.status_code == 200
    assert 'id="year_from-error"' in response.content.decode()


def test_the_xlsx_has_the_same_counts(filed, client):
    response = client.get(reverse("filing:statistics_xlsx"), {"year_from": 2020, "year_to": 2026})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="filing-statistics-2020-2026.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    by_authority, by_year = book.worksheets
    rows = [[cell.value for cell in row] for row in by_authority.iter_rows()]
    assert rows[0] == ["备案单位", "类别", 2020, 2021, 2022, 2023, 2024, 2025, 2026, "合计"]
    assert ["江苏省市场监督管理局", "地方标准", 1, 0, 0, 0, 0, 0, 2, 3] in rows
    assert rows[-1] == ["合计", None, 1, 0, 0, 0, 0, 1, 4, 6]
    assert [cell.value for cell in list(by_year.iter_rows())[-1]] == ["合计", 1, 5, 6]


def test_a_name_that_looks_like_a_formula_stays_text_in_the_xlsx(db, client, reviewer_user):
    hostile = OrganisationFactory(kind=OrganisationKind.BUREAU, uscc="", region_code="34",
                                  name='=HYPERLINK("http://example.com","点击")')
    user = UserFactory(member_of=hostile, member_of__role=MembershipRole.MEMBER)
    file_and_accept(user, hostile, reviewer_user, "DB34/T 100-2026", title_zh="=1+1 安徽省地方标准")
    book = load_workbook(io.BytesIO(client.get(reverse("filing:statistics_xlsx")).content))
    cell = book.worksheets[0]["A2"]
    assert cell.value == '=HYPERLINK("http://example.com","点击")'
    assert cell.data_type == "s" and cell.quotePrefix
