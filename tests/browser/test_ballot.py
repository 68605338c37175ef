"""A review meeting's ballot as the secretariat and a member run it, in a real browser."""

from pathlib import Path

from playwright.sync_api import expect

from .conftest import PASSWORD, sign_in
from .test_accessibility import _violations

SHOTS = Path("/tmp/shots")

# SAC/TC 998 with its secretariat and secretary, four voting members in balanced categories (one of them with an
# account), and a project walked to 审查 with its periods elapsed. Prints the project's id.
SETUP = f"""
from datetime import date, timedelta
from biaozhun.core.actors import SYSTEM
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.committees.services import add_member, create_committee
from biaozhun.development.services import propose_project
from tests.development.helpers import advance

office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, name="全国浏览器测试标准化技术委员会秘书处",
                                     tc_code="SAC/TC 998")
secretary = User.objects.create_user(username="tc998-secretary", email="secretary998@example.com",
                                     real_name="赵秘书", password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
administration = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
reviewer = User.objects.create_user(username="tc998-reviewer", email="reviewer998@example.com", real_name="审核甲",
                                    password="{PASSWORD}")
Membership.objects.create(user=reviewer, organisation=administration, role=MembershipRole.REVIEWER)
member = User.objects.create_user(username="tc998-member", email="member998@example.com", real_name="孙委员",
                                  password="{PASSWORD}")
committee = create_committee(actor=SYSTEM, code="SAC/TC 998", name_zh="全国浏览器测试标准化技术委员会", secretariat=office)
today = date.today()
for name, organisation, category, user in [
        ("钱委员", "某电器有限公司", "producer", None), ("李委员", "某消费者协会", "consumer", None),
        ("周委员", "某大学", "research", None), ("孙委员", "某检测中心", "testing", member)]:
    add_member(actor=SYSTEM, committee=committee, name=name, organisation=organisation, stakeholder=category,
               term_start=today - timedelta(days=400), term_end=today + timedelta(days=1400), user=user)
project = propose_project(actor=secretary, committee=committee, title_zh="家用电器 待机功耗 测量方法", kind="new",
                          nature="recommended")
project = advance(project, "review", secretariat=secretary, reviewer=reviewer, start=today - timedelta(days=150))
print(project.pk)
"""


def _sign_in(page, username: str) -> None:
    sign_in(page, username)  # the secretary enrols a second factor on the way
    expect(page.get_by_role("button", name="退出")).to_be_visible()


def _record(page, member: str, organisation: str, choice: str, reason: str = "") -> None:
    page.get_by_label("委员", exact=True).select_option(label=f"{member}（{organisation}）")
    page.locator("#record-" + choice).check()
    page.get_by_label("理由（投反对票或回避时必填）").fill(reason)
    page.get_by_role("button", name="记录表决").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已记录 {member} 的表决")


def test_a_meeting_ballot_from_opening_to_the_result(page, browser, site):
    project = site.shell(SETUP).strip().splitlines()[-1]
    SHOTS.mkdir(exist_ok=True)

    _sign_in(page, "tc998-secretary")
    page.goto(f"/projects/{project}/")
    ballots = page.get_by_role("region", name="审查投票")
    ballots.get_by_label("会议审查").check()
    ballots.get_by_role("button", name="发起投票").click()
    expect(page.get_by_role("alert")).to_contain_text("审查投票已发起：4 位委员")
    ballot_url = page.url
    _record(page, "钱委员", "某电器有限公司", "approve")
    _record(page, "李委员", "某消费者协会", "approve")
    _record(page, "周委员", "某大学", "reject", "第6章的测量条件与IEC 62301不一致")
    # Until it closes, even the secretariat sees who has voted, not how (nor the tally).
    expect(page.locator("#ballot-received")).to_have_text("已表决 3 人，共 4 人")
    expect(page.locator("#tally-approve")).to_have_count(0)
    expect(page.get_by_role("region", name="表决名单")).not_to_contain_text("IEC 62301")
    page.screenshot(path=str(SHOTS / "ballot_open.png"), full_page=True)

    context = browser.new_context(locale="zh-CN", base_url=site)
    member = context.new_page()
    _sign_in(member, "tc998-member")
    member.goto(ballot_url)
    roll = member.get_by_role("region", name="表决名单")
    expect(roll).not_to_contain_text("已投票")  # a member sees neither who has voted nor how
    expect(roll).not_to_contain_text("IEC 62301")
    member.get_by_role("region", name="我的表决").get_by_label("赞成").check()
    member.get_by_role("button", name="提交表决").click()
    expect(member.get_by_role("alert")).to_contain_text("您的表决（赞成）已记录")
    member.screenshot(path=str(SHOTS / "ballot_member.png"), full_page=True)
    assert not _violations(member)
    context.close()

    page.goto(ballot_url)
    page.get_by_role("button", name="结束投票并计票").click()
    expect(page.get_by_role("alert")).to_contain_text("审查投票已结束")
    expect(page.locator("#tally-approve")).to_contain_text("3")
    expect(page.locator("#tally-reject")).to_contain_text("1")
    # One against of four is 25%, not below a quarter: the rules refuse the draft and say why.
    expect(page.locator("#ballot-result")).to_have_text(
        "赞成 3/4 = 75.0% ≥ 2/3，反对 1/4 = 25.0% ≥ 1/4，投票率 4/4 = 100.0% ≥ 3/4：未通过：反对票达到 1/4")
    expect(page.get_by_role("region", name="表决名单")).to_contain_text("IEC 62301")  # the secretariat: named votes
    # The tally's bars take their widths from data- attributes (static/js/site.js; no style attribute under the CSP).
    assert page.locator("[data-bar-width]").evaluate_all("bars => bars.map(bar => bar.style.width)") == ["75%", "25%"]
    page.screenshot(path=str(SHOTS / "ballot_closed.png"), full_page=True)
    assert not _violations(page)

    visitor = browser.new_context(locale="zh-CN", base_url=site).new_page()  # the public: the counts and the outcome
    visitor.goto(ballot_url)
    expect(visitor.locator("#tally-reject")).to_contain_text("1")
    expect(visitor.locator("#ballot-result")).to_contain_text("未通过")
    expect(visitor.get_by_role("region", name="表决名单")).not_to_contain_text("IEC 62301")
    expect(visitor.get_by_role("region", name="表决名单")).not_to_contain_text("反对")
    visitor.context.close()
    page.goto(f"/projects/{project}/")
    section = page.get_by_role("region", name="审查投票")
    expect(section).to_contain_text("未通过")
    section.screenshot(path=str(SHOTS / "ballot_section.png"))
