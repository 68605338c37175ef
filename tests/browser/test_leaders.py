"""对标达标 in a real browser, on a phone-sized screen: an enterprise member picks its declaration and a 领跑者
scheme, reads the gap report and downloads it as XLSX and PDF; the public opens the published leader list and
sees the leader badge."""

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

MEMBER = "gap-member"

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, User
from biaozhun.declarations.models import Declaration
from django.core.management import call_command
call_command("load_demo_leaders")
declaration = Declaration.objects.get(identifier="Q/DEMO12 001-2025")  # 能效指数 64 %: above the 62 % limit
member = User.objects.create_user(username="{MEMBER}", email="gap-member@example.com", real_name="对标员",
                                  password="{PASSWORD}")
Membership.objects.create(user=member, organisation=declaration.enterprise, role=MembershipRole.MEMBER)
print(declaration.pk)
"""


def test_an_enterprise_member_gets_a_gap_report_and_the_public_opens_the_leader_list(browser, site, tmp_path):
    declaration = site.shell(SET_UP).strip().splitlines()[-1]
    context = browser.new_context(locale="zh-CN", base_url=site, accept_downloads=True,
                                  viewport={"width": 375, "height": 800})
    page = context.new_page()
    _sign_in(page, MEMBER, PASSWORD)
    page.goto("/leaders/gaps/")
    page.locator("select[name=declaration]").select_option(declaration)
    page.locator("select[name=scheme]").select_option(index=1)
    page.get_by_role("button", name="生成对标报告").click()
    report = page.locator("#gap-report")
    expect(report).to_contain_text("未达到")
    expect(report).to_contain_text("差 2")
    with page.expect_download() as xlsx:
        page.get_by_role("button", name="下载 XLSX").click()
    assert xlsx.value.suggested_filename == "gap-report.xlsx"
    with page.expect_download() as pdf:
        page.get_by_role("button", name="下载 PDF").click()
    path = tmp_path / "report.pdf"
    pdf.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()

    public = browser.new_context(locale="zh-CN", base_url=site).new_page()
    public.goto("/leaders/")
    public.get_by_role("link", name="年度领跑者名单").first.click()
    expect(public.locator("#list-state")).to_have_text("已发布")
    # The demo's four top-tier makers are listed, each with the badge (the shared test site may hold other
    # refrigerator declarations that other tests declared, so the list is not limited to them).
    for maker in ("青岛澜海电器有限公司", "合肥青禾冰箱有限公司", "佛山南风制冷有限公司", "南京华冷电器有限公司"):
        expect(public.locator("#entries tr", has_text=maker).locator(".leader-badge")).to_have_count(1)
