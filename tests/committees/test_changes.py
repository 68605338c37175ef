"""Changing a committee and its seats through the services: one event each, the balance rule kept, refusals in
the reader's language that write nothing."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from biaozhun.committees.models import Committee, CommitteeEvent, Member
from biaozhun.committees.services import add_member, update_committee, update_member
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed

pytestmark = pytest.mark.django_db
TERM = {"term_start": date(2024, 1, 1), "term_end": date(2028, 12, 31)}


def seat(committee, stakeholder, **fields):
    return add_member(actor=SYSTEM, committee=committee, name=fields.pop("name", "委员"), organisation="某单位",
                      stakeholder=stakeholder, **{**TERM, **fields})


@pytest.fixture
def balanced(tc28_committee):
    """Six voting seats: producer ×3 (half), user, research, testing."""
    seats = [seat(tc28_committee, s) for s in ("producer", "producer", "producer", "user", "research", "testing")]
    return tc28_committee, seats


def test_updating_a_committee_records_what_changed(tc28_committee, admin_user):
    update_committee(actor=admin_user, committee=tc28_committee,
                     changes={"name_en": "Information technology", "established_on": date(1983, 1, 1)})
    tc28_committee.refresh_from_db()
    assert tc28_committee.name_en == "Information technology"
    event = tc28_committee.events.latest("id")
    assert (event.kind, event.actor, event.data) == (CommitteeEvent.Kind.UPDATED, admin_user, {
        "before": {"name_en": "", "established_on": None},
        "after": {"name_en": "Information technology", "established_on": "1983-01-01"},
    })


def test_an_update_that_changes_nothing_records_nothing(tc28_committee, admin_user):
    update_committee(actor=admin_user, committee=tc28_committee, changes={"name_zh": tc28_committee.name_zh})
    assert list(tc28_committee.events.values_list("kind", flat=True)) == [CommitteeEvent.Kind.CREATED]


def test_only_administrators_change_a_committee(tc28_committee, secretariat_user):
    with pytest.raises(PermissionDeniedError):
        update_committee(actor=secretariat_user, committee=tc28_committee, changes={"scope": "另一个领域"})
    assert Committee.objects.get(pk=tc28_committee.pk).scope == tc28_committee.scope
    assert tc28_committee.events.count() == 1


def test_a_committee_keeps_its_code(tc28_committee):
    with pytest.raises(ValueError, match="code"):
        update_committee(actor=SYSTEM, committee=tc28_committee, changes={"code": "SAC/TC 29"})


def test_updating_a_seat_records_before_and_after(balanced, secretariat_user):
    committee, seats = balanced
    update_member(actor=secretariat_user, member=seats[3], changes={"role": "vice_chair", "organisation": "某集团"})
    event = committee.events.latest("id")
    assert event.kind == CommitteeEvent.Kind.MEMBER_CHANGED
    assert event.actor == secretariat_user
    assert event.data == {"member_id": seats[3].pk, "name": "委员", "before": {"role": "member", "organisation": "某单位"},
                          "after": {"role": "vice_chair", "organisation": "某集团"}}


@time_machine.travel("2026-06-01 10:00 +08:00", tick=False)
def test_changing_a_seats_category_rechecks_the_balance(balanced):
    committee, seats = balanced
    events_before = committee.events.count()
    with pytest.raises(ValidationFailed) as caught:
        update_member(actor=SYSTEM, member=seats[3], changes={"stakeholder": "producer"})  # 4 of 6
    assert caught.value.errors[0]["field"] == "stakeholder"
    assert "不得超过半数" in caught.value.errors[0]["message"]
    assert Member.objects.get(pk=seats[3].pk).stakeholder == "user"
    assert committee.events.count() == events_before


def test_giving_a_vote_back_rechecks_the_balance(balanced):
    committee, seats = balanced
    observer = seat(committee, "producer", voting=False)
    with pytest.raises(ValidationFailed):
        update_member(actor=SYSTEM, member=observer, changes={"voting": True})
    update_member(actor=SYSTEM, member=seats[0], changes={"stakeholder": "consumer"})  # producers now 2 of 6
    update_member(actor=SYSTEM, member=observer, changes={"voting": True})  # 3 of 7
    assert Member.objects.get(pk=observer.pk).voting


def test_a_category_already_over_half_may_still_be_reduced(tc28_committee):
    # Seated before the rule applied (fewer than 4 seats), then the committee grew unevenly.
    seats = [seat(tc28_committee, "producer") for _ in range(3)]
    Member.objects.create(committee=tc28_committee, name="历史委员", organisation="某单位", stakeholder="producer",
                          **TERM)  # data from before the rule
    update_member(actor=SYSTEM, member=seats[0], changes={"stakeholder": "user"})
    assert Member.objects.get(pk=seats[0].pk).stakeholder == "user"


def test_a_term_that_ends_before_it_starts_is_refused(balanced):
    _committee, seats = balanced
    with pytest.raises(ValidationFailed) as caught:
        update_member(actor=SYSTEM, member=seats[0], changes={"term_end": date(2023, 12, 31)})
    assert [p["field"] for p in caught.value.errors] == ["term_end"]


def test_refusals_are_in_the_readers_language(balanced):
    committee, seats = balanced
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        seat(committee, "producer")
    assert caught.value.message.startswith("The member was not added")
    assert "more than half" in caught.value.errors[0]["message"]
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        seat(committee, "nobody")
    assert "Producer" in caught.value.errors[0]["message"]
