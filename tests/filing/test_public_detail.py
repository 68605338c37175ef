"""A filing's page (/filing/<id>/): public once accepted, seen only by those who work on it before, and the
catalogue's own page of a filed edition links back to it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from biaozhun.filing.selectors.public_page import filing_of_standard
from tests.fixtures.catalog import make_standard

from .public_scene import filed_scene, freeze_today  # noqa: F401 (fixtures filed, frozen_today)

pytestmark = pytest.mark.django_db


def page(user, filing):
    client = Client()
    if user is not None and user.is_authenticated:
        client.force_login(user)
    return client.get(filing.get_absolute_url())


def test_an_accepted_filing_shows_its_filing_data_to_everyone(filed, client):
    filing = filed.toilets
    response = client.get(filing.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (filing.filing_number, "2026-11-20", "DB32/T 300-2026", "城市公共厕所管理规范", "江苏省市场监督管理局",
                 filing.approved_by, filing.notice_number, "地方标准", "现行", "按期提交"):
        assert text in html, text
    assert f'<a href="{filing.standard.get_absolute_url()}">DB32/T 300-2026</a>' in html
    # the replaced edition, linked to its catalogue page
    assert f'<a class="std-number" href="{filed.toilets_old.standard.get_absolute_url()}">DB32/T 300-2020</a>' in html


def test_the_text_is_offered_through_the_catalogues_reader_never_the_filings_own_file(filed, client):
    filing = filed.charging
    html = client.get(filing.get_absolute_url()).content.decode()
    assert f'href="{reverse("portal:read_full_text", args=[filing.standard.identifier, "zh"])}"' in html
    assert "?download=1" not in html  # …and not downloaded (the catalogue's rule)
    assert filing.fulltext.name not in html and "filing_texts" not in html


def test_a_late_filing_says_how_late(filed, client, bureau, bureau_user, reviewer_user):
    from .public_scene import file_and_accept

    filing = file_and_accept(bureau_user, bureau, reviewer_user, "DB32/T 4100-2026", published_on="2026-06-01",
                             implemented_on="2026-08-01")
    html = client.get(filing.get_absolute_url()).content.decode()
    assert filing.days_late > 0
    assert f"逾期 {filing.days_late} 天提交" in html


@pytest.mark.parametrize("role", ["public_user", "registered_user", "ministry_user", "enterprise_user"])
def test_a_filing_under_way_is_not_found_by_those_who_do_not_work_on_it(filed, role, request):
    response = page(request.getfixturevalue(role), filed.under_way)
    assert response.status_code == 404
    assert "DB32/T 4999-2026" not in response.content.decode()


@pytest.mark.parametrize("role", ["bureau_user", "reviewer_user", "admin_user"])
def test_those_who_work_on_a_filing_under_way_see_its_state_and_no_filing_number(filed, role, request):
    response = page(request.getfixturevalue(role), filed.under_way)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="badge text-bg-secondary" id="filing-state">待审查</span>' in html
    assert 'id="not-filed"' in html and 'id="filing-number"' not in html
    assert "/std/" not in html.split('id="main"')[1]  # no catalogue page or text yet
    assert f'href="/filing/work/{filed.under_way.pk}/"' in html  # where they work on it


def test_a_withdrawn_filing_says_so_to_its_authority(filed, bureau_user):
    from biaozhun.filing.services import withdraw_filing

    withdraw_filing(actor=bureau_user, filing=filed.under_way, reason="发现错误")
    html = page(bureau_user, filed.under_way).content.decode()
    assert "已由备案单位撤回，未予备案" in html and "尚在办理中" not in html


def test_a_filing_that_does_not_exist_is_404(client, db):
    assert client.get("/filing/999999/").status_code == 404


def test_the_catalogue_page_of_a_filed_edition_links_to_its_filing(filed, client):
    filing = filed.charging
    html = client.get(filing.standard.get_absolute_url()).content.decode()
    assert f'<a href="{filing.get_absolute_url()}">{filing.filing_number}</a>' in html
    assert "（2026-11-20 备案）" in html


def test_the_catalogue_page_of_an_edition_not_filed_has_no_filing_line(filed, client):
    html = client.get(make_standard("JB/T 9001-2020").get_absolute_url()).content.decode()
    assert 'id="filing"' not in html


def test_a_national_standard_costs_no_query_for_its_filing(db, django_assert_num_queries):
    standard = make_standard("GB/T 1-2020")
    with django_assert_num_queries(0):
        assert filing_of_standard(standard=standard) is None


def test_an_edition_read_with_its_filing_costs_no_further_query(filed, django_assert_num_queries):
    from biaozhun.catalog.models import Standard

    standard = Standard.objects.select_related("filing").get(pk=filed.machine.standard_id)
    with django_assert_num_queries(0):
        assert filing_of_standard(standard=standard).pk == filed.machine.pk
