"""The detail page and the API show the fields std.samr.gov.cn and openstd users look for, as a reader sees them."""

import pytest
from django.utils import translation

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.services import attach_full_text
from biaozhun.core.actors import SYSTEM
from biaozhun.rules.stages import Stage
from tests.factories.development import ProjectFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def battery():
    """A mandatory national standard published under 强制性国家标准管理办法, from a project in the catalogue."""
    standard = make_standard(
        "GB 44240-2024", title_zh="电能存储系统用锂蓄电池和电池组 安全要求", published_on="2024-07-24",
        implemented_on="2025-08-01", plan_number="20214012-Q-339", industry_classes=["C384", "D44"],
        drafting_units=["中国电子技术标准化研究院"], drafters=["孙潇"], remarks="自实施之日起，相关产品须符合本文件。",
        ccs="K82", ics=["29.220.20"])
    attach_full_text(actor=SYSTEM, standard=standard, content=render_standard_pdf(standard, references=[]))
    project = ProjectFactory(plan_number="20214012-Q-339", nature="mandatory", stage=Stage.PUBLISHED,
                             title_zh="电能存储系统用锂蓄电池和电池组 安全要求")
    return standard, project


@pytest.fixture
def recommended():
    return make_standard("GB/T 36276-2023", title_zh="电力储能用锂离子电池", published_on="2023-12-28",
                         implemented_on="2024-07-01", drafting_units=["中国电力科学研究院有限公司"],
                         drafters=["李建林", "惠东"], industry_classes=["D441"])


def test_the_page_shows_plan_number_with_its_project_classes_with_names_and_remarks(client, battery):
    standard, project = battery
    page = client.get(standard.get_absolute_url()).content.decode()
    assert f'<a href="{project.get_absolute_url()}">20214012-Q-339</a>' in page
    assert "C384 <span lang=\"zh-Hans\">电池制造</span>" in page
    assert "D44 <span lang=\"zh-Hans\">电力、热力生产和供应业</span>" in page
    assert "K82" in page and "29.220.20" in page
    assert "自实施之日起，相关产品须符合本文件。" in page


def test_a_plan_number_without_a_project_in_the_catalogue_is_shown_as_text(client, battery):
    standard, project = battery
    project.delete()
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "20214012-Q-339" in page and "（制修订项目）" not in page


def test_drafters_of_a_mandatory_standard_under_the_measures_are_withheld_with_why(client, battery, recommended):
    standard, _ = battery
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "孙潇" not in page and "中国电子技术标准化研究院" not in page
    assert "强制性国家标准不公布起草单位和起草人" in page
    shown = client.get(recommended.get_absolute_url()).content.decode()
    assert "李建林、惠东" in shown and "中国电力科学研究院有限公司" in shown
    assert "drafters-withheld" not in shown


def test_the_text_access_is_shown_with_its_reason(client, battery, recommended):
    standard, _ = battery
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "可下载" in page and "强制性标准文本免费向社会公开" in page and "?download=1" in page
    page = client.get(recommended.get_absolute_url()).content.decode()
    assert "可在线预览" in page and "暂无全文" in page


def test_the_english_page_translates_labels_and_reasons(client, battery):
    standard, _ = battery
    with translation.override("en"):
        page = client.get(standard.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for english in ("Plan number", "Industrial classification", "Remarks", "Download", "free of charge"):
        assert english in page, english
    assert "电池制造" in page  # GB/T 4754 is published in Chinese only


def test_the_detail_page_stays_within_its_query_budget(client, battery, django_assert_max_num_queries):
    standard, _ = battery
    client.get(standard.get_absolute_url())  # warm the caches the first view fills
    with django_assert_max_num_queries(40):
        assert client.get(standard.get_absolute_url()).status_code == 200


def test_the_api_carries_the_fields_names_and_text_urls(client, battery):
    standard, _ = battery
    body = client.get("/api/v1/catalog/standards/GB 44240-2024").json()
    assert (body["plan_number"], body["industry_classes"], body["remarks"]) == (
        "20214012-Q-339", ["C384", "D44"], "自实施之日起，相关产品须符合本文件。")
    assert body["drafters"] is None and body["drafting_units"] is None
    assert body["classifications"]["industry"] == [{"code": "C384", "name": "电池制造"},
                                                   {"code": "D44", "name": "电力、热力生产和供应业"}]
    assert body["classifications"]["ccs"]["code"] == "K82"
    assert body["classifications"]["ics"][0]["code"] == "29.220.20"
    assert (body["text_access"], body["text_access_reason"]) == ("download", "mandatory")
    assert "标准化法" in body["text_access_explanation"]
    [text] = body["full_texts"]
    assert text["download_url"].endswith("/fulltext/zh.pdf?download=1") and text["read_url"].endswith("/read/zh")


def test_the_api_gives_no_download_url_for_a_text_read_online_only(client, recommended):
    attach_full_text(actor=SYSTEM, standard=recommended, content=render_standard_pdf(recommended, references=[]))
    body = client.get("/api/v1/catalog/standards/GB/T 36276-2023").json()
    assert body["drafters"] == ["李建林", "惠东"]
    assert body["text_access"] == "preview"
    assert body["full_texts"][0]["download_url"] is None and body["full_texts"][0]["read_url"]
