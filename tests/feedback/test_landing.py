"""The feedback door (/feedback/): a number as people type it leads to the right edition's form; a wrong one says
what is wrong and what to do; the newest published answers are listed without their writers."""

import pytest
from django.urls import reverse
from django.utils import translation

from biaozhun.feedback.services import publish_interpretation
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import VISITOR

pytestmark = pytest.mark.django_db
URL = reverse("feedback:index")


@pytest.mark.parametrize("typed", ["GB/T 5271.1-2000", "gb/t5271.1-2000", "  GB/T 5271.1—2000 "])
def test_a_dated_number_as_typed_opens_that_editions_form(client, tc28_standard, typed):
    response = client.get(URL, {"standard": typed})
    assert response.status_code == 302
    assert response.url == reverse("portal:feedback", args=[tc28_standard.identifier])


def test_an_undated_number_opens_the_form_of_the_edition_in_force(client):
    make_standard("GB/T 19001-2008", published_on="2008-10-29", implemented_on="2009-03-01",
                  abolished_on="2017-07-01")
    current = make_standard("GB/T 19001-2016")
    make_standard("GB/T 19001-2026", published_on="2026-11-01", implemented_on="2099-06-01")
    response = client.get(URL, {"standard": "GB/T 19001"})
    assert response.url == reverse("portal:feedback", args=[current.identifier])


def test_a_number_not_in_the_catalogue_or_not_a_number_is_explained_on_the_field(client, tc28_standard):
    page = client.get(URL, {"standard": "GB/T 99999-2020"})
    assert page.status_code == 200
    assert "目录中没有 GB/T 99999-2020" in page.content.decode()
    page = client.get(URL, {"standard": "标准"}).content.decode()
    assert 'class="form-control is-invalid"' in page and 'id="standard-error"' in page


def test_the_page_lists_published_answers_without_who_wrote_and_reads_in_english(client, answered_item,
                                                                                 secretariat_user):
    publish_interpretation(actor=secretariat_user, item=answered_item, kind="faq", question="本标准术语的适用范围是什么？")
    with translation.override("en"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "本标准术语的适用范围是什么？" in page and answered_item.standard.identifier in page
    assert VISITOR.name not in page and answered_item.pseudonym not in page
    assert "Implementation feedback on standards" in page


def test_the_page_reads_a_fixed_number_of_queries(client, answered_item, secretariat_user,
                                                  django_assert_max_num_queries):
    for n in range(3):
        publish_interpretation(actor=secretariat_user, item=answered_item, kind="faq", question=f"第{n}个面向公众的问题")
    with django_assert_max_num_queries(6):
        client.get(URL)
