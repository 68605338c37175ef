"""The daily sweep of ISO/IEC ballots: the mirror committee's secretariat is emailed 7 days and 1 day before a
deadline without China's vote (once each), nobody once the vote is recorded, and a ballot whose deadline passed
without a vote is marked missed; the scheduler's task runs the sweep."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.core.actors import SYSTEM
from biaozhun.international.models import ParticipationEventKind
from biaozhun.international.services.participation import open_ballot, record_vote, sweep_ballots
from biaozhun.international.tasks.participation import sweep_ballots_daily

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DEADLINE = date(2026, 6, 20)


def _on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 1, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def ballot(jtc1, tc28_committee):
    return open_ballot(actor=SYSTEM, international=jtc1, committee=tc28_committee, reference="ISO/IEC DIS 5259-9",
                       kind="dis", opens_on=date(2026, 3, 28), closes_on=DEADLINE, title="Data quality for AI")


def test_the_secretariat_is_emailed_seven_days_and_one_day_before_the_deadline(
        ballot, secretariat_user, mailoutbox, django_capture_on_commit_callbacks):
    with _on(date(2026, 6, 12)):
        assert sweep_ballots(actor=SYSTEM).reminded == 0  # 8 days left
    with _on(date(2026, 6, 13)):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_ballots(actor=SYSTEM).reminded == 1
        assert sweep_ballots(actor=SYSTEM).reminded == 0  # once per reminder
    assert [m.to for m in mailoutbox] == [[secretariat_user.email]]
    email = mailoutbox[0]
    assert "ISO/IEC DIS 5259-9" in email.subject and "2026-06-20" in email.subject
    assert "SAC/TC 28" in email.body and "不到 7 天" in email.body and ballot.get_absolute_url() in email.body
    with _on(date(2026, 6, 19)), django_capture_on_commit_callbacks(execute=True):
        assert sweep_ballots(actor=SYSTEM).reminded == 1
    assert len(mailoutbox) == 2 and "不到 1 天" in mailoutbox[1].body
    reminders = ballot.events.filter(kind=ParticipationEventKind.BALLOT_REMINDED).order_by("id")
    assert [e.data["days_before"] for e in reminders] == [7, 1]


def test_no_reminder_once_china_has_voted(ballot, secretariat_user, mailoutbox, django_capture_on_commit_callbacks):
    with _on(date(2026, 6, 10)):
        record_vote(actor=secretariat_user, ballot=ballot, vote="approve")
    with _on(date(2026, 6, 19)), django_capture_on_commit_callbacks(execute=True):
        assert sweep_ballots(actor=SYSTEM).reminded == 0
    with _on(date(2026, 6, 21)):
        assert sweep_ballots(actor=SYSTEM).missed == 0
    assert mailoutbox == []


def test_a_deadline_passed_without_a_vote_is_marked_once(ballot):
    with _on(date(2026, 6, 20)):
        assert sweep_ballots(actor=SYSTEM).missed == 0  # the deadline's day is still in time
    with _on(date(2026, 6, 21)):
        assert sweep_ballots(actor=SYSTEM).missed == 1
        assert sweep_ballots(actor=SYSTEM).missed == 0
    ballot.refresh_from_db()
    assert ballot.missed_on == date(2026, 6, 21)
    assert ballot.events.filter(kind=ParticipationEventKind.BALLOT_MISSED).count() == 1


def test_the_daily_task_runs_the_sweep(ballot, mailoutbox, secretariat_user, django_capture_on_commit_callbacks):
    with _on(date(2026, 6, 19)), django_capture_on_commit_callbacks(execute=True):
        result = sweep_ballots_daily.call()
    assert result == {"reminded": 1, "missed": 0}
    assert len(mailoutbox) == 1
