"""The detail page's new fields and the text with its amendment sheets, as a person sees them on a desktop and a
phone, in Chinese and English. Screenshots go to $BIAOZHUN_SCREENSHOTS (default: none) for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SETUP = """
from datetime import date
from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import add_amendment, attach_amendment_text, attach_full_text, create_standard
from biaozhun.core.actors import SYSTEM
if not Standard.objects.filter(identifier="GB 44240-2024").exists():
    gb = create_standard(actor=SYSTEM, data={
        "identifier": "GB 44240-2024", "title_zh": "电能存储系统用锂蓄电池和电池组 安全要求",
        "title_en": "Secondary lithium cells and batteries used in electrical energy storage systems—Safety requirements",
        "published_on": "2024-07-24", "implemented_on": "2025-08-01", "plan_number": "20214012-Q-339",
        "industry_classes": ["C384", "D44"], "ccs": "K82", "ics": ["29.220.20"], "drafters": ["孙潇"],
        "drafting_units": ["中国电子技术标准化研究院"], "competent_department": "工业和信息化部",
        "remarks": "自实施之日起，新生产的产品须符合本文件；此前生产的产品可销售至 2026 年 8 月 1 日。"})
    attach_full_text(actor=SYSTEM, standard=gb, content=render_standard_pdf(gb, references=["GB/T 36276"]))
    gb = add_amendment(actor=SYSTEM, standard=gb, number=1, published_on=date(2025, 3, 1),
                       implemented_on=date(2025, 8, 1), summary="修改 6.2 热失控试验的判定")
    attach_amendment_text(actor=SYSTEM, amendment=gb.amendments.get(number=1),
                          content=render_standard_pdf(gb, references=["GB 44240-2024/XG1"]))
    gbt = create_standard(actor=SYSTEM, data={
        "identifier": "GB/T 36276-2023", "title_zh": "电力储能用锂离子电池", "published_on": "2023-12-28",
        "implemented_on": "2024-07-01", "plan_number": "20213058-T-524", "industry_classes": ["D441"],
        "drafting_units": ["中国电力科学研究院有限公司", "宁德时代新能源科技股份有限公司"], "drafters": ["李建林", "惠东"]})
    attach_full_text(actor=SYSTEM, standard=gbt, content=render_standard_pdf(gbt, references=[]))
"""


@pytest.fixture(scope="module")
def fielded(site):
    site.shell(SETUP)
    return site


def _shot(page, name):
    folder = os.environ.get("BIAOZHUN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_detail_page_shows_the_fields_in_both_languages_on_both_screens(browser, fielded, language, device):
    options = {"viewport": PHONE} if device == "phone" else {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(locale="zh-CN", base_url=fielded, **options)
    context.add_cookies([{"name": "django_language", "value": language, "url": fielded}])
    page = context.new_page()
    page.goto("/std/GB 44240-2024")
    body = page.locator("main")
    expect(body).to_contain_text("20214012-Q-339")
    expect(body).to_contain_text("电池制造")
    expect(body).to_contain_text("D44")
    expect(page.locator("#drafters-withheld")).to_be_visible()
    expect(body).not_to_contain_text("孙潇")
    expect(page.locator("#full-text")).to_contain_text("可下载" if language == "zh-hans" else "Download")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    _shot(page, f"detail-{language}-{device}")
    page.goto("/std/GB/T 36276-2023")
    expect(page.locator("#full-text")).to_contain_text("可在线预览" if language == "zh-hans" else "Read online")
    expect(body).to_contain_text("李建林")
    _shot(page, f"detail-recommended-{language}-{device}")
    context.close()


def test_read_the_text_then_its_amendment_and_download_both(page, fielded):
    page.goto("/std/GB 44240-2024")
    page.locator("#full-text").get_by_role("link", name="在线阅读").first.click()
    expect(page.locator("#reader")).to_have_attribute("data-rendered", "true", timeout=15000)
    amendments = page.locator("#amendments")
    expect(amendments).to_contain_text("GB 44240-2024/XG1-2025")
    box_pages, box_amendments = page.locator("#reader-pages").bounding_box(), amendments.bounding_box()
    assert box_amendments["y"] > box_pages["y"] + box_pages["height"] - 1  # listed after the text's pages
    _shot(page, "reader-with-amendments")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载（含修改单）").click()
    assert download.value.suggested_filename.endswith(".zip")
    amendments.get_by_role("link", name="在线阅读").click()
    expect(page.locator("#reader")).to_have_attribute("data-rendered", "true", timeout=15000)
    expect(page.locator("h1")).to_contain_text("GB 44240-2024/XG1-2025")


def test_a_recommended_text_is_read_online_without_a_download(page, fielded):
    page.goto("/std/GB/T 36276-2023/read/zh")
    expect(page.locator("#reader")).to_have_attribute("data-rendered", "true", timeout=15000)
    expect(page.get_by_role("link", name="下载")).to_have_count(0)
    expect(page.locator("#text-access")).to_contain_text("推荐性国家标准")
    _shot(page, "reader-preview-only")
