"""A random inspection in a real browser, from the draw to published results: the bureau's officer sees the
commitment, draws (the seed is revealed and the public page's online verification says the draw matches), the
drawn inspector records the finding, and the officer completes the inspection and publishes the results."""

from playwright.sync_api import expect

from .conftest import PASSWORD, sign_in

OFFICER, INSPECTOR = "insp-officer", "insp-inspector"

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.declarations.models import Declaration, EnterpriseProfile
from biaozhun.inspections import services
from biaozhun.inspections.models import Inspector
from stdnum.cn import uscc
bureau = Organisation.objects.create(kind=OrganisationKind.BUREAU, region_code="31", name="上海市市场监督管理局")
officer = User.objects.create_user(username="{OFFICER}", email="insp-officer@example.com", real_name="沪抽查",
                                   password="{PASSWORD}")
Membership.objects.create(user=officer, organisation=bureau, role=MembershipRole.MEMBER)
person = User.objects.create_user(username="{INSPECTOR}", email="insp-inspector@example.com", real_name="检查员乙",
                                  password="{PASSWORD}")
Inspector.objects.create(authority=bureau, number="SH-001", name="检查员乙", organisation="上海市质检院",
                         region_code="3199", user=person)
for n in range(3):
    body = f"91310101{{800000000 + n:09d}}"
    enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name=f"上海浏览器测试企业{{n}}",
                                             uscc=body + uscc.calc_check_digit(body))
    EnterpriseProfile.objects.create(organisation=enterprise, region_code="310101", industry_class="C38")
    Declaration.objects.create(enterprise=enterprise, region_code="310101", source="enterprise", tier="enterprise",
                               identifier=f"Q/SHB 00{{n}}-2025", undated=f"Q/SHB 00{{n}}", title="电冰箱")
campaign = services.create_campaign(officer, authority=bureau, year=2026, title="上海企业标准抽查（浏览器测试）",
                                    region_prefix="31", size=1, inspectors_per_item=1, check_items=["numbering"])
services.commit_campaign(officer, campaign=campaign)
print(campaign.pk)
"""


def test_a_campaign_from_the_draw_to_published_results(browser, site):
    campaign = int(site.shell(SET_UP).strip().splitlines()[-1])
    officer = browser.new_context(locale="zh-CN", base_url=site, viewport={"width": 375, "height": 800})
    page = officer.new_page()
    page.goto(f"/inspections/{campaign}/")
    expect(page.locator("#commitment-value")).to_be_visible()
    expect(page.locator("#seed-hidden")).to_be_visible()
    sign_in(page, OFFICER)
    page.goto(f"/inspections/work/{campaign}/")
    page.locator("#move-draw").click()
    expect(page.locator("#campaign-state")).to_have_text("已抽取，检查中")
    expect(page.locator("#seed-value")).to_be_visible()
    page.locator("#verify-link").click()
    expect(page.locator("#verify-outcome")).to_have_class("alert alert-success")

    inspector = browser.new_context(locale="zh-CN", base_url=site)
    their = inspector.new_page()
    sign_in(their, INSPECTOR)
    their.goto("/inspections/work/")
    their.locator("#my-items ~ div a").first.click()
    form = their.locator("form[data-check=numbering]")
    form.locator("select[name=outcome]").select_option("conforming")
    form.locator("button[type=submit]").click()
    expect(their.get_by_text("已记录：")).to_be_visible()
    inspector.close()

    page.goto(f"/inspections/work/{campaign}/")
    page.locator("#move-complete").click()
    expect(page.locator("#campaign-state")).to_have_text("检查完成，结果待公开")
    page.locator("#move-publish").click()
    expect(page.locator("#campaign-state")).to_have_text("结果已公开")
    page.goto(f"/inspections/{campaign}/")
    expect(page.locator("#sample-table")).to_contain_text("符合")
    officer.close()
