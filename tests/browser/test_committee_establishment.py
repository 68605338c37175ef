"""A committee's establishment in a real browser: a ministry's officer applies (scope, code, counterpart,
secretariat, guiding unit, proposed members), the administration puts the application to public notice, a
registered person comments, the notice ends, the administration approves, and the committee's page exists with its
first term, guiding unit and members. The application and notice pages fit a phone."""

from playwright.sync_api import expect

from .conftest import PASSWORD, USER
from .conftest import sign_in as _sign_in

APPLICANT, ADMIN = "tc994-applicant", "tc994-admin"
CODE = "SAC/TC 994"

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User

ministry = Organisation.objects.create(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, industry_code="JT",
                                       name="浏览器测试部994")
Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="浏览器测试研究院994")
applicant = User.objects.create_user(username="{APPLICANT}", email="tc994-applicant@example.com", real_name="申请人丁",
                                     password="{PASSWORD}")
Membership.objects.create(user=applicant, organisation=ministry, role=MembershipRole.MEMBER)
administration = (Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION).first()
                  or Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会"))
admin = User.objects.create_user(username="{ADMIN}", email="tc994-admin@example.com", real_name="管理员戊",
                                 password="{PASSWORD}")
Membership.objects.create(user=admin, organisation=administration, role=MembershipRole.ADMIN)
"""

# Thirty days pass: the notice opened forty days ago and closed ten days ago.
NOTICE_OVER = f"""
from datetime import timedelta

from biaozhun.committees.applications.models import Application
from biaozhun.core import clock

today = clock.today()
Application.objects.filter(code="{CODE}").update(notice_opened_on=today - timedelta(days=40),
                                                 notice_closes_on=today - timedelta(days=10))
"""

ROLL = [("赵主任", "producer", "chair", "教授级高级工程师"), ("钱委员", "user", "member", "高级工程师"),
        ("孙委员", "research", "secretary_general", "研究员")]


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_apply_notice_comment_approve_and_the_committee_exists(page, browser, site):
    site.shell(SET_UP)
    _sign_in(page, APPLICANT, PASSWORD)
    page.goto("/committees/")
    page.get_by_role("link", name="申请筹建技术委员会").first.click()
    page.locator("#id_kind").select_option("TC")
    page.locator("#id_code").fill("sac/tc994")
    page.locator("#id_name_zh").fill("全国浏览器测试筹建标准化技术委员会")
    page.locator("#id_scope").fill("浏览器测试领域的国家标准制修订工作。")
    page.locator("#id_justification").fill("验证筹建流程。")
    page.locator("#id_international_counterpart").fill("iso/tc 994")
    page.locator("#id_secretariat").fill("浏览器测试研究院994")
    page.locator("#id_guiding_unit").fill("浏览器测试部994")
    for n, (name, stakeholder, role, title) in enumerate(ROLL):
        page.locator(f"#id_seats-{n}-name").fill(name)
        page.locator(f"#id_seats-{n}-organisation").fill("测试单位")
        page.locator(f"#id_seats-{n}-stakeholder").select_option(stakeholder)
        page.locator(f"#id_seats-{n}-role").select_option(role)
        page.locator(f"#id_seats-{n}-title").fill(title)
    page.get_by_role("button", name="保存并提交").click()
    expect(page.locator("#application-state")).to_have_text("已提交")
    expect(page.locator("h1")).to_contain_text(CODE)
    application_url = page.url

    admin = browser.new_context(locale="zh-CN", base_url=site).new_page()
    _sign_in(admin, ADMIN, PASSWORD)
    admin.goto("/committees/applications/queue/")
    admin.locator("table.application-rows a[href='" + application_url.removeprefix(site) + "']").first.click()
    admin.get_by_role("button", name="开始公示").click()
    expect(admin.locator("#application-state")).to_have_text("公示中")

    public = browser.new_context(locale="zh-CN", base_url=site, viewport={"width": 375, "height": 800}).new_page()
    _sign_in(public, USER, PASSWORD)
    public.goto("/committees/applications/")
    public.get_by_role("link", name="筹建").first.click()
    expect(public.locator("h1")).to_contain_text(CODE)
    assert overflow(public) <= 0
    public.locator("#id_text").fill("建议明确与现有技术委员会的分工。")
    public.get_by_role("button", name="提交意见").click()
    expect(public.locator("#comment-list")).to_contain_text("意见人 1")
    expect(public.locator("#comment-list")).not_to_contain_text("浏览器测试")  # the commenter's name stays hidden
    assert overflow(public) <= 0
    public.context.close()

    site.shell(NOTICE_OVER)
    admin.reload()
    expect(admin.locator("#comment-list")).to_contain_text("浏览器测试")  # the administration sees who commented
    admin.get_by_label("批准", exact=True).check()
    admin.locator("#id_decision").fill("国标委函〔2026〕994号")
    admin.get_by_role("button", name="作出决定").click()
    admin.wait_for_url("**/committees/SAC/TC%20994/")
    expect(admin.locator("h1")).to_contain_text(CODE)
    expect(admin.locator("#committee-term")).to_contain_text("第1届")
    expect(admin.locator("#guiding-unit")).to_have_text("浏览器测试部994")
    expect(admin.locator("#members")).to_contain_text("赵主任 · 主任委员 · 教授级高级工程师")
    expect(admin.locator("#history")).to_contain_text("成立")
    admin.context.close()

    page.goto(application_url)
    expect(page.locator("#application-state")).to_have_text("已批准")
    expect(page.locator("#decision")).to_contain_text("国标委函〔2026〕994号")
