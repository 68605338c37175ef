"""Public catalogue pages as a visitor sees them."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.services import attach_full_text
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import ValidationFailed
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        old = make_standard("GB/T 19001-2008", published_on="2008-10-29", implemented_on="2009-03-01")
        new = make_standard("GB/T 19001-2016", replaces=["GB/T 19001-2008"], title_en="Quality management systems")
    return old, new


def test_home_shows_counts_and_latest(client, chain):
    response = client.get("/")
    assert response.status_code == 200
    assert "GB/T 19001-2016" in response.content.decode()


def test_detail_explains_status_and_shows_the_chain(client, chain):
    response = client.get("/std/GB/T 19001-2008")
    page = response.content.decode()
    assert response.status_code == 200
    assert "被 GB/T 19001-2016 代替" in page
    assert 'href="/std/GB/T%2019001-2016"' in page


def test_detail_in_english(client, chain):
    client.cookies["django_language"] = "en"
    response = client.get("/std/GB/T 19001-2016", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Replacement history" in page and "In force since 2017-07-01" in page


def test_undated_permalink_goes_to_the_edition_in_force(client, chain):
    response = client.get("/std/GB/T 19001")
    assert response.status_code == 302
    assert response["Location"] == "/std/GB/T%2019001-2016"


def test_non_canonical_number_redirects_to_canonical(client, chain):
    response = client.get("/std/gb/t19001-2016")
    assert response.status_code == 302


def test_unknown_standard_is_404(client, chain):
    assert client.get("/std/GB/T 99999-2020").status_code == 404


def test_search_page_filters_by_status_and_finds_numbers_and_words(client, chain, search_index):
    search_index()
    page = client.get("/standards/", {"status": "replaced"}).content.decode()
    assert "GB/T 19001-2008" in page and "GB/T 19001-2016" not in page
    page = client.get("/standards/", {"q": "GB/T 19001"}).content.decode()
    assert "GB/T 19001-2008" in page and "GB/T 19001-2016" in page
    page = client.get("/standards/", {"q": "质量管理"}).content.decode()
    assert "GB/T 19001-2016" in page


def test_full_text_is_served_as_pdf(client, chain):
    """A recommended standard's text is read online (inline PDF for the reader); its download is refused with why
    (tests/catalog/test_text_access.py has every kind)."""
    _, new = chain
    attach_full_text(actor=SYSTEM, standard=new, content=render_standard_pdf(new, references=[]), language="zh")
    response = client.get("/std/GB/T 19001-2016/fulltext/zh.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    refused = client.get("/std/GB/T 19001-2016/fulltext/zh.pdf?download=1")
    assert refused.status_code == 403
    assert "仅可在线阅读，不提供下载" in refused.content.decode()


def test_full_text_upload_rejects_non_pdf(chain):
    _, new = chain
    with pytest.raises(ValidationFailed, match="全文未能上传") as caught:
        attach_full_text(actor=SYSTEM, standard=new, content=b"<html>", language="zh")
    assert caught.value.errors[0]["field"] == "file"
    with translation.override("en"), pytest.raises(ValidationFailed, match="not attached") as caught:
        attach_full_text(actor=SYSTEM, standard=new, content=b"<html>", language="xx")
    assert [e["field"] for e in caught.value.errors] == ["language", "file"]
    assert "PDF" in caught.value.errors[1]["message"]


def test_generated_pdf_has_pages(chain):
    _, new = chain
    text = attach_full_text(actor=SYSTEM, standard=new, content=render_standard_pdf(new, references=["GB/T 1.1"]), language="zh")
    assert text.page_count and text.page_count >= 2


def test_number_without_the_adopted_part_redirects_to_the_double_number(client):
    make_standard("GB/T 24001-2016/ISO 14001:2015")
    response = client.get("/std/GB/T 24001-2016")
    assert response.status_code == 302
    assert "ISO" in response["Location"]


def test_history_shows_status_labels(client, chain):
    page = client.get("/std/GB/T 19001-2008").content.decode()
    assert "→ 被代替" in page


def test_home_lists_recently_abolished(client):
    make_standard("GB 4000-2000", published_on="2000-01-01", implemented_on="2000-06-01", abolished_on="2020-01-01")
    page = client.get("/").content.decode()
    assert "最近废止" in page and "GB 4000-2000" in page
