"""An indicator comparison's rows edited and brought back in a real browser, on a phone-sized screen: the secretary
of the committee responsible for a standard changes one indicator and drops another, reads in the history what the
save changed (old and new value), and restores the rows from before it. The pages fit a phone and pass axe."""

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in
from .test_accessibility import _violations
from .test_participation import PHONE, _fits

SECRETARY = "tc988-secretary"

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.indicators import ComparisonInput, RowInput, create_comparison, save_rows
from tests.fixtures.catalog import make_standard

office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, tc_code="SAC/TC 988",
                                     name="全国浏览器指标对比测试标准化技术委员会秘书处")
secretary = User.objects.create_user(username="{SECRETARY}", email="tc988@example.com", real_name="秘书己",
                                     password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
standard = make_standard("GB 98801-2025", title_zh="浏览器测试用柴油", tc_code="SAC/TC 988")
comparison = create_comparison(actor=SYSTEM, data=ComparisonInput(standard=standard, foreign_number="EN 590:2022"))
save_rows(actor=SYSTEM, comparison=comparison, rows=[
    RowInput(name="硫含量", unit="mg/kg", chinese_value="≤ 10", foreign_value="≤ 10"),
    RowInput(name="多环芳烃含量", unit="%", chinese_value="≤ 7", foreign_value="≤ 8")])
"""


def test_a_secretary_edits_a_comparison_reads_the_history_and_restores_the_rows(browser, site):
    site.shell(SET_UP)
    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, SECRETARY, PASSWORD)

    page.goto("/international/indicators/?q=98801")
    page.locator("main a", has_text="GB 98801-2025").first.click()
    page.get_by_role("link", name="编辑指标").click()
    page.get_by_label("我国标准要求 1", exact=True).fill("≤ 8")
    for field in ("指标名称 2", "单位 2", "我国标准要求 2", "国外标准要求 2"):
        page.get_by_label(field, exact=True).fill("")
    page.get_by_role("button", name="保存").click()

    expect(page.locator("#indicators tbody tr")).to_have_count(1)
    expect(page.locator("#indicators")).to_contain_text("我国更严")
    latest = page.locator("#history > li").first
    latest.locator("summary").click()
    expect(latest).to_contain_text("删除：多环芳烃含量")
    expect(latest.locator("del")).to_have_text("≤ 10")
    expect(latest.locator("ins")).to_have_text("≤ 8")
    _fits(page)
    assert not _violations(page)

    latest.get_by_role("button", name="恢复这次修改之前的指标").click()
    expect(page.get_by_role("alert")).to_contain_text("已恢复")
    expect(page.locator("#indicators tbody tr")).to_have_count(2)
    expect(page.locator("#indicators")).to_contain_text("多环芳烃含量")
    expect(page.locator("#history > li").first).to_contain_text("恢复指标")
