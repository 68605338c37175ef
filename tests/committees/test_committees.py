"""Committees: codes, subcommittees, the stakeholder balance rule, permissions, public pages."""

from datetime import date

import pytest

from biaozhun.committees.models import CommitteeEvent, Member
from biaozhun.committees.services import add_member, create_committee, end_membership
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.rules.committees import overweight_categories
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
TERM = {"term_start": date(2024, 1, 1), "term_end": date(2028, 12, 31)}


def seat(committee, stakeholder, actor=SYSTEM, name="委员"):
    return add_member(actor=actor, committee=committee, name=name, organisation="某单位", stakeholder=stakeholder, **TERM)


def test_overweight_is_more_than_half():
    assert overweight_categories(["producer", "producer", "user", "research"]) == []
    assert overweight_categories(["producer", "producer", "producer", "user"]) == [("producer", 3, 4)]


def test_code_is_normalised_and_subcommittees_need_their_parent(tc28_committee):
    assert (tc28_committee.code, tc28_committee.kind) == ("SAC/TC 28", "TC")
    sc = create_committee(actor=SYSTEM, code="SAC/TC 28/SC 1", name_zh="分委会")
    assert (sc.kind, sc.parent) == ("SC", tc28_committee)
    with pytest.raises(ValidationFailed) as caught:
        create_committee(actor=SYSTEM, code="SAC/TC 99/SC 2", name_zh="无上级")
    assert caught.value.errors[0]["message"] == "请先创建 SAC/TC 99，再创建它的分技术委员会。"
    with pytest.raises(ValidationFailed) as caught:
        create_committee(actor=SYSTEM, code="TC 28", name_zh="格式错误")
    assert "SAC/TC 28/SC 1" in caught.value.errors[0]["message"]


def test_no_category_may_hold_more_than_half_the_voting_seats(tc28_committee):
    for stakeholder in ("producer", "producer", "user", "research"):
        seat(tc28_committee, stakeholder)
    with pytest.raises(ValidationFailed) as caught:
        seat(tc28_committee, "producer")  # 3 of 5
    assert caught.value.errors[0]["field"] == "stakeholder"
    assert Member.objects.filter(committee=tc28_committee).count() == 4
    seat(tc28_committee, "testing")
    seat(tc28_committee, "producer")  # 3 of 6 is half, allowed
    observer = add_member(actor=SYSTEM, committee=tc28_committee, name="观察员", organisation="某公司", stakeholder="producer",
                          voting=False, **TERM)  # seats without a vote do not count
    assert observer.pk


def test_only_the_secretariat_or_an_administrator_seats_members(tc28_committee, secretariat_user, registered_user):
    seat(tc28_committee, "producer", actor=secretariat_user)
    with pytest.raises(PermissionDeniedError):
        seat(tc28_committee, "user", actor=registered_user)
    kinds = list(tc28_committee.events.values_list("kind", flat=True))
    assert kinds == [CommitteeEvent.Kind.CREATED, CommitteeEvent.Kind.MEMBER_ADDED]


def test_ending_a_membership_keeps_the_history(tc28_committee):
    member = seat(tc28_committee, "producer")
    end_membership(actor=SYSTEM, member=member, on=date(2025, 6, 30), reason="工作调动")
    member.refresh_from_db()
    assert member.term_end == date(2025, 6, 30)
    assert tc28_committee.events.filter(kind=CommitteeEvent.Kind.MEMBER_ENDED).count() == 1


def test_public_pages_list_members_composition_and_standards(client, tc28_committee):
    seat(tc28_committee, "producer", name="王伟")
    make_standard("GB/T 5271.1-2000", tc_code="SAC/TC 28", title_zh="信息技术 词汇 第1部分：基本术语")
    page = client.get("/committees/").content.decode()
    assert "SAC/TC 28" in page
    page = client.get("/committees/SAC/TC 28/").content.decode()
    assert "王伟" in page and "GB/T 5271.1-2000" in page and "生产者" in page
    assert client.get("/committees/SAC/TC 999/").status_code == 404


def test_chair_listed_first_and_standards_in_force_first(client, tc28_committee):
    add_member(actor=SYSTEM, committee=tc28_committee, name="乙委员", organisation="某单位", stakeholder="user", **TERM)
    add_member(actor=SYSTEM, committee=tc28_committee, name="甲主任", organisation="某单位", stakeholder="research", role="chair", **TERM)
    make_standard("GB 1-2000", tc_code="SAC/TC 28", published_on="2000-01-01", implemented_on="2000-06-01",
                  abolished_on="2010-01-01")
    make_standard("GB 2-2020", tc_code="SAC/TC 28")
    page = client.get("/committees/SAC/TC 28/").content.decode()
    assert page.index("甲主任") < page.index("乙委员")
    assert page.index("GB 2-2020") < page.index("GB 1-2000")


def test_a_seat_is_linked_only_to_its_members_own_account(tc28_committee, secretariat_user):
    """Seen in use: the demo linked the member's account to another person's seat, so the ballot roll showed the
    member someone else's name as their own."""
    from biaozhun.committees.services import update_member
    from tests.factories.accounts import UserFactory

    zhang = UserFactory(real_name="张委员")
    with pytest.raises(ValidationFailed) as refused:
        add_member(actor=secretariat_user, committee=tc28_committee, name="王委员", organisation="某单位",
                   stakeholder="producer", user=zhang, **TERM)
    assert refused.value.errors[0]["field"] == "user" and "张委员" in refused.value.errors[0]["message"]
    seat = add_member(actor=secretariat_user, committee=tc28_committee, name="张 委员", organisation="某单位",
                      stakeholder="producer", user=zhang, **TERM)
    wang = add_member(actor=secretariat_user, committee=tc28_committee, name="王委员", organisation="某单位",
                      stakeholder="user", **TERM)
    with pytest.raises(ValidationFailed):
        update_member(actor=secretariat_user, member=wang, changes={"user": zhang})
    assert (seat.user, Member.objects.get(pk=wang.pk).user) == (zhang, None)
