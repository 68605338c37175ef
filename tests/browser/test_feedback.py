"""Implementation feedback in a real browser: a visitor writes about a standard and gets a tracking number; the
committee's secretary answers it from the queue; the visitor, in another browser, asks for a code with the number
and their address and reads the answer. The pages fit a phone."""

import email
import re

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

SECRETARY = "tc996-secretary"
IDENTIFIER = "GB/T 39996-2026"
VISITOR_EMAIL = "visitor996@example.com"
ANSWER = "经核实，5.2 条的试验温度按 23 ℃±2 ℃ 执行，修订时将写入标准。"

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.catalog.services import create_standard
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM

create_committee(actor=SYSTEM, code="SAC/TC 996", name_zh="全国浏览器反馈测试标准化技术委员会")
create_standard(actor=SYSTEM, data={{"identifier": "{IDENTIFIER}", "title_zh": "浏览器测试 试验方法",
                                    "tc_code": "SAC/TC 996", "published_on": "2026-01-05",
                                    "implemented_on": "2026-02-01"}})
office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, tc_code="SAC/TC 996",
                                     name="全国浏览器反馈测试标准化技术委员会秘书处")
secretary = User.objects.create_user(username="{SECRETARY}", email="tc996@example.com", real_name="秘书丙",
                                     password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
if not Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION).exists():
    Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
"""


def printed_emails(site) -> list[str]:
    """The emails the task worker sends (printed by the console backend), decoded."""
    out = site.manage("db_worker", "--batch", "--no-startup-delay").stdout
    bodies = []
    for chunk in out.split(b"-" * 79):
        if b"Subject:" not in chunk:
            continue
        message = email.message_from_bytes(chunk.strip())
        part = next(message.walk()) if not message.is_multipart() else message.get_payload(0)
        bodies.append((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    return bodies


def test_a_visitor_writes_the_committee_answers_and_the_visitor_reads_the_answer(page, browser, site):
    site.shell(SET_UP)
    page.goto(f"/std/{IDENTIFIER}")
    page.get_by_role("link", name="反馈实施中发现的问题").click()
    page.locator("#name").fill("周访客")
    page.locator("#email").fill(VISITOR_EMAIL)
    page.locator("#category").select_option("content")
    page.locator("#clause").fill("5.2")
    page.locator("#text").fill("5.2 条规定的试验温度未给出允许偏差，各实验室执行不一致。")
    page.get_by_role("button", name="提交反馈").click()
    expect(page.locator("h1")).to_contain_text("已转办")
    number = page.locator("#tracking-number").inner_text().strip()
    assert re.fullmatch(r"FK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}", number)
    received = [body for body in printed_emails(site) if number in body]
    assert any("确认期限" in body for body in received)
    assert all("周访客" not in body for body in received if "秘书丙" in body)  # the handler's mail: a pseudonym

    secretary = browser.new_context(locale="zh-CN", base_url=site).new_page()
    _sign_in(secretary, SECRETARY, PASSWORD)
    secretary.goto("/feedback/queue/")
    row = secretary.locator("table.feedback-rows tr", has_text=number)
    expect(row).to_contain_text("反馈人 #")
    expect(row).not_to_contain_text("周访客")
    row.get_by_role("link", name=number).click()
    secretary.locator("#answer-text").fill(ANSWER)
    secretary.get_by_role("button", name="发送答复").click()
    expect(secretary.get_by_role("alert")).to_contain_text("答复已发送给反馈人")
    expect(secretary.locator("h1")).to_contain_text("已答复")
    secretary.context.close()

    visitor = browser.new_context(locale="zh-CN", base_url=site).new_page()
    visitor.goto(f"/feedback/{number}/")
    expect(visitor.locator("h1")).not_to_contain_text(number)  # the 404 page: no code, no item
    visitor.goto("/feedback/track/")
    visitor.locator("#tracking_number").fill(number.lower().replace("-", " "))
    visitor.locator("#email").fill(VISITOR_EMAIL)
    visitor.get_by_role("button", name="发送验证码").click()
    expect(visitor.locator("h1")).to_contain_text("输入验证码")
    code = next(re.search(r"^\s+(\d{6})\s*$", body, re.MULTILINE).group(1)
                for body in printed_emails(site) if number in body and "验证码" in body)
    visitor.locator("#code").fill(code)
    visitor.get_by_role("button", name="查看").click()
    expect(visitor.locator("#answer")).to_contain_text(ANSWER)
    expect(visitor.locator("#writer")).to_contain_text("您本人")
    visitor.context.close()


def test_the_feedback_pages_fit_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", base_url=site)
    page = context.new_page()
    identifier = site.query("SELECT identifier FROM catalog_standard WHERE tier='national' LIMIT 1")[0][0]
    for path in (f"/std/{identifier}/feedback", "/feedback/track/", "/feedback/statistics/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a phone screen"
    context.close()
