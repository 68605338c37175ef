"""A unit reports progress on its work-plan task in a real browser, on a phone-sized screen: a member of the lead
unit finds the task among its unit's tasks, reports 60 % with what was done (the form is sent by htmx and the
progress section is replaced in place), sees the figure and the report, and finds them again on the plan's page
after reloading. The pages fit a phone and pass axe."""

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in
from .test_accessibility import _violations
from .test_participation import PHONE, _fits

MEMBER = "workplan-unit-member"

SET_UP = f"""
from datetime import date
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.core.actors import SYSTEM
from biaozhun.workplan.demo import TEXT
from biaozhun.workplan.services.plans import import_plan
from biaozhun.workplan.services.tasks import assign_task

plan = import_plan(actor=SYSTEM, year=2019, text=TEXT.read_text(encoding="utf-8")).plan
unit = Organisation.objects.create(kind=OrganisationKind.BUREAU, region_code="33", name="浏览器测试省市场监督管理局")
member = User.objects.create_user(username="{MEMBER}", email="workplan@example.com", real_name="成员庚",
                                  password="{PASSWORD}")
Membership.objects.create(user=member, organisation=unit, role=MembershipRole.MEMBER)
assign_task(actor=SYSTEM, task=plan.tasks.get(key="15"), lead_unit=unit, co_units=[], due_on=date(2019, 12, 31))
"""


def test_a_unit_member_reports_progress_on_a_phone_and_sees_it(browser, site):
    site.shell(SET_UP)
    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, MEMBER, PASSWORD)

    page.goto("/workplan/mine/")
    page.locator("#tasks a", has_text="15.").click()
    expect(page.locator("#task-text")).to_contain_text("标准化综合改革试点")
    expect(page.locator("#percent")).to_contain_text("完成 0% · 未启动")
    _fits(page)
    assert not _violations(page)

    page.get_by_label("完成进度（%）").fill("60")
    page.get_by_role("textbox", name="进展情况").fill("浙江、山西试点中期评估完成。")
    with page.expect_response(lambda response: "/report/" in response.url):
        page.get_by_role("button", name="报告进展").click()
    expect(page.get_by_role("status")).to_contain_text("进展已报告")
    expect(page.locator("#percent")).to_contain_text("完成 60% · 推进中")
    expect(page.locator("#reports")).to_contain_text("浙江、山西试点中期评估完成。")
    expect(page.locator("#reports")).to_contain_text("浏览器测试省市场监督管理局")
    assert "/workplan/tasks/" in page.url and "/report/" not in page.url  # swapped in place, not a new page
    _fits(page)

    page.reload()
    expect(page.locator("#percent")).to_contain_text("完成 60% · 推进中")
    expect(page.locator("#events")).to_contain_text("报告进展")
    expect(page.locator("#state")).to_have_text("推进中")
