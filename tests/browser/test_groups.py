"""Group standards in a real browser: a social organisation's member publishes a group standard (it enters the
catalogue and search) and posts a 征求意见; a signed-in person comments on a phone-sized screen; the public reads the
comment under a pseudonym, the organisation with the commenter's name; the statistics draw their charts."""

from datetime import date, timedelta

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in
from .test_accessibility import _violations

MEMBER, PUBLIC = "gs-member", "gs-public"
YEAR = date.today().year

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.core.actors import SYSTEM
from biaozhun.groups.services import ProfileInput, register_group
from stdnum.cn import uscc
body = "51100000500009901"
association = Organisation.objects.create(kind=OrganisationKind.SOCIAL_ORGANISATION, name="中国测试标准化协会",
                                          uscc=body + uscc.calc_check_digit(body))
member = User.objects.create_user(username="{MEMBER}", email="gs-member@example.com", real_name="团标员",
                                  password="{PASSWORD}")
Membership.objects.create(user=member, organisation=association, role=MembershipRole.MEMBER)
User.objects.create_user(username="{PUBLIC}", email="gs-public@example.com", real_name="公众甲", password="{PASSWORD}")
register_group(actor=SYSTEM, organisation=association, data=ProfileInput(
    code="CTSA", registration_authority="中华人民共和国民政部", region="11", industry="M74"))
"""


def test_a_member_publishes_a_group_standard_and_calls_for_comments_and_the_public_comments(browser, site):
    site.shell(SET_UP)

    # The member publishes T/CTSA 9901-<year> from the organisation's page.
    member = browser.new_context(locale="zh-CN", base_url=site).new_page()
    _sign_in(member, MEMBER, PASSWORD)
    member.goto("/groups/CTSA/")
    member.get_by_role("link", name="发布团体标准").click()
    member.locator("input[name=number]").fill("9901")
    member.locator("input[name=year]").fill(str(YEAR))
    member.locator("input[name=title_zh]").fill("共享单车 停放管理 服务规范")
    member.locator("input[name=published_on]").fill(f"{YEAR}-01-05")
    member.locator("textarea[name=main_content]").fill("规定了共享单车停放区域设置、调度和服务评价的要求。")
    member.get_by_role("button", name="发布").click()
    expect(member.locator("main")).to_contain_text(f"T/CTSA 9901-{YEAR}")
    site.manage("search_sync")

    # It is in the catalogue's search for everyone.
    public = browser.new_context(locale="zh-CN", base_url=site).new_page()
    public.goto("/standards/?q=共享单车停放管理")
    expect(public.locator("main")).to_contain_text(f"T/CTSA 9901-{YEAR}")

    # The member posts a 征求意见 open from today for 30 days.
    member.goto("/groups/CTSA/announce/")
    member.locator("select[name=kind]").select_option("draft_for_comment")
    member.locator("input[name=title]").fill("关于《共享单车 电子围栏 技术要求》征求意见的通知")
    member.locator("input[name=standard_title]").fill("共享单车 电子围栏 技术要求")
    member.locator("textarea[name=body]").fill("请于截止日期前提出意见。")
    member.locator("input[name=comment_start]").fill(date.today().isoformat())
    member.locator("input[name=comment_end]").fill((date.today() + timedelta(days=30)).isoformat())
    member.get_by_role("button", name="发布").click()
    expect(member.locator("#period")).to_be_visible()
    call = member.url

    # A signed-in person comments on a phone.
    phone = browser.new_context(locale="zh-CN", base_url=site, viewport={"width": 375, "height": 740}).new_page()
    _sign_in(phone, PUBLIC, PASSWORD)
    phone.goto(call)
    phone.locator("input[name=clause]").fill("5.3")
    phone.locator("textarea[name=text]").fill("电子围栏的定位精度宜不低于 1 米。")
    phone.get_by_role("button", name="提交意见").click()
    mine = phone.locator("#comment-list li").first
    expect(mine).to_contain_text("定位精度")
    expect(mine).to_contain_text("评论者 1")
    expect(mine).to_contain_text("（我）")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone

    # The public reads it under the pseudonym; the commenter's name is not on the page.
    public.goto(call)
    expect(public.locator("#comment-list")).to_contain_text("评论者 1")
    expect(public.locator("main")).not_to_contain_text("公众甲")

    # The organisation reads it with the name.
    member.goto(call)
    expect(member.locator("#comment-list")).to_contain_text("公众甲 · 评论者 1")
    member.get_by_role("link", name="意见汇总（含提出人）和下载").click()
    expect(member.locator("#comments")).to_contain_text("电子围栏的定位精度宜不低于 1 米。")
    expect(member.locator("#comments")).to_contain_text("公众甲")

    # The statistics draw a chart above each table, within a phone's width and without WCAG violations.
    phone.goto("/groups/statistics/")
    expect(phone.locator("svg.bar-chart")).to_have_count(2)
    chart = phone.locator("#chart-by-province")
    assert chart.evaluate("svg => svg.getBoundingClientRect().width") <= 375
    assert chart.get_attribute("role") == "img"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert _violations(phone) == []
