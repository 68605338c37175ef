"""The yearly assessment in a real browser, on a phone-sized screen: an administrator computes the year, finds a
committee (SAC/TC 990) in the list, scores its manual items, finalises it (不合格, suspension recommended) and records
the decision to suspend it; the committee is then suspended and can open no ballot. The pages fit a phone."""

from datetime import date

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

ADMIN = "assess-admin"
SECRETARY = "tc990-secretary"
PHONE = {"width": 375, "height": 812}

SET_UP = f"""
from datetime import date
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.committees.services import add_member, create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.development.models import Project

committee = create_committee(actor=SYSTEM, code="SAC/TC 990", name_zh="全国浏览器考核测试标准化技术委员会")
for n, category in enumerate(["producer", "user", "research", "testing", "consumer", "government"]):
    add_member(actor=SYSTEM, committee=committee, name=f"委员{{n}}", organisation=f"单位{{n}}", stakeholder=category,
               term_start=date(2024, 1, 1), term_end=date(2029, 12, 31))
Project.objects.create(committee=committee, title_zh="浏览器考核测试 项目", kind="new", nature="recommended",
                       stage="review")
office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, tc_code="SAC/TC 990",
                                     name="全国浏览器考核测试标准化技术委员会秘书处")
secretary = User.objects.create_user(username="{SECRETARY}", email="tc990@example.com", real_name="秘书丁",
                                     password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
User.objects.create_superuser(username="{ADMIN}", email="assess-admin@example.com", real_name="考核管理员",
                              password="{PASSWORD}")
"""

OPEN_BALLOT = f"""
from biaozhun.accounts.models import User
from biaozhun.core.errors import InvalidTransition
from biaozhun.development.models import Project
from biaozhun.development.services.ballots import open_ballot

project = Project.objects.get(committee__code="SAC/TC 990")
try:
    open_ballot(actor=User.objects.get(username="{SECRETARY}"), project=project, method="meeting")
except InvalidTransition as refused:
    print("REFUSED", refused.message)
"""


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than a phone screen"


def test_an_administrator_assesses_a_committee_and_suspends_it(browser, site):
    site.shell(SET_UP)
    year = date.today().year
    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, ADMIN, PASSWORD)

    page.goto("/assessments/")
    expect(page.locator("h1")).to_contain_text(f"{year} 年度技术委员会考核评估")
    page.locator("#run").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{year} 年度：")
    _fits(page)
    page.locator("#f-q").fill("TC 990")
    page.get_by_role("button", name="筛选").click()
    page.locator("#assessments").get_by_role("link", name="SAC/TC 990").click()
    expect(page.locator("#indicator-balance")).to_contain_text("6 / 6")
    expect(page.locator("#grade")).to_contain_text("优秀")  # provisional: only the balance counted so far
    _fits(page)

    page.locator("#score-secretariat").fill("0")
    page.locator("#comment-secretariat").fill("全年未报送工作报告，会议纪要缺失。")
    page.locator("#score-openness").fill("5")
    page.get_by_role("button", name="保存评分").click()
    expect(page.get_by_role("alert")).to_contain_text("评分已保存")
    expect(page.locator("#state")).to_have_text("已评分")
    expect(page.locator("#total")).to_have_text("35.0")  # (10×100 + 10×0 + 10×5) / 30
    page.locator("#finalise").click()
    expect(page.locator("#state")).to_have_text("已定稿")
    expect(page.locator("#grade")).to_contain_text("不合格")
    expect(page.locator("#measure")).to_have_text("暂停工作")

    expect(page.locator("#measure-choice")).to_have_value("suspension")
    page.locator("#decision-reason").fill("考核不合格，暂停工作，限期整改后申请恢复。")
    page.locator("#decision-document").fill("国标委发〔2026〕990号")
    _fits(page)
    page.get_by_role("button", name="记录处理决定").click()
    expect(page.get_by_role("alert")).to_contain_text("处理决定已记录：暂停工作")
    expect(page.locator("#decision")).to_contain_text("国标委发〔2026〕990号")
    expect(page.locator("#committee-status")).to_contain_text("暂停工作")
    expect(page.locator("#decide-form")).to_have_count(0)

    page.goto(f"/assessments/?year={year}&show=flagged&q=TC+990")
    expect(page.locator("#assessments")).to_contain_text("暂停工作")
    page.goto(f"/assessments/schemes/{year}/")
    _fits(page)
    page.context.close()

    assert site.query("SELECT status FROM committees_committee WHERE code = 'SAC/TC 990'") == [("suspended",)]
    refused = site.shell(OPEN_BALLOT)
    assert "REFUSED" in refused and "暂停工作" in refused
    assert site.query("SELECT COUNT(*) FROM development_ballot b JOIN development_project p ON b.project_id = p.id "
                      "WHERE p.committee_id = (SELECT id FROM committees_committee WHERE code = 'SAC/TC 990')") == [(0,)]
