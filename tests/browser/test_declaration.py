"""Self-declaration in a real browser: an enterprise declares its own standard for a product with an indicator
table built row by row (a row added and an empty one removed by the page's script), and sees the checks: one
indicator is weaker than the mandatory diesel sulfur limit."""

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

USER = "decl-enterprise"
SET_UP = f"""
from stdnum.cn import uscc
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.declarations.models import EnterpriseProfile, Product
body = "91320100MA1X7W4E8"
enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="浏览器测试石化有限公司",
                                         uscc=body + uscc.calc_check_digit(body))
user = User.objects.create_user(username="{USER}", email="decl@example.com", real_name="申报人", password="{PASSWORD}")
Membership.objects.create(user=user, organisation=enterprise, role=MembershipRole.ADMIN)
EnterpriseProfile.objects.create(organisation=enterprise, region_code="320102", standard_code="LLQ")
Product.objects.create(enterprise=enterprise, name="车用柴油", model="0号")
"""


def test_an_enterprise_declares_a_product_with_an_indicator_table_and_sees_the_checks(browser, site):
    site.shell(SET_UP)
    page = browser.new_context(locale="zh-CN", base_url=site).new_page()
    _sign_in(page, USER, PASSWORD)
    page.goto("/declarations/work/")
    page.get_by_role("link", name="公开声明").click()
    page.get_by_label("执行本企业标准").check()
    page.get_by_label("标准号").fill("Q/LLQ 001-2026")
    page.get_by_label("标准名称").fill("车用柴油")
    page.get_by_label("车用柴油 0号").check()
    rows = page.locator("[data-indicator-table] tbody tr")
    rows.nth(0).locator("input[name=indicator_name]").fill("硫含量")
    rows.nth(0).locator("input[name=indicator_unit]").fill("mg/kg")
    rows.nth(0).locator("input[name=indicator_upper]").fill("50")
    page.get_by_role("button", name="增加一行").click()
    page.get_by_role("button", name="增加一行").click()
    expect(rows).to_have_count(3)
    rows.nth(2).get_by_role("button", name="删除").click()
    expect(rows).to_have_count(2)
    rows.nth(1).locator("input[name=indicator_name]").fill("闪点")
    rows.nth(1).locator("select[name=indicator_comparator]").select_option("ge")
    rows.nth(1).locator("input[name=indicator_lower]").fill("60")
    rows.nth(1).locator("input[name=indicator_unit]").fill("℃")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/declarations/work/declarations/*/")
    check = page.locator("[data-check=below_mandatory]")
    expect(check).to_contain_text("GB 19147-2016")
    expect(check).to_contain_text("不得低于强制性国家标准")
    expect(page.locator("main")).to_contain_text("闪点")
    expect(page.locator("main")).to_contain_text("第 1 版")
