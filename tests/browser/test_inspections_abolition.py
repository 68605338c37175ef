"""The campaign journey after published results, in a real browser on a phone-sized screen (law art. 39): the
provincial bureau's officer records that an enterprise did not correct a below-mandatory finding by the deadline,
decides to abolish its enterprise standard, and the public finds the notice from the non-compliance list; the
declaration's page says the standard is abolished and links the notice."""

from playwright.sync_api import expect

from .conftest import PASSWORD, sign_in

OFFICER = "abol-officer"

SET_UP = f"""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.declarations.models import Declaration, EnterpriseProfile
from biaozhun.inspections import services
from biaozhun.inspections.models import Inspector
from stdnum.cn import uscc

bureau = Organisation.objects.create(kind=OrganisationKind.BUREAU, region_code="33", name="浙江省市场监督管理局")
officer = User.objects.create_user(username="{OFFICER}", email="abol-officer@example.com", real_name="浙抽查",
                                   password="{PASSWORD}")
Membership.objects.create(user=officer, organisation=bureau, role=MembershipRole.MEMBER)
person = User.objects.create_user(username="abol-inspector", email="abol-inspector@example.com", real_name="检查员丙",
                                  password="{PASSWORD}")
Inspector.objects.create(authority=bureau, number="ZJ-001", name="检查员丙", organisation="浙江省质检院",
                         region_code="3399", user=person)
body = "91330106" + "810000000"
enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="杭州浏览器废止测试企业",
                                         uscc=body + uscc.calc_check_digit(body))
EnterpriseProfile.objects.create(organisation=enterprise, region_code="330106", industry_class="C38")
declaration = Declaration.objects.create(enterprise=enterprise, region_code="330106", source="enterprise",
                                         tier="enterprise", identifier="Q/HZB 001-2025", undated="Q/HZB 001",
                                         title="电热水壶")
# Everything up to the published results happened two months ago: the correction deadline has passed.
with time_machine.travel(datetime.now(ZoneInfo("Asia/Shanghai")) - timedelta(days=60), tick=False):
    campaign = services.create_campaign(officer, authority=bureau, year=2026, title="浙江企业标准抽查（浏览器测试）",
                                        region_prefix="33", size=1, inspectors_per_item=1,
                                        check_items=["below_mandatory"])
    services.commit_campaign(officer, campaign=campaign)
    services.draw_campaign(officer, campaign=campaign)
    item = campaign.items.get()
    services.record_finding(person, item=item, check_item="below_mandatory", outcome="non_conforming",
                            note="额定功率下的能效低于 GB 21456 的限定值")
    services.complete_inspection(officer, campaign=campaign)
    services.publish_results(officer, campaign=campaign)
print(campaign.pk, declaration.pk)
"""


def test_a_standard_not_corrected_is_abolished_and_its_notice_is_public(browser, site):
    campaign, declaration = (int(n) for n in site.shell(SET_UP).strip().splitlines()[-1].split())
    officer = browser.new_context(locale="zh-CN", base_url=site, viewport={"width": 375, "height": 800})
    page = officer.new_page()
    sign_in(page, OFFICER)
    page.goto(f"/inspections/work/{campaign}/")
    follow_up = page.locator("#orders ~ div form")
    follow_up.locator("select[name=corrected]").select_option("no")
    follow_up.locator("input[name=note]").fill("期满复查仍未改正")
    follow_up.locator("button[type=submit]").click()
    expect(page.get_by_text("已记录跟踪结果。")).to_be_visible()

    page.locator("a[id^=abolish-]").click()
    expect(page.locator("#abolish-form")).to_be_visible()
    page.locator("#abolish-form input[type=radio]").first.check()
    page.locator("#abolish-form textarea[name=reason]").fill("能效指标低于 GB 21456 的限定值，限期改正期满未改正。")
    page.locator("#abolish-submit").click()
    expect(page.locator("#abolition-statement")).to_contain_text("Q/HZB 001-2025")
    officer.close()

    public = browser.new_context(locale="zh-CN", base_url=site, viewport={"width": 375, "height": 800})
    visitor = public.new_page()
    visitor.goto("/inspections/non-compliance/")
    visitor.locator("#abolitions-from-list").click()
    expect(visitor.locator("#abolition-notices")).to_contain_text("Q/HZB 001-2025")
    visitor.locator("#abolition-notices a").first.click()
    expect(visitor.locator("#abolition-reason")).to_contain_text("限期改正期满未改正")
    visitor.locator("#abolition-facts a[href^='/declarations/']").click()
    expect(visitor.locator("#abolished-notice")).to_be_visible()
    assert visitor.url.rstrip("/").endswith(f"/{declaration}") or f"/{declaration}" in visitor.url
    public.close()
