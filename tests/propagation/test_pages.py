"""The owner's page: its open flags (not others'), filters, counts, resolving a flag in place with htmx or as a plain
form; a few queries however many flags; and the national administration's pages of changes and citations."""

import pytest
from django.urls import reverse

from biaozhun.propagation.models import FlagEvent, FlagState
from tests.fixtures.catalog import make_standard
from tests.fixtures.propagation import abolish, propagate

pytestmark = pytest.mark.django_db
URL = "/propagation/"
REASON = "已按现行版本修订第 2 章规范性引用文件。"


def _resolve_url(flag) -> str:
    return reverse("propagation:resolve", args=[flag.pk])


def test_the_owner_sees_its_open_flags_with_the_edition_in_force(client, tc28_flag, enterprise_flag,
                                                                 secretariat_user):
    client.force_login(secretariat_user)
    page = client.get(URL)
    body = page.content.decode()
    assert page.status_code == 200
    assert "GB/T 39002-2020 引用它的产品标准" in body and "GB/T 39001-2010" in body
    assert "GB 19147-2016 车用柴油" not in body  # the enterprise's flag
    assert page.context["listing"].counts == {"open": 1, "resolved": 0}
    assert f'hx-post="{_resolve_url(tc28_flag)}"' in body


def test_people_without_an_organisation_are_refused(client, registered_user):
    client.force_login(registered_user)
    assert client.get(URL).status_code == 403
    assert URL not in client.get("/accounts/profile/").content.decode()


def test_the_profile_page_leads_an_organisation_s_people_to_their_flags(client, enterprise_user):
    client.force_login(enterprise_user)
    assert f'href="{URL}"' in client.get("/accounts/profile/").content.decode()


def test_filters_narrow_the_list(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)

    def shown(query: str) -> int:
        return len(client.get(URL + query).context["page"].object_list)

    assert shown("?kind=abolished") == 1
    assert shown("?kind=amended") == 0
    assert shown("?source=standard&q=39002") == 1
    assert shown("?source=feedback") == 0
    assert shown(f"?change={tc28_flag.change_id + 1000}") == 0
    assert shown("?state=resolved") == 0
    assert shown("?kind=nonsense&state=nonsense") == 1  # unknown values are ignored


def test_the_page_costs_a_few_queries_however_many_flags(client, tc_secretariat, secretariat_user,
                                                         django_assert_max_num_queries):
    cited = make_standard("GB/T 44001-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    for n in range(30):
        make_standard(f"GB/T 441{n:02d}-2016", tc_code="SAC/TC 28", references=["GB/T 44001-2010"])
    abolish(cited)
    propagate()
    client.force_login(secretariat_user)
    client.get(URL)
    with django_assert_max_num_queries(10):
        page = client.get(URL)
    assert len(page.context["page"].object_list) == 30


def test_resolving_with_htmx_answers_the_row(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(_resolve_url(tc28_flag), {"resolution": "updated", "reason": REASON},
                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.strip().startswith(f'<tr id="flag-{tc28_flag.pk}">')
    assert "已更新" in body and REASON in body and "hx-post" not in body
    tc28_flag.refresh_from_db()
    assert tc28_flag.state == FlagState.RESOLVED


def test_resolving_without_a_reason_answers_the_row_with_the_problem_and_writes_nothing(client, tc28_flag,
                                                                                       secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(_resolve_url(tc28_flag), {"resolution": "not_affected", "reason": " "},
                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "请说明理由" in body and "is-invalid" in body and 'value="not_affected" checked' in body
    tc28_flag.refresh_from_db()
    assert tc28_flag.state == FlagState.OPEN and not FlagEvent.objects.exists()


def test_resolving_without_htmx_goes_back_to_the_list_with_a_message(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(_resolve_url(tc28_flag), {"resolution": "updated", "reason": REASON}, follow=True)
    assert response.redirect_chain[-1][0] == URL + "?state=open"
    assert "已处理：GB/T 39002-2020" in response.content.decode()


def test_a_refusal_without_htmx_shows_the_list_with_the_problem(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(_resolve_url(tc28_flag), {"resolution": "", "reason": REASON})
    assert response.status_code == 422 and "请选择处理结果" in response.content.decode()
    assert REASON in response.content.decode()  # what was written is kept


def test_another_organisation_s_flag_is_not_found(client, tc28_flag, enterprise_user):
    client.force_login(enterprise_user)
    assert client.post(_resolve_url(tc28_flag), {"resolution": "updated", "reason": REASON}).status_code == 404
    assert not FlagEvent.objects.exists()


def test_the_national_administration_sees_every_flag_and_who_owns_it(client, tc28_flag, enterprise_flag,
                                                                     reviewer_user, tc_secretariat):
    client.force_login(reviewer_user)
    body = client.get(URL).content.decode()
    assert "GB/T 39002-2020" in body and "GB 19147-2016" in body and tc_secretariat.name in body
    assert "hx-post" not in body  # reviewers read; owners resolve


def test_the_changes_and_one_change_with_its_owners(client, tc28_flag, admin_user, tc_secretariat):
    client.force_login(admin_user)
    listing = client.get("/propagation/changes/").content.decode()
    assert "GB/T 39001-2010" in listing and "废止" in listing
    detail = client.get(tc28_flag.change.get_absolute_url()).content.decode()
    assert tc_secretariat.name in detail and "标准 1" in detail


def test_administrators_see_how_many_documents_cite_a_standard(client, tc28_flag, admin_user, secretariat_user):
    citing = make_standard("GB/T 39003-2022", tc_code="SAC/TC 28", references=["GB/T 5271.1-2000"])
    cited = make_standard("GB/T 5271.1-2000", title_zh="信息技术 词汇")
    client.force_login(admin_user)
    assert "1 份文件引用本标准" in client.get(cited.get_absolute_url()).content.decode()
    page = client.get(reverse("propagation:standard", args=[cited.identifier])).content.decode()
    assert "1 份文件引用 GB/T 5271.1-2000" in page and citing.identifier not in page
    client.force_login(secretariat_user)
    assert "份文件引用本标准" not in client.get(cited.get_absolute_url()).content.decode()
    assert client.get(reverse("propagation:standard", args=[cited.identifier])).status_code == 403
