"""The committee page: status, current term, guiding unit, contacts only for signed-in people, history; a query
budget that does not grow with members, projects, standards or history; the contacts and 换届 pages."""

from datetime import date

import pytest
from django.utils import timezone

from biaozhun.committees.models import Member
from biaozhun.committees.services import add_member, update_committee, update_contacts
from biaozhun.committees.terms import record_term
from biaozhun.core.actors import SYSTEM
from tests.factories.development import ProjectFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
CATEGORIES = ["producer", "user", "research", "testing", "consumer", "government"]


@pytest.fixture
def busy(tc28_committee, ministry):
    """SAC/TC 28 in its second term, guided by the ministry, with 30 members, 10 projects, 20 standards."""
    today = timezone.localdate()
    record_term(actor=SYSTEM, committee=tc28_committee, start=date(2019, 1, 1), end=date(2023, 12, 31))
    term = record_term(actor=SYSTEM, committee=tc28_committee, start=date(2024, 1, 1), end=date(2028, 12, 31))
    update_committee(actor=SYSTEM, committee=tc28_committee, changes={"guiding_unit": ministry})
    update_contacts(actor=SYSTEM, committee=tc28_committee, contact_name="秘书处联络人", contact_phone="010-66668888",
                    contact_email="tc28@example.org")
    for n in range(30):
        add_member(actor=SYSTEM, committee=tc28_committee, name=f"委员{n}", organisation="某单位", title="高级工程师",
                   stakeholder=CATEGORIES[n % 6], term_start=term.start, term_end=max(term.end, today))
    for _n in range(10):
        ProjectFactory(committee=tc28_committee)
    for n in range(20):
        make_standard(f"GB/T {34000 + n}-2020", tc_code="SAC/TC 28")
    return tc28_committee


def test_the_page_shows_status_term_guiding_unit_and_history(client, busy):
    page = client.get("/committees/SAC/TC 28/").content.decode()
    assert "正常" in page and "第2届（2024-01-01 至 2028-12-31）" in page
    assert "工业和信息化部" in page and "高级工程师" in page
    assert ">35</span></h2>" in page and "增补委员：委员29" in page  # the newest first


def test_contacts_are_shown_to_signed_in_people_only(client, busy, registered_user):
    assert "010-66668888" not in client.get("/committees/SAC/TC 28/").content.decode()
    client.force_login(registered_user)
    page = client.get("/committees/SAC/TC 28/").content.decode()
    assert "秘书处联络人" in page and "010-66668888" in page and "tc28@example.org" in page


@pytest.mark.parametrize("role", ["public_user", "ministry_user", "admin_user"])
def test_the_page_keeps_its_query_budget(request, client, busy, role, django_assert_max_num_queries):
    user = request.getfixturevalue(role)
    if role != "public_user":
        client.force_login(user)
    client.get("/committees/SAC/TC 28/")  # the session and caches warm
    with django_assert_max_num_queries(18):
        assert client.get("/committees/SAC/TC 28/").status_code == 200


def test_the_secretariat_keeps_its_contacts(client, tc28_committee, secretariat_user, registered_user):
    client.force_login(registered_user)
    assert client.get("/committees/SAC/TC 28/-/contacts/").status_code == 403
    client.force_login(secretariat_user)
    response = client.post("/committees/SAC/TC 28/-/contacts/", {"contact_name": "新联络人",
                                                                 "contact_phone": "abc", "contact_email": ""})
    assert response.status_code == 422 and "电话号码只能包含数字" in response.content.decode()
    response = client.post("/committees/SAC/TC 28/-/contacts/", {"contact_name": "新联络人",
                                                                 "contact_phone": "010-1234567", "contact_email": ""})
    assert response.status_code == 302
    tc28_committee.refresh_from_db()
    assert (tc28_committee.contact_name, tc28_committee.contact_phone) == ("新联络人", "010-1234567")
    assert tc28_committee.events.get(kind="contacts_changed").data == {"fields": ["contact_name", "contact_phone"]}


def test_the_administration_renews_the_term_from_its_page(client, busy, admin_user):
    client.force_login(admin_user)
    carried = list(Member.objects.filter(committee=busy).order_by("pk").values_list("pk", flat=True)[:12])
    page = client.get("/committees/SAC/TC 28/-/terms/").content.decode()
    assert "第2届：2024-01-01 至 2028-12-31" in page
    response = client.post("/committees/SAC/TC 28/-/terms/", {
        "start": "2029-01-01", "end": "", "carry": [str(pk) for pk in carried], "reason": "国标委函〔2028〕1号",
        "seats-TOTAL_FORMS": "1", "seats-INITIAL_FORMS": "0", "seats-0-name": "新委员", "seats-0-organisation": "新单位",
        "seats-0-stakeholder": "consumer", "seats-0-role": "member", "seats-0-voting": "on"})
    assert response.status_code == 302
    assert busy.terms.get(number=3).end == date(2033, 12, 31)
    assert Member.objects.filter(committee=busy, term_start=date(2029, 1, 1)).count() == 13
