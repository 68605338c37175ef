"""What a walk through the public pages in both languages found (issue 8): each stays fixed."""

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.portal.models import Watch
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_registration_page_asks_to_create_an_account_not_account_registered(client):
    page = english(client).get("/accounts/register/").content.decode()
    assert '<h1 class="h3 mb-3">Create an account</h1>' in page and "Account registered" not in page


def test_the_validity_summary_labels_are_capitalised_in_english(client, db):
    page = english(client).post("/validity/", {"numbers": "GB/T 99999-2020", "format": "html"}).content.decode()
    assert "Not in the catalogue 1" in page


def test_committee_project_groups_count_in_the_readers_punctuation(client):
    from biaozhun.committees.services import create_committee
    from biaozhun.development.services import propose_project

    committee = create_committee(actor=SYSTEM, code="SAC/TC 28", name_zh="全国信息技术标准化技术委员会")
    propose_project(actor=SYSTEM, committee=committee, title_zh="信息技术 云计算 参考架构", kind="new",
                    nature="recommended")
    assert "（1）</h3>" in client.get("/committees/SAC/TC 28/").content.decode()
    page = english(client).get("/committees/SAC/TC 28/").content.decode()
    assert " (1)</h3>" in page and "（1）" not in page


def test_the_watch_list_lists_editions_then_numbers_then_searches(client, registered_user):
    standard = make_standard("GB/T 1-2020")
    Watch.objects.create(user=registered_user, kind=Watch.Kind.SEARCH, query={"tier": "national"}, label="national")
    Watch.objects.create(user=registered_user, kind=Watch.Kind.SERIES, undated="GB/T 1", label="GB/T 1")
    Watch.objects.create(user=registered_user, kind=Watch.Kind.EDITION, standard=standard, undated="GB/T 1")
    client.force_login(registered_user)
    page = client.get("/watch/").content.decode()
    assert page.index("watch-edition") < page.index("watch-series") < page.index("watch-search")
