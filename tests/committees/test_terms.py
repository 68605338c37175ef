"""Terms (届次): recording a term, 换届 carrying seats forward or ending them with the balance rule judged on the new
roll, and the daily reminders to the secretariat before a term ends."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.committees.models import CommitteeEvent, Member, Term
from biaozhun.committees.services import Seat, add_member, update_contacts
from biaozhun.committees.terms import record_term, remind_term_ends, renew_term
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST = {"term_start": date(2022, 1, 1), "term_end": date(2026, 12, 31)}


@pytest.fixture
def seated(tc28_committee):
    """SAC/TC 28 in its first term (2022–2026) with six voting seats, two of them producers."""
    record_term(actor=SYSTEM, committee=tc28_committee, start=date(2022, 1, 1), end=date(2026, 12, 31))
    return [add_member(actor=SYSTEM, committee=tc28_committee, name=name, organisation="某单位", stakeholder=category,
                       title="研究员", **FIRST)
            for name, category in (("甲", "producer"), ("乙", "producer"), ("丙", "user"), ("丁", "research"),
                                   ("戊", "testing"), ("己", "consumer"))]


def test_a_new_term_carries_chosen_seats_forward_and_ends_the_others(tc28_committee, seated, admin_user):
    carried = seated[:4]
    newcomer = Seat(name="庚", organisation="新单位", stakeholder="government", term_start=date(2027, 1, 1),
                    term_end=date(2031, 12, 31), title="教授")
    term = renew_term(actor=admin_user, committee=tc28_committee, start=date(2027, 1, 1), carry=carried,
                      new_seats=[newcomer])
    assert (term.number, term.start, term.end) == (2, date(2027, 1, 1), date(2031, 12, 31))
    new_roll = Member.objects.filter(committee=tc28_committee, term_start=date(2027, 1, 1))
    assert sorted(new_roll.values_list("name", "title")) == [("丁", "研究员"), ("丙", "研究员"), ("乙", "研究员"),
                                                             ("庚", "教授"), ("甲", "研究员")]
    assert set(Member.objects.filter(pk__in=[m.pk for m in seated]).values_list("term_end", flat=True)) == {
        date(2026, 12, 31)}
    event = tc28_committee.events.get(kind=CommitteeEvent.Kind.TERM_STARTED, data__number=2)
    assert event.data["ended"] == [seated[4].pk, seated[5].pk]
    assert len(event.data["carried"]) == 4 and len(event.data["added"]) == 1
    assert tc28_committee.events.filter(kind="member_ended").count() == 6


def test_a_new_term_whose_roll_breaks_the_balance_is_refused_and_writes_nothing(tc28_committee, seated, admin_user):
    before = (Member.objects.count(), CommitteeEvent.objects.count(), Term.objects.count())
    producers = [Seat(name=f"新{n}", organisation="某公司", stakeholder="producer", term_start=date(2027, 1, 1),
                      term_end=date(2031, 12, 31)) for n in range(3)]
    with pytest.raises(ValidationFailed) as refused:
        renew_term(actor=admin_user, committee=tc28_committee, start=date(2027, 1, 1), carry=seated[:3],
                   new_seats=producers)  # 甲 乙 + 3 new producers: 5 of 6
    assert refused.value.errors[0]["code"] == "unbalanced"
    assert (Member.objects.count(), CommitteeEvent.objects.count(), Term.objects.count()) == before
    assert Term.objects.get(committee=tc28_committee).end == date(2026, 12, 31)


def test_an_early_new_term_ends_the_current_one_the_day_before(tc28_committee, seated, admin_user):
    renew_term(actor=admin_user, committee=tc28_committee, start=date(2026, 7, 1), carry=seated)
    assert list(tc28_committee.terms.values_list("number", "end")) == [(1, date(2026, 6, 30)),
                                                                      (2, date(2031, 6, 30))]


def test_only_the_administration_renews_terms(tc28_committee, seated, secretariat_user):
    with pytest.raises(PermissionDeniedError):
        renew_term(actor=secretariat_user, committee=tc28_committee, start=date(2027, 1, 1), carry=seated)
    assert tc28_committee.terms.count() == 1


def test_terms_do_not_overlap(tc28_committee, seated):
    with pytest.raises(ValidationFailed) as refused:
        record_term(actor=SYSTEM, committee=tc28_committee, start=date(2026, 1, 1), end=date(2030, 12, 31))
    assert refused.value.errors[0]["code"] == "term_overlap"


def test_the_secretariat_is_reminded_180_and_30_days_before_the_term_ends(
        tc28_committee, seated, secretariat_user, mailoutbox, django_capture_on_commit_callbacks):
    update_contacts(actor=SYSTEM, committee=tc28_committee, contact_name="联络人", contact_phone="010-1234567",
                    contact_email="tc28@example.org")
    with time_machine.travel(datetime(2026, 7, 3, 1, tzinfo=SHANGHAI), tick=False):
        assert remind_term_ends(actor=SYSTEM) == 0  # 181 days left
    with time_machine.travel(datetime(2026, 7, 4, 1, tzinfo=SHANGHAI), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert remind_term_ends(actor=SYSTEM) == 1
        assert remind_term_ends(actor=SYSTEM) == 0  # once per reminder
    assert sorted(m.to[0] for m in mailoutbox) == sorted([secretariat_user.email, "tc28@example.org"])
    assert "SAC/TC 28" in mailoutbox[0].subject and "2026-12-31" in mailoutbox[0].body
    with time_machine.travel(datetime(2026, 12, 1, 1, tzinfo=SHANGHAI), tick=False):
        assert remind_term_ends(actor=SYSTEM) == 1
    reminders = tc28_committee.events.filter(kind=CommitteeEvent.Kind.TERM_REMINDED).order_by("id")
    assert [e.data["days_before"] for e in reminders] == [180, 30]


def test_no_reminder_once_the_next_term_is_recorded_or_the_committee_is_gone(tc28_committee, seated, admin_user):
    renew_term(actor=admin_user, committee=tc28_committee, start=date(2027, 1, 1), carry=seated)
    with time_machine.travel(datetime(2026, 12, 1, 1, tzinfo=SHANGHAI), tick=False):
        assert remind_term_ends(actor=SYSTEM) == 0
    assert not tc28_committee.events.filter(kind=CommitteeEvent.Kind.TERM_REMINDED).exists()
