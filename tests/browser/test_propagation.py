"""Change propagation in a real browser: a standard that a committee's standard cites is abolished; the task worker
flags the citing standard and emails the committee's secretary; the secretary sees the flag on the owner's page,
on a phone too, and resolves it in place (htmx)."""

import email

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

SECRETARY = "tc995-secretary"
CITED, CITING = "GB/T 39951-2015", "GB/T 39952-2021"
REASON = "本标准只引用了其术语定义，已在第 3 章给出，不受废止影响。"

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.catalog.services import abolish_standard, create_standard
from biaozhun.committees.services import create_committee
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM

create_committee(actor=SYSTEM, code="SAC/TC 995", name_zh="全国浏览器传播测试标准化技术委员会")
office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, tc_code="SAC/TC 995",
                                     name="全国浏览器传播测试标准化技术委员会秘书处")
secretary = User.objects.create_user(username="{SECRETARY}", email="tc995@example.com", real_name="秘书丁",
                                     password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
cited = create_standard(actor=SYSTEM, data={{"identifier": "{CITED}", "title_zh": "浏览器测试 被引用的术语标准",
                                            "published_on": "2015-05-01", "implemented_on": "2015-12-01"}})
create_standard(actor=SYSTEM, data={{"identifier": "{CITING}", "title_zh": "浏览器测试 引用它的产品标准",
                                    "tc_code": "SAC/TC 995", "references": ["{CITED}"],
                                    "published_on": "2021-03-01", "implemented_on": "2021-10-01"}})
abolish_standard(actor=SYSTEM, standard=cited, on=clock.today(), reason="复审结论：废止")
"""


def worker_emails(site) -> list[str]:
    """Run the task worker until the queue is empty; the emails it printed (console backend), decoded."""
    out = site.manage("db_worker", "--batch", "--no-startup-delay").stdout
    bodies = []
    for chunk in out.split(b"-" * 79):
        if b"Subject:" not in chunk:
            continue
        message = email.message_from_bytes(chunk.strip())
        part = next(message.walk()) if not message.is_multipart() else message.get_payload(0)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"] or "")))
        bodies.append(subject + "\n" + (part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    return bodies


def test_a_secretary_is_told_and_resolves_a_flag_in_place(browser, site):
    site.shell(SET_UP)
    assert site.query("SELECT COUNT(*) FROM propagation_flag f JOIN propagation_change c ON c.id = f.change_id "
                      "WHERE c.identifier = ?", CITED) == [(0,)]  # the abolition only queued the work
    mails = [body for body in worker_emails(site) if CITED in body]
    assert any(CITING in body and "已废止" in body for body in mails)

    page = browser.new_context(locale="zh-CN", base_url=site).new_page()
    _sign_in(page, SECRETARY, PASSWORD)
    page.goto("/accounts/profile/")  # the owner's way in besides the email's link
    page.get_by_role("link", name="本单位文件所引用标准的变更提示").click()
    row = page.locator("table.propagation-flags tr", has_text=CITING)
    expect(row).to_contain_text(CITED)
    expect(row).to_contain_text("注日期引用")
    row.get_by_label("理由（必填）").fill(REASON)
    row.get_by_role("button", name="处理").click()
    expect(row).to_contain_text("请选择处理结果")  # the problem named at its field; the reason is kept
    expect(row.get_by_label("理由（必填）")).to_have_value(REASON)
    row = page.locator("table.propagation-flags tr", has_text=CITING)
    row.get_by_label("不受影响").check()
    row.get_by_role("button", name="处理").click()
    done = page.locator("table.propagation-flags tr", has_text=CITING)
    expect(done.locator(".badge.text-bg-success")).to_have_text("不受影响")  # the row swapped in place
    expect(done.locator("form")).to_have_count(0)
    expect(done).to_contain_text(REASON)
    assert site.query("SELECT f.state, f.resolution FROM propagation_flag f JOIN propagation_change c "
                      "ON c.id = f.change_id WHERE c.identifier = ?", CITED) == [("resolved", "not_affected")]

    phone = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", base_url=site,
                                storage_state=page.context.storage_state())
    narrow = phone.new_page()
    for path in ("/propagation/", "/propagation/?state=resolved"):
        narrow.goto(path)
        overflow = narrow.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a phone screen"
    expect(narrow.locator("main")).to_contain_text(CITING)
    phone.close()
    page.context.close()
