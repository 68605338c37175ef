"""The public list of filed standards (/filing/): every filter finds what it should and leaves out the rest."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from biaozhun.filing.selectors.public import FilingQuery, filed_standards

from .public_scene import filed_scene, freeze_today  # noqa: F401 (fixtures filed, frozen_today)

pytestmark = pytest.mark.django_db
URL = reverse("filing:list")


def numbers(client, **params) -> list[str]:
    """The standard numbers the list shows, in order."""
    response = client.get(URL, params)
    assert response.status_code == 200
    return re.findall(r'<span class="std-number">([^<]+)</span></td>', response.content.decode())


def found(**query) -> set[str]:
    return set(filed_standards(query=FilingQuery(**query)).values_list("identifier", flat=True))


def test_the_list_shows_accepted_filings_newest_filed_first_and_never_one_under_way(client, filed):
    shown = numbers(client)
    assert shown[-2:] == ["DB33/T 600-2024", "DB32/T 300-2020"]  # filed in 2025 and 2020
    assert set(shown[:4]) == {"DB32/T 4001-2026", "JB/T 5001-2026", "DB3201/T 501-2026", "DB32/T 300-2026"}
    assert "DB32/T 4999-2026" not in shown
    response = client.get(URL)
    assert "共 6 条" in response.content.decode()


def test_each_row_has_its_filing_number_authority_filed_date_and_status(client, filed):
    html = client.get(URL, {"q": filed.toilets_old.filing_number}).content.decode()
    assert f'href="/filing/{filed.toilets_old.pk}/"' in html
    assert ">00001-2020<" in html and "江苏省市场监督管理局" in html and "2020-06-20" in html
    assert '<span class="badge status-replaced">有更新版</span>' in html


def test_a_number_typed_in_any_spelling_finds_its_filing(filed):
    for typed in ("DB32/T 4001-2026", "db32t4001-2026", "DB32／T 4001—2026", " db32/t  4001-2026 "):
        assert found(q=typed) == {"DB32/T 4001-2026"}, typed


def test_an_undated_number_finds_every_filed_edition_and_no_other_number(filed):
    assert found(q="DB32/T 300") == {"DB32/T 300-2020", "DB32/T 300-2026"}
    assert found(q="DB32/T 30") == set()


def test_a_filing_number_finds_that_filing_only(filed):
    assert found(q=filed.tea.filing_number) == {"DB33/T 600-2024"}
    assert found(q="09999-2026") == set()


def test_title_words_must_all_match(filed):
    assert found(q="充电站 运营") == {"DB32/T 4001-2026"}  # the one under way says 充电站 too: not listed
    assert found(q="充电站 地下管线") == set()
    assert found(q="公共厕所") == {"DB32/T 300-2020", "DB32/T 300-2026"}


@pytest.mark.parametrize(("status", "expected"), [
    ("current", {"DB32/T 4001-2026", "DB32/T 300-2026"}),
    ("replaced", {"DB32/T 300-2020"}),
    ("abolished", {"DB33/T 600-2024"}),
    ("upcoming", {"JB/T 5001-2026", "DB3201/T 501-2026"}),
])
def test_status_follows_the_catalogue_edition(filed, client, status, expected):
    assert set(numbers(client, status=status)) == expected


def test_tier_industry_code_and_authority(filed, client, bureau):
    assert set(numbers(client, tier="industry")) == {"JB/T 5001-2026"}
    assert set(numbers(client, industry="JB")) == {"JB/T 5001-2026"}
    assert set(numbers(client, industry="YY")) == set()
    assert set(numbers(client, tier="local")) == {"DB32/T 4001-2026", "DB3201/T 501-2026", "DB32/T 300-2020",
                                                  "DB32/T 300-2026", "DB33/T 600-2024"}
    assert set(numbers(client, authority=bureau.pk)) == {"DB32/T 4001-2026", "DB32/T 300-2020", "DB32/T 300-2026"}


def test_a_province_includes_its_cities_and_a_city_only_its_own(filed, client):
    assert set(numbers(client, province="32")) == {"DB32/T 4001-2026", "DB3201/T 501-2026", "DB32/T 300-2020",
                                                   "DB32/T 300-2026"}
    assert set(numbers(client, province="33")) == {"DB33/T 600-2024"}
    assert set(numbers(client, city="3201")) == {"DB3201/T 501-2026"}
    assert set(numbers(client, city="3202")) == set()


@pytest.mark.parametrize(("months", "expected"), [
    (1, {"DB32/T 4001-2026", "JB/T 5001-2026", "DB3201/T 501-2026", "DB32/T 300-2026"}),
    (12, {"DB32/T 4001-2026", "JB/T 5001-2026", "DB3201/T 501-2026", "DB32/T 300-2026"}),
    (24, {"DB32/T 4001-2026", "JB/T 5001-2026", "DB3201/T 501-2026", "DB32/T 300-2026", "DB33/T 600-2024"}),
])
def test_filed_within_the_last_months(filed, client, months, expected):
    assert set(numbers(client, months=months)) == expected


def test_filtered_lists_keep_the_newest_filed_first(filed, client):
    assert numbers(client, status="current") == ["DB32/T 300-2026", "DB32/T 4001-2026"]  # same day: last accepted first
    assert numbers(client, q="DB32/T 300") == ["DB32/T 300-2026", "DB32/T 300-2020"]
    assert numbers(client, province="32")[-1] == "DB32/T 300-2020"


def test_filters_combine(filed, client):
    assert set(numbers(client, province="32", status="current", q="公共厕所")) == {"DB32/T 300-2026"}


def test_other_orders_and_pages(filed, client, monkeypatch):
    assert numbers(client, sort="published")[-1] == "DB32/T 300-2020"
    monkeypatch.setattr("biaozhun.filing.views.public.PAGE_SIZE", 4)
    first, second = numbers(client), numbers(client, page=2)
    assert len(first) == 4 and len(second) == 2 and not set(first) & set(second)
    assert "第 1 / 2 页" in client.get(URL).content.decode()
    assert "第 1 / 1 页" not in client.get(URL, {"status": "current"}).content.decode()  # one page: no pager


def test_a_refused_value_is_reported_beside_its_field_and_the_rest_still_filter(filed, client):
    response = client.get(URL, {"status": "bogus", "province": "33"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="status-error"' in html and 'aria-describedby="status-error"' in html
    assert set(numbers(client, status="bogus", province="33")) == {"DB33/T 600-2024"}


def test_the_filters_are_a_get_form_whose_url_can_be_bookmarked(filed, client):
    html = client.get(URL, {"province": "32", "status": "current"}).content.decode()
    assert re.search(r'<form method="get" action="/filing/"', html)
    assert re.search(r'<option value="32" selected>', html)
    # each chosen filter can be undone on its own, keeping the other
    assert 'href="?status=current"' in html or 'href="?province=32"' in html


def test_the_list_page_costs_a_fixed_number_of_queries(filed, client, django_assert_max_num_queries):
    client.get(URL)  # fills the cache of authorities and codes offered
    with django_assert_max_num_queries(3):  # count, page (with authority and edition), nothing per row
        response = client.get(URL, {"province": "32", "q": "公共厕所"})
    assert response.status_code == 200
    with django_assert_max_num_queries(3):
        client.get(URL)


def test_the_filters_offer_authorities_by_kind_and_cities_by_province(filed, client, bureau, nanjing_bureau):
    html = client.get(URL, {"city": "3201"}).content.decode()
    authorities = html.split('name="authority"')[1].split("</select>")[0]
    assert f'<optgroup label="省级市场监管部门"><option value="{bureau.pk}">江苏省市场监督管理局</option>' in authorities
    assert f'<option value="{nanjing_bureau.pk}">南京市市场监督管理局</option>' in authorities
    cities = html.split('name="city"')[1].split("</select>")[0]
    assert re.search(r'<optgroup label="江苏[^"]*">.*<option value="3201" selected>南京市</option>', cities)


def test_names_in_the_filters_are_escaped(db, client):
    from biaozhun.accounts.models import OrganisationKind
    from tests.factories.accounts import OrganisationFactory

    OrganisationFactory(kind=OrganisationKind.BUREAU, uscc="", region_code="34", name='<img src=x onerror="alert(1)">')
    html = client.get(URL).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
