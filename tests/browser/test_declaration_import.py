"""Bulk declaration in a real browser, on a phone-sized screen: an enterprise downloads the XLSX template from its
import page, fills in three rows (an enterprise standard for two products with its indicator table, and a second
standard), uploads it and reads the result; the pages fit the screen."""

import io
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

USER = "import-enterprise"
PHONE = {"width": 375, "height": 812}
SET_UP = f"""
from stdnum.cn import uscc
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.declarations.models import EnterpriseProfile
body = "91320100MA2X8W5F9"
enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="浏览器批量声明润滑油有限公司",
                                         uscc=body + uscc.calc_check_digit(body))
user = User.objects.create_user(username="{USER}", email="import@example.com", real_name="导入人", password="{PASSWORD}")
Membership.objects.create(user=user, organisation=enterprise, role=MembershipRole.ADMIN)
EnterpriseProfile.objects.create(organisation=enterprise, region_code="320102", standard_code="RHY")
"""


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_an_enterprise_downloads_the_template_fills_it_in_and_imports_it(browser, site, tmp_path):
    site.shell(SET_UP)
    context = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    _sign_in(page, USER, PASSWORD)
    page.goto("/declarations/work/")
    page.get_by_role("link", name="批量声明", exact=True).click()
    expect(page.get_by_role("heading", name="批量声明", exact=True)).to_be_visible()
    assert _overflow(page) <= 1

    with page.expect_download() as download:
        page.get_by_role("link", name="下载 XLSX 模板").click()
    assert download.value.suggested_filename == "declarations-template.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    book["声明"].append(["", "汽油机油", "SP 5W-30", "", "本企业标准", "Q/RHY 001-2026", "汽油机油"])
    book["声明"].append(["", "汽油机油", "SP 0W-20", "", "", "Q/RHY 001-2026"])
    book["声明"].append(["", "柴油机油", "CK-4 15W-40", "", "", "Q/RHY 002-2026", "柴油机油"])
    for number, name, value in (("Q/RHY 001-2026", "运动黏度", 9.3), ("Q/RHY 002-2026", "硫酸盐灰分", 1.0)):
        book["指标"].append(["", number, name, "mm²/s" if name == "运动黏度" else "%", "不小于" if value > 5 else "不大于",
                             value if value > 5 else None, None if value > 5 else value, "", "GB/T 265", "功能或性能指标"])
    filled = tmp_path / "我的声明.xlsx"
    out = io.BytesIO()
    book.save(out)
    filled.write_bytes(out.getvalue())

    page.get_by_label("声明文件（XLSX 或 JSONL）").set_input_files(str(filled))
    page.get_by_role("button", name="检查并导入").click()
    page.wait_for_url("**/declarations/work/imports/*/")
    expect(page.get_by_role("status")).to_contain_text("共 3 行，已公开 2 份声明")
    assert _overflow(page) <= 1
    page.get_by_role("link", name="查看本企业的声明").click()
    expect(page.locator("main")).to_contain_text("Q/RHY 001-2026")
    expect(page.locator("main")).to_contain_text("汽油机油 SP 0W-20")
    context.close()
