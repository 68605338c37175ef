"""The public pages on a phone (390 px): nothing wider than the screen, tables as cards, facets behind a button."""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _a_standard(site) -> str:
    return site.query("SELECT identifier FROM catalog_standard WHERE tier='national' AND status='current' LIMIT 1")[0][0]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_public_pages_fit_a_phone_in_both_languages(phone, site, language):
    phone.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    paths = ["/", "/standards/?q=%E8%A6%81%E6%B1%82", f"/std/{_a_standard(site)}", "/validity/", "/committees/",
             "/projects/", "/accounts/login/", "/accounts/register/", "/no-such-page/"]
    for path in paths:
        phone.goto(path)
        assert _overflow(phone) <= 1, f"{path} ({language}) is {_overflow(phone)}px wider than a phone screen"


def test_tables_become_cards_with_labels_on_a_phone(phone, site):
    phone.goto("/validity/")
    numbers = "\n".join(row[0] for row in site.query("SELECT identifier FROM catalog_standard LIMIT 3"))
    phone.get_by_label("标准号（每行一个）").fill(numbers + "\n不是标准号")
    phone.get_by_role("button", name="查新", exact=True).click()
    cell = phone.locator("table.table-stack tbody tr").first.locator("td[data-label='标准号']")
    expect(cell).to_be_visible()
    assert cell.evaluate("td => getComputedStyle(td).display") == "flow-root"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"标准号"'
    label_box = cell.evaluate("td => parseFloat(getComputedStyle(td, '::before').width)")
    link = cell.locator("a").bounding_box()
    assert link["x"] > label_box  # the value beside its label, not under it
    widths = phone.locator("table.table-stack tbody td[data-label]").evaluate_all(
        "cells => cells.map(td => td.getBoundingClientRect().width)")
    assert min(widths) > 300  # a cell spans the card, not one character per line
    assert _overflow(phone) <= 1


def test_tables_stay_tables_on_a_desktop(page, site):
    page.goto("/committees/")
    cell = page.locator("table.table-stack tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    expect(page.locator("table.table-stack thead")).to_be_visible()


def test_search_results_come_first_and_the_filter_button_opens_the_facets(phone, site):
    phone.goto("/standards/?q=%E8%A6%81%E6%B1%82")
    facets = phone.locator("#facets")
    expect(phone.locator("ol li a.std-number").first).to_be_in_viewport()
    expect(facets).to_be_hidden()
    button = phone.get_by_role("button", name="筛选")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(facets).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    facets.get_by_role("link", name=re.compile("^现行")).click()
    phone.wait_for_url(re.compile("status=current"))
    expect(phone.get_by_role("button", name="筛选 (1)")).to_be_visible()
    expect(phone.locator("#facets")).to_be_hidden()  # closed again on the filtered page: results first


def test_the_facets_sit_beside_the_results_on_a_desktop(page, site):
    page.goto("/standards/?q=%E8%A6%81%E6%B1%82")
    expect(page.locator("#facets")).to_be_visible()
    expect(page.locator("#facets-button")).to_be_hidden()


LONG_NUMBER = "GB/T 20397.3-2014/ISO/IEC 26318-3:2012"


@pytest.fixture(scope="module")
def long_number(site):
    """A double number at the top of the home page's lists (published in the future)."""
    if not site.query("SELECT 1 FROM catalog_standard WHERE identifier = ?", LONG_NUMBER):
        site.shell("from tests.fixtures.catalog import make_standard; "
                   f"make_standard('{LONG_NUMBER}', title_zh='长双编号换行测试', "
                   "published_on='2099-01-01', implemented_on='2099-06-01')")
    return LONG_NUMBER


def test_a_long_double_number_wraps_instead_of_widening_the_home_page(phone, long_number):
    phone.goto("/")
    expect(phone.get_by_role("link", name=long_number).first).to_be_visible()
    assert _overflow(phone) <= 1


def test_a_long_double_number_stays_inside_its_list_on_a_desktop(page, long_number):
    page.goto("/")
    link = page.get_by_role("link", name=long_number).first
    item = page.locator(".list-group-item", has=link).first
    assert link.bounding_box()["x"] + link.bounding_box()["width"] <= item.bounding_box()["x"] + item.bounding_box()["width"]
