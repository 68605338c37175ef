"""China's vote on an ISO/IEC ballot in a real browser, on a phone-sized screen: the secretary of a mirror committee
(SAC/TC 989, mirroring ISO/TC 989) follows the link on the profile page to the committee's ballots, opens the one
closing in 5 days, is refused a disapproval without reasons, records China's vote with comments and sees it
recorded; the public register shows the mirror link but no ballot. The pages fit a phone and pass axe."""

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in
from .test_accessibility import _violations

SECRETARY = "tc989-secretary"
PHONE = {"width": 375, "height": 812}

SET_UP = f"""
from datetime import date, timedelta
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.participation import link_mirror, open_ballot, register_committee

office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, tc_code="SAC/TC 989",
                                     name="全国浏览器国际对口测试标准化技术委员会秘书处")
secretary = User.objects.create_user(username="{SECRETARY}", email="tc989@example.com", real_name="秘书戊",
                                     password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
committee = create_committee(actor=SYSTEM, code="SAC/TC 989", name_zh="全国浏览器国际对口测试标准化技术委员会",
                             secretariat=office)
iso = register_committee(actor=SYSTEM, code="ISO/TC 989", title="Browser testing", china_membership="P",
                         secretariat_country="中国 (SAC)")
link_mirror(actor=SYSTEM, international=iso, committee=committee)
today = date.today()
open_ballot(actor=SYSTEM, international=iso, committee=committee, reference="ISO/DIS 98901", kind="dis",
            opens_on=today - timedelta(days=79), closes_on=today + timedelta(days=5), title="Browser testing — Votes")
"""


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than a phone screen"


def test_a_mirror_committees_secretary_records_chinas_vote_with_comments(browser, site):
    site.shell(SET_UP)
    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, SECRETARY, PASSWORD)

    page.goto("/accounts/profile/")
    page.get_by_role("link", name="国内技术对口单位承担的国际标准投票").click()
    expect(page.locator("#waiting")).to_contain_text("未截止且尚未投票：1 项")
    ballots = page.locator("#ballots")
    expect(ballots).to_contain_text("剩 5 天")
    _fits(page)
    assert not _violations(page)
    ballots.get_by_role("link", name="ISO/DIS 98901").click()

    expect(page.locator("#recorded-vote")).to_have_text("尚未记录我国投票。")
    page.get_by_role("radio", name="反对").check()
    page.get_by_role("button", name="记录我国投票").click()
    expect(page.get_by_role("alert")).to_contain_text("投票未能记录")
    expect(page.locator("#comments")).to_have_class("form-control is-invalid")

    page.get_by_role("radio", name="赞成并附意见").check()
    page.get_by_label("我国意见（赞成并附意见或反对时必填）").fill("第4.3条：建议补充移动端浏览器的测试条件。\n第6章：示例与表2不一致。")
    page.get_by_role("button", name="记录我国投票").click()
    expect(page.get_by_role("alert")).to_contain_text("已记录我国投票：赞成并附意见")
    recorded = page.locator("#recorded-vote")
    expect(recorded).to_contain_text("赞成并附意见")
    expect(recorded).to_contain_text("秘书戊 记录于")
    expect(page.locator("#recorded-comments")).to_contain_text("第6章：示例与表2不一致。")
    expect(page.locator("#ballot-history")).to_contain_text("我国投票已记录")
    _fits(page)
    assert not _violations(page)

    public = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    public.goto("/international/participation/?q=TC+989")
    expect(public.locator("#register")).to_contain_text("SAC/TC 989")
    public.locator("#register").get_by_role("link", name="ISO/TC 989").click()
    expect(public.locator("#mirrors")).to_contain_text("SAC/TC 989")
    expect(public.locator("main")).not_to_contain_text("ISO/DIS 98901")
    _fits(public)
    assert not _violations(public)
