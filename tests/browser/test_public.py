"""The public service as a person uses it, in a real browser."""

import re

from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from .conftest import PASSWORD, USER


def _a_national_standard(site) -> str:
    return site.query("SELECT identifier FROM catalog_standard WHERE tier='national' AND status='current' LIMIT 1")[0][0]


def test_find_a_standard_by_number_and_open_it(page, site):
    identifier = _a_national_standard(site)
    page.goto("/")
    page.get_by_label("标准号或标题").fill(identifier.split("-")[0].lower().replace("/", ""))
    page.get_by_role("button", name="检索").click()
    page.get_by_role("link", name=identifier, exact=True).first.click()
    expect(page.locator("h1")).to_contain_text(identifier)
    expect(page.get_by_role("status")).to_contain_text("实施")


def test_search_by_keyword_and_filter_by_tier(page, site):
    [(title,)] = site.query("SELECT title_zh FROM catalog_standard WHERE tier='local' AND title_zh != '' LIMIT 1")
    word = title.split()[0][:4]
    page.goto("/")
    page.get_by_label("标准号或标题").fill(word)
    page.get_by_role("button", name="检索").click()
    expect(page.locator("mark").first).to_be_visible()
    page.get_by_role("link", name=re.compile("^地方标准")).click()
    page.wait_for_url(re.compile("tier=local"))  # the filtered page, not the one before the click
    page.wait_for_load_state()
    numbers = page.locator("li a.std-number").all_inner_texts()
    assert numbers and all(n.startswith("DB") for n in numbers)
    expect(page.locator("#result-count")).to_contain_text(str(len(numbers)) if len(numbers) < 20 else "共")


def test_read_the_full_text_in_the_browser(page, site):
    """A mandatory standard's text (not adopting an ISO/IEC one): read online and download."""
    [(identifier,)] = site.query(
        "SELECT s.identifier FROM catalog_fulltext f JOIN catalog_standard s ON s.id = f.standard_id "
        "WHERE f.language = 'zh' AND s.nature = 'mandatory' AND NOT EXISTS (SELECT 1 FROM catalog_standardrelation r "
        "WHERE r.source_id = s.id AND r.kind = 'adopts' AND r.degree IN ('IDT', 'MOD')) LIMIT 1")
    page.goto(f"/std/{identifier}")
    page.get_by_role("link", name="在线阅读").first.click()
    expect(page.locator("#reader")).to_have_attribute("data-rendered", "true", timeout=15000)
    assert page.locator("#reader-pages canvas").count() >= 2
    with page.expect_download() as download:
        page.locator("#reader").get_by_role("link", name="下载", exact=True).click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_validity_check_with_an_uploaded_workbook(page, site, tmp_path):
    replaced = site.query("SELECT identifier FROM catalog_standard WHERE status='replaced' LIMIT 1")[0][0]
    workbook = Workbook()
    workbook.active.append(["标准号"])
    for number in (replaced, _a_national_standard(site), "不是标准号"):
        workbook.active.append([number])
    upload = tmp_path / "cited.xlsx"
    workbook.save(upload)

    page.goto("/validity/")
    page.get_by_label("或上传文件").set_input_files(upload)
    page.get_by_role("button", name="查新", exact=True).click()
    expect(page.locator("tr.validity-replaced")).to_have_count(1)
    expect(page.locator("tr.validity-error")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("button", name="查新并下载 XLSX").click()
    with open(download.value.path(), "rb") as handle:
        sheet = load_workbook(handle).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2] == replaced and rows[1][8]  # the edition in force that replaced it


def test_switch_to_english_and_back(page, site):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("link", name="Catalogue")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="简体中文").click()
    expect(page.get_by_role("link", name="标准目录")).to_be_visible()


def test_sign_in_and_follow_a_standard(page, site):
    identifier = _a_national_standard(site)
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("用户名")).fill(USER)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"/std/{identifier}")
    page.get_by_role("button", name="关注本版本").click()
    expect(page.get_by_role("alert")).to_contain_text(identifier)
    expect(page.get_by_text("已关注本版本")).to_be_visible()  # the state, not the same button again
    expect(page.get_by_role("button", name="关注本版本", exact=True)).to_have_count(0)
    page.goto("/watch/")
    expect(page.get_by_role("link", name=identifier)).to_be_visible()
    page.goto(f"/std/{identifier}")
    page.get_by_role("button", name="取消关注本版本").click()
    expect(page).to_have_url(re.compile(re.escape(identifier.replace(" ", "%20")) + "$"))
    expect(page.get_by_role("button", name="关注本版本", exact=True)).to_be_visible()


def test_register_from_a_standard_page_and_come_back_to_it(page, site):
    identifier = site.query("SELECT identifier FROM catalog_standard WHERE tier='group' LIMIT 1")[0][0]
    page.goto(f"/std/{identifier}")
    page.get_by_role("link", name="登录后可关注此标准，变化时邮件通知。").click()
    page.locator("main").get_by_role("link", name="注册").click()
    page.locator("#id_email").fill("newcomer@example.com")
    page.get_by_role("button", name="发送注册邮件").click()
    expect(page.get_by_role("status")).to_contain_text("我们已向 newcomer@example.com 发送了一封邮件")
    # The e-mail goes out from the task worker (the console backend prints it).
    printed = site.manage("db_worker", "--batch", "--no-startup-delay").stdout.decode()
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/register/[^/\s]+/)", printed).group(1)
    page.goto(link)
    page.locator("#id_real_name").fill("新用户")
    page.locator("#id_username").fill("newcomer")
    page.locator("#id_password1").fill("a-long-newcomer-password")
    page.locator("#id_password2").fill("a-long-newcomer-password")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="注册并登录").click()
    expect(page.locator("h1")).to_contain_text(identifier)  # back on the standard's page, signed in
    expect(page.get_by_role("button", name="关注本版本", exact=True)).to_be_visible()


def test_pages_fit_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", base_url=site)
    page = context.new_page()
    for path in ("/", "/standards/", f"/std/{_a_national_standard(site)}", "/validity/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a phone screen"
    context.close()


def test_the_site_runs_as_its_users_get_it(page, site):
    """DEBUG off: the friendly 404 with a search box (no URL patterns); hashed static files served by WhiteNoise."""
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("未找到该页面或标准")
    assert "URLconf" not in page.content() and "standard_list" not in page.content()
    stylesheet = page.locator("link[rel=stylesheet]").last.get_attribute("href")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet)
    served = page.request.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert served.ok and "immutable" in served.headers["cache-control"]
    page.get_by_label("在标准目录中检索").fill("质量")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url(re.compile(r"/standards/\?q="))
    expect(page.locator("#result-count")).to_contain_text("共")
