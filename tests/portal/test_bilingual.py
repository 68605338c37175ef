"""An English reader reads English titles wherever a standard's title is shown (Chinese when there is none);
the one helper behind it; ICS codes with their names; the Chinese full text listed first."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.services import attach_full_text
from biaozhun.core.actors import SYSTEM
from biaozhun.core.bilingual import in_language, other_language
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
ZH_TITLE, EN_TITLE = "质量管理体系 要求", "Quality management systems—Requirements"


@pytest.fixture
def standards(search_index):
    with time_machine.travel(date(2026, 11, 25), tick=False):
        with_english = make_standard("GB/T 19001-2016", title_zh=ZH_TITLE, title_en=EN_TITLE,
                                     ics=["03.120.10", "03.100.70"], published_on="2026-11-01",
                                     implemented_on="2027-05-01")
        chinese_only = make_standard("GB/T 30000-2026", title_zh="电动汽车 充电接口", title_en="",
                                     published_on="2026-10-01", implemented_on="2027-04-01")
    search_index()
    return with_english, chinese_only


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_helper_picks_the_readers_language_and_falls_back():
    record = {"title_zh": ZH_TITLE, "title_en": EN_TITLE}
    assert in_language(record, language="en") == EN_TITLE and in_language(record, language="en").lang == "en"
    assert in_language(record, language="zh-hans") == ZH_TITLE
    assert other_language(record, language="en") == ZH_TITLE and other_language(record, language="en").lang == "zh-Hans"
    chinese = {"title_zh": ZH_TITLE, "title_en": ""}
    assert in_language(chinese, language="en") == ZH_TITLE and in_language(chinese, language="en").lang == "zh-Hans"
    assert other_language(chinese, language="en") == ""
    with translation.override("en"):
        assert in_language({"name_zh": "全国", "name_en": "National"}, "name") == "National"


def test_the_detail_page_heading_in_english(client, standards):
    page = english(client).get("/std/GB/T 19001-2016").content.decode()
    assert f'<p class="fs-5 mb-1" lang="en">{EN_TITLE}</p>' in page
    assert f'<p class="text-muted" lang="zh-Hans">{ZH_TITLE}</p>' in page
    assert f"<title>GB/T 19001-2016 {EN_TITLE}" in page


def test_the_detail_page_in_english_without_an_english_title_shows_the_chinese_once(client, standards):
    page = english(client).get("/std/GB/T 30000-2026").content.decode()
    assert '<p class="fs-5 mb-1" lang="zh-Hans">电动汽车 充电接口</p>' in page
    assert page.count("电动汽车 充电接口") == 2  # the heading and the page title, no empty second line


def test_search_results_in_english_lead_with_the_english_title(client, standards):
    page = english(client).get("/standards/", {"q": "quality"}).content.decode()
    assert '<div lang="en">Quality management systems—Requirements</div>'.replace("Quality", "<mark>Quality</mark>") in page
    assert '<div class="small text-muted" lang="zh-Hans">' in page


def test_search_results_in_chinese_lead_with_the_chinese_title(client, standards):
    page = client.get("/standards/", {"q": "质量管理"}).content.decode()
    assert '<div lang="zh-Hans"><mark>质量管理</mark>体系 要求</div>' in page
    assert '<div class="small text-muted" lang="en">' in page


def test_home_lists_in_english(client, standards):
    page = english(client).get("/").content.decode()
    assert f'<div class="small" lang="en">{EN_TITLE}</div>' in page
    assert '<div class="small" lang="zh-Hans">电动汽车 充电接口</div>' in page


def test_validity_results_in_english(client, standards):
    page = english(client).post("/validity/", {"numbers": "GB/T 19001-2016", "format": "html"}).content.decode()
    assert f'<span lang="en">{EN_TITLE}</span>' in page


def test_committee_pages_in_english(client, standards):
    from biaozhun.committees.services import create_committee

    create_committee(actor=SYSTEM, code="SAC/TC 151", name_zh="全国质量管理和质量保证标准化技术委员会",
                     name_en="National Technical Committee on Quality Management")
    make_standard("GB/T 19004-2026", title_zh="质量管理 组织的质量", title_en="Quality management—Quality of an organization",
                  tc_code="SAC/TC 151")
    page = english(client).get("/committees/").content.decode()
    assert "National Technical Committee on Quality Management" in page
    page = english(client).get("/committees/SAC/TC 151/").content.decode()
    assert '<span lang="en">National Technical Committee on Quality Management</span>' in page
    assert "Quality management—Quality of an organization" in page


def test_feeds_follow_the_request_language(client, standards):
    feed = english(client).get("/feeds/published.atom").content.decode()
    assert f"GB/T 19001-2016 {EN_TITLE}" in feed
    client.cookies["django_language"] = "zh-hans"
    feed = client.get("/feeds/published.atom").content.decode()
    assert f"GB/T 19001-2016 {ZH_TITLE}" in feed


def test_ics_codes_are_shown_with_their_names_in_both_languages(client, standards):
    for reader in (client, english(client)):
        page = reader.get("/std/GB/T 19001-2016").content.decode()
        assert '03.120.10 <span lang="en">Quality management and quality assurance</span>' in page
        assert "03.100.70" in page


def test_the_ccs_code_keeps_its_chinese_name_and_an_english_reader_also_gets_the_class(client, standards):
    page = english(client).get("/std/GB/T 19001-2016").content.decode()
    # level-3 names are published in Chinese only; the 24 classes have English names
    assert 'A00 <span lang="zh-Hans">标准化、质量管理</span>' in page
    assert '(<span lang="en">General</span>)' in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/std/GB/T 19001-2016").content.decode()
    assert 'lang="en">General<' not in page


def test_the_ccs_facet_is_labelled_in_the_readers_language(client, standards):
    page = english(client).get("/standards/facets/", {"q": "quality"}).content.decode()
    assert "General" in page and "综合" not in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/standards/facets/", {"q": "质量管理"}).content.decode()
    assert "综合" in page


def test_the_chinese_full_text_is_listed_first(client, standards):
    standard, _ = standards
    for language in ("en", "zh"):
        attach_full_text(actor=SYSTEM, standard=standard, content=render_standard_pdf(standard, references=[]),
                         language=language)
    page = client.get("/std/GB/T 19001-2016").content.decode()
    assert page.index("中文版") < page.index("外文版")
