"""The public looks up a product on the disclosure pages (as qybz) and opens the declaration with its indicator
table, on a desktop and at phone width."""

import pytest
from playwright.sync_api import expect

SET_UP = """
from decimal import Decimal
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.declarations.models import (Declaration, DeclarationProduct, DeclarationVersion, EnterpriseProfile,
                                          Indicator, Product)
if not Organisation.objects.filter(name="青岛浏览器冰箱有限公司").exists():
    enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="青岛浏览器冰箱有限公司",
                                             uscc="91370212MA3C00001W")
    EnterpriseProfile.objects.create(organisation=enterprise, region_code="370212", address="青岛市崂山区")
    fridge = Product.objects.create(enterprise=enterprise, name="对开门电冰箱", model="BCD-650WKPZM")
    declaration = Declaration.objects.create(enterprise=enterprise, region_code="370212", source="enterprise",
        tier="enterprise", identifier="Q/LLQ 001-2025", undated="Q/LLQ 001", title="对开门电冰箱企业标准")
    DeclarationProduct.objects.create(declaration=declaration, product=fridge)
    for position, (name, comparator, lower, upper, unit, category) in enumerate([
            ("能效指数", "le", None, "42", "%", "performance"), ("冷冻能力", "ge", "6", None, "kg/12h", "performance"),
            ("泄漏电流", "le", None, "0.25", "mA", "safety"), ("噪声", "le", None, "38", "dB(A)", "environment")], 1):
        Indicator.objects.create(declaration=declaration, position=position, name=name, comparator=comparator,
            lower=lower and Decimal(lower), upper=upper and Decimal(upper), unit=unit, category=category)
    DeclarationVersion.objects.create(declaration=declaration, version=1, content={"identifier": "Q/LLQ 001-2025"})
"""


@pytest.fixture(scope="module")
def declared(site):
    site.manage("shell", "-c", SET_UP)
    site.manage("declarations_search_sync", "--rebuild")
    return site


def _search_and_open(page):
    page.goto("/declarations/")
    page.get_by_role("searchbox").fill("对开门冰箱")
    page.get_by_role("button", name="查询", exact=True).click()
    expect(page.locator("#declarations")).to_contain_text("没有符合条件")  # not a substring of the name
    page.get_by_role("searchbox").fill("对开门电冰箱")
    page.get_by_role("button", name="查询", exact=True).click()
    expect(page.locator("#result-count")).to_contain_text("共 1 条")
    page.get_by_role("link", name="Q/LLQ 001-2025").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Q/LLQ 001-2025")
    safety = page.locator("table[data-category=safety]")
    expect(safety).to_contain_text("泄漏电流")
    expect(page.locator("table[data-category=performance]")).to_contain_text("冷冻能力")
    expect(page.locator("table[data-category=environment]")).to_contain_text("噪声")
    return safety


def test_the_public_finds_a_product_and_reads_its_indicator_table(declared, page):
    _search_and_open(page)
    expect(page.locator("#versions")).to_contain_text("第 1 版")


def test_the_same_journey_fits_a_phone(declared, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", base_url=declared)
    phone = context.new_page()
    try:
        safety = _search_and_open(phone)
        safety.scroll_into_view_if_needed()
        expect(safety).to_be_in_viewport()
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 375, f"the page is {width} px wide at phone width"
    finally:
        context.close()
