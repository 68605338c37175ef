"""领跑者 set up in a real browser, on a phone-sized screen: an administrator sets up a key product, its evaluation
scheme (a refused threshold shown on its indicator's field, a second indicator added without script), ranks the
declarations by it and reads the run; then edits the scheme, and the run still shows the version it ranked by."""

from datetime import date

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

ADMIN = "leaders-admin"
PHONE = {"width": 375, "height": 800}

SET_UP = f"""
from django.core.management import call_command
from biaozhun.accounts.models import User
call_command("load_demo_leaders")  # twelve refrigerator makers with declared 能效指数 and 噪声 (idempotent)
User.objects.create_superuser(username="{ADMIN}", email="leaders-admin@example.com", real_name="方案管理员",
                              password="{PASSWORD}")
"""


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_an_administrator_sets_up_a_scheme_and_ranks_by_it(browser, site):
    site.shell(SET_UP)
    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, ADMIN, PASSWORD)

    page.goto("/leaders/")
    page.get_by_role("link", name="设立重点产品").click()
    page.get_by_label("年度").fill(str(date.today().year))
    page.get_by_label("重点产品").fill("浏览器测试冰箱")
    page.get_by_label("产品名称关键词").fill("电冰箱")
    _fits(page)
    page.get_by_role("button", name="保存").click()
    expect(page.locator("h1")).to_have_text("设立评估方案")

    # One indicator with thresholds that reach below the requirement: refused on that field, nothing saved.
    page.get_by_label("方案名称").fill("浏览器测试方案")
    first = page.locator("#indicator-1")
    first.get_by_label("指标名称").fill("能效指数")
    first.get_by_label("单位").fill("%")
    first.get_by_label("方向").select_option("lower")
    first.get_by_label("分档界限").fill("42, 70")
    first.get_by_label("标准要求").fill("62")
    first.get_by_label("声明中的其他名称").fill("能源效率指数")
    _fits(page)
    page.get_by_role("button", name="发布评估方案").click()
    expect(page.locator("#indicator-1 .invalid-feedback")).to_contain_text("最低一档不得低于标准要求")

    # Fixed, and a second indicator added (the form comes back with one more, what was typed kept).
    page.locator("#indicator-1").get_by_label("分档界限").fill("42, 52")
    page.get_by_role("button", name="再加一个指标").click()
    second = page.locator("#indicator-2")
    expect(second).to_be_visible()
    expect(page.locator("#indicator-1").get_by_label("指标名称")).to_have_value("能效指数")
    second.get_by_label("指标名称").fill("噪声")
    second.get_by_label("单位").fill("dB(A)")
    second.get_by_label("方向").select_option("lower")
    second.get_by_label("关键指标（决定综合分档）").uncheck()
    second.get_by_label("分档界限").fill("38, 41")
    second.get_by_label("标准要求").fill("45")
    page.get_by_role("button", name="发布评估方案").click()
    scheme = page.locator("section", has=page.get_by_role("heading", name="评估方案：浏览器测试方案"))
    expect(scheme).to_contain_text("也作 能源效率指数")
    _fits(page)

    # Rank by it and read the run.
    scheme.get_by_role("button", name="按此方案分档").click()
    expect(page.locator("#run-status")).to_have_text("已分档")
    expect(page.locator("#run-scheme")).to_contain_text("浏览器测试方案 · 第 1 版")
    expect(page.locator("main")).to_contain_text("青岛澜海电器有限公司")  # 36.5 %: in the first tier
    _fits(page)
    run = page.url

    # Edit the scheme: a new version; the run still shows what it ranked by.
    page.goto(run.split("/leaders/")[0] + "/leaders/")
    page.get_by_role("link", name="浏览器测试冰箱", exact=False).first.click()
    scheme.get_by_role("link", name="修改方案").click()
    page.locator("#indicator-1").get_by_label("分档界限").fill("40, 50")
    page.get_by_role("button", name="保存为新版本").click()
    expect(page.locator("main")).to_contain_text("第 2 版")
    page.goto(run)
    expect(page.locator("#run-scheme")).to_contain_text("第 1 版")
    expect(page.locator("#run-scheme")).to_contain_text("现为第 2 版")
    expect(page.locator("main")).to_contain_text("42 / 52")
