"""The committee admin saves through the services: one event per change, and a refused save (the balance rule,
the policy) shows the reason and writes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from biaozhun.committees.models import Committee, CommitteeEvent, Member, Term
from biaozhun.committees.services import add_member
from biaozhun.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
TERM = {"term_start": date(2024, 1, 1), "term_end": date(2028, 12, 31)}


@pytest.fixture
def seats(tc28_committee):
    """Six voting seats: producer ×3 (half), user, research, testing."""
    return [add_member(actor=SYSTEM, committee=tc28_committee, name=f"委员{n}", organisation="某单位", stakeholder=s,
                       **TERM)
            for n, s in enumerate(("producer", "producer", "producer", "user", "research", "testing"))]


def member_form(member, **changes):
    data = {"committee": member.committee_id, "name": member.name, "organisation": member.organisation,
            "stakeholder": member.stakeholder, "role": member.role, "voting": "on" if member.voting else "",
            "term_start": member.term_start.isoformat(), "term_end": member.term_end.isoformat(), "user": ""}
    data.update(changes)
    if not data["voting"]:
        del data["voting"]  # an unticked box is not sent
    return data


def committee_form(committee, **changes):
    data = {"name_zh": committee.name_zh, "name_en": committee.name_en, "scope": committee.scope, "secretariat": "",
            "international_counterpart": committee.international_counterpart, "established_on": "",
            "terms-TOTAL_FORMS": "0", "terms-INITIAL_FORMS": "0",
            "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0"}
    data.update(changes)
    return data


def test_changing_a_seat_in_the_admin_writes_one_event(admin_client, seats):
    member = seats[3]
    url = reverse("admin:committees_member_change", args=[member.pk])
    response = admin_client.post(url, member_form(member, role="vice_chair"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Member.objects.get(pk=member.pk).role == "vice_chair"
    event = CommitteeEvent.objects.latest("id")
    assert (event.kind, event.data["after"]) == (CommitteeEvent.Kind.MEMBER_CHANGED, {"role": "vice_chair"})


def test_an_unbalancing_change_in_the_admin_shows_why_and_writes_nothing(admin_client, seats):
    member = seats[3]
    events = CommitteeEvent.objects.count()
    response = admin_client.post(reverse("admin:committees_member_change", args=[member.pk]),
                                 member_form(member, stakeholder="producer", organisation="改过的单位"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "委员信息未能保存" in page and "不得超过半数" in page
    assert "改过的单位" in page  # the form keeps what was typed
    member.refresh_from_db()
    assert (member.stakeholder, member.organisation) == ("user", "某单位")
    assert CommitteeEvent.objects.count() == events


def test_adding_a_member_in_the_admin_goes_through_the_balance_rule(admin_client, seats, tc28_committee):
    url = reverse("admin:committees_member_add")
    fresh = Member(committee=tc28_committee, name="新委员", organisation="某公司", stakeholder="producer", **TERM)
    response = admin_client.post(url, member_form(fresh))  # a 4th producer of 7
    assert response.status_code == 200
    assert "不得超过半数" in response.content.decode()
    assert not Member.objects.filter(name="新委员").exists()
    response = admin_client.post(url, member_form(fresh, stakeholder="consumer"))
    assert response.status_code == 302
    added = Member.objects.get(name="新委员")
    assert CommitteeEvent.objects.latest("id").data == {"member_id": added.pk, "name": "新委员",
                                                        "stakeholder": "consumer"}


def test_a_members_committee_and_the_history_cannot_be_changed_in_the_admin(admin_client, seats):
    page = admin_client.get(reverse("admin:committees_member_change", args=[seats[0].pk])).content.decode()
    assert 'name="committee"' not in page
    assert admin_client.post(reverse("admin:committees_member_delete", args=[seats[0].pk]),
                             {"post": "yes"}).status_code == 403


def test_adding_a_committee_in_the_admin_goes_through_the_service(admin_client, tc28_committee):
    response = admin_client.post(reverse("admin:committees_committee_add"), {
        **committee_form(Committee(name_zh="云计算分委会")), "code": "sac/tc 28/sc 38"})
    assert response.status_code == 302, response.content.decode()[:3000]
    committee = Committee.objects.get(code="SAC/TC 28/SC 38")
    assert (committee.kind, committee.parent) == ("SC", tc28_committee)
    assert list(committee.events.values_list("kind", flat=True)) == [CommitteeEvent.Kind.CREATED]


def test_an_invalid_committee_code_in_the_admin_shows_the_reason(admin_client):
    response = admin_client.post(reverse("admin:committees_committee_add"), {
        **committee_form(Committee(name_zh="无上级")), "code": "SAC/TC 99/SC 2"})
    assert response.status_code == 200
    assert "请先创建 SAC/TC 99" in response.content.decode()
    assert not Committee.objects.exists()


def test_changing_a_committee_in_the_admin_writes_one_event(admin_client, tc28_committee):
    response = admin_client.post(reverse("admin:committees_committee_change", args=[tc28_committee.pk]),
                                 committee_form(tc28_committee, international_counterpart="ISO/IEC JTC 1"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(tc28_committee.events.values_list("kind", "data")) == [
        (CommitteeEvent.Kind.CREATED, {"code": "SAC/TC 28"}),
        (CommitteeEvent.Kind.UPDATED, {"before": {"international_counterpart": ""},
                                       "after": {"international_counterpart": "ISO/IEC JTC 1"}}),
    ]
    page = admin_client.get(reverse("admin:committees_committee_change", args=[tc28_committee.pk])).content.decode()
    assert 'name="code"' not in page


def test_a_staff_member_without_the_right_sees_the_refusal_and_nothing_changes(client, tc28_committee, seats,
                                                                                 secretariat_user):
    """Django lets this staff account into the admin; the policy still decides (only administrators edit)."""
    from django.contrib.auth.models import Permission

    secretariat_user.is_staff = True
    secretariat_user.save(update_fields=["is_staff"])
    secretariat_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="committees"))
    client.force_login(secretariat_user)
    response = client.post(reverse("admin:committees_committee_change", args=[tc28_committee.pk]),
                           committee_form(tc28_committee, name_en="Renamed"))
    assert response.status_code == 200
    assert "系统管理员" in response.content.decode()
    assert Committee.objects.get(pk=tc28_committee.pk).name_en == ""
    # The secretariat may keep its own members, through the same service.
    response = client.post(reverse("admin:committees_member_change", args=[seats[3].pk]),
                           member_form(seats[3], role="vice_chair"))
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["committees_committee_add", "committees_member_add", "committees_committeeevent_changelist"])
def test_admin_forms_render(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}")).status_code == 200


def test_change_pages_render_with_the_history(admin_client, seats, tc28_committee):
    page = admin_client.get(reverse("admin:committees_committee_change", args=[tc28_committee.pk])).content.decode()
    assert "增补委员" in page  # the history inline
    assert admin_client.get(reverse("admin:committees_member_change", args=[seats[0].pk])).status_code == 200


def test_a_term_recorded_in_the_admin_goes_through_the_service_and_an_overlap_is_refused(admin_client,
                                                                                          tc28_committee):
    url = reverse("admin:committees_term_add")
    first = {"committee": tc28_committee.pk, "number": "1", "start": "2019-01-01", "end": "2023-12-31"}
    assert admin_client.post(url, first).status_code == 302
    term = Term.objects.get(committee=tc28_committee, number=1)
    assert (term.start, term.end) == (date(2019, 1, 1), date(2023, 12, 31))
    assert CommitteeEvent.objects.latest("id").kind == CommitteeEvent.Kind.TERM_STARTED
    overlapping = {"committee": tc28_committee.pk, "number": "2", "start": "2023-06-01", "end": "2028-05-31"}
    response = admin_client.post(url, overlapping)
    assert response.status_code == 200
    assert "重叠" in response.content.decode()
    assert not Term.objects.filter(committee=tc28_committee, number=2).exists()
    page = admin_client.get(reverse("admin:committees_committee_change", args=[tc28_committee.pk])).content.decode()
    assert "2023-12-31" in page or "2023年12月31日" in page or "Dec. 31, 2023" in page
