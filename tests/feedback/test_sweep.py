"""The daily sweep with time travel: reminders before each deadline (once), escalation of what is overdue to the
body above the handler and then to the national administration (once per missed deadline), closing answered items
after their time limit, routing what waited; idempotent; emailed as one digest per person."""

from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.feedback.models import FeedbackState
from biaozhun.feedback.services import acknowledge_feedback, answer_feedback, sweep_feedback
from biaozhun.feedback.tasks import sweep_feedback_daily
from tests.factories.accounts import OrganisationFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import submit

pytestmark = pytest.mark.django_db
RECEIVED = date(2026, 3, 2)  # a Monday far from holidays: 5 working days → 9 March, 20 → 30 March


@pytest.fixture
def item(tc28_committee, tc_secretariat, secretariat_user, ministry, ministry_user, national_administration):
    standard = make_standard("GB/T 5271.2-2020", tc_code="SAC/TC 28", competent_department="工业和信息化部")
    with time_machine.travel(RECEIVED, tick=False):
        return submit(standard)


def sweep_on(day, **kwargs):
    with time_machine.travel(day, tick=False):
        return sweep_feedback(actor=SYSTEM, **kwargs)


def test_the_deadlines_of_the_scene(item):
    assert (item.acknowledge_due, item.answer_due) == (date(2026, 3, 9), date(2026, 3, 30))


def test_a_reminder_goes_out_three_working_days_before_the_acknowledgement_is_due_and_only_once(
        item, secretariat_user, django_capture_on_commit_callbacks):
    assert sweep_on(date(2026, 3, 3))["reminded"] == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_on(date(2026, 3, 4))["reminded"] == 1  # Wed: Thu, Fri, Mon 9 March
    [email] = mail.outbox
    assert email.to == [secretariat_user.email] and item.tracking_number in email.body
    assert sweep_on(date(2026, 3, 4))["reminded"] == 0
    assert sweep_on(date(2026, 3, 5))["reminded"] == 0
    event = item.events.get(kind="reminded")
    assert (event.actor, event.data) == (None, {"deadline": "acknowledge", "due": "2026-03-09"})


def test_the_answer_deadline_is_reminded_once_it_is_acknowledged(item, secretariat_user):
    sweep_on(date(2026, 3, 4))
    with time_machine.travel(date(2026, 3, 5), tick=False):
        acknowledge_feedback(actor=secretariat_user, item=item)
    assert sweep_on(date(2026, 3, 25))["reminded"] == 1  # Wed 25: Thu, Fri, Mon 30 March
    assert list(item.events.filter(kind="reminded").values_list("data__deadline", flat=True)) == [
        "acknowledge", "answer"]


def test_an_unacknowledged_item_escalates_to_the_competent_department_then_the_national_administration(
        item, ministry, ministry_user, secretariat_user, national_administration, django_capture_on_commit_callbacks):
    assert sweep_on(date(2026, 3, 9))["escalated"] == 0  # due today is not late
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_on(date(2026, 3, 10))["escalated"] == 1
    item.refresh_from_db()
    assert (item.escalation_level, item.escalated_to, item.assigned_to.kind) == (1, ministry, "tc_secretariat")
    assert {tuple(m.to) for m in mail.outbox} == {(ministry_user.email,), (secretariat_user.email,)}
    assert "督办" in mail.outbox[0].subject
    assert sweep_on(date(2026, 3, 11))["escalated"] == 0
    assert sweep_on(date(2026, 3, 31))["escalated"] == 1  # the answer is late too: one level further
    item.refresh_from_db()
    assert (item.escalation_level, item.escalated_to) == (2, national_administration)
    assert list(item.events.filter(kind="escalated").values_list("organisation", "data__level")) == [
        (ministry.pk, 1), (national_administration.pk, 2)]
    assert sweep_on(date(2026, 4, 20))["escalated"] == 0  # the top: nothing further


def test_the_body_above_sees_the_escalated_item_and_may_reassign_it(item, ministry_user, bureau):
    from biaozhun.feedback.services import reassign_feedback

    sweep_on(date(2026, 3, 10))
    item.refresh_from_db()
    moved = reassign_feedback(actor=ministry_user, item=item, organisation=bureau, reason="改由地方市场监管部门办理")
    assert moved.assigned_to == bureau


def test_a_subcommittees_overdue_item_escalates_to_its_parent_committee(tc_secretariat, national_administration):
    OrganisationFactory(kind="tc_secretariat", uscc="", tc_code="SAC/TC 28/SC 7", name="软件与系统工程分委会秘书处")
    with time_machine.travel(RECEIVED, tick=False):
        item = submit(make_standard("GB/T 8566-2022", tc_code="SAC/TC 28/SC 7"))
    sweep_on(date(2026, 3, 10))
    item.refresh_from_db()
    assert item.escalated_to == tc_secretariat


def test_a_sweep_after_missed_days_escalates_without_reminding_of_what_is_past(item):
    counts = sweep_on(date(2026, 3, 16))
    assert (counts["reminded"], counts["escalated"]) == (0, 1)


def test_an_answered_item_is_neither_reminded_nor_escalated_and_closes_after_its_time_limit(item, secretariat_user):
    with time_machine.travel(date(2026, 3, 5), tick=False):
        answer_feedback(actor=secretariat_user, item=item, answer="经核实，该条款将在修订时调整。")
    assert sweep_on(date(2026, 3, 18)) == {"routed": 0, "reminded": 0, "escalated": 0, "closed": 0}
    assert sweep_on(date(2026, 3, 19))["closed"] == 1  # ten working days after Thursday 5 March
    item.refresh_from_db()
    assert item.state == FeedbackState.CLOSED
    event = item.events.get(kind="closed")
    assert (event.actor, event.data) == (None, {"automatic": True})


def test_an_item_that_waited_for_a_handler_is_routed_once_there_is_one(tc28_standard):
    with time_machine.travel(RECEIVED, tick=False):
        item = submit(tc28_standard)
    assert item.state == FeedbackState.RECEIVED
    assert sweep_on(date(2026, 3, 3))["routed"] == 0
    office = OrganisationFactory(kind="tc_secretariat", uscc="", tc_code="SAC/TC 28", name="秘书处")
    assert sweep_on(date(2026, 3, 4))["routed"] == 1
    item.refresh_from_db()
    assert (item.state, item.assigned_to) == (FeedbackState.ROUTED, office)


def test_a_waiting_item_goes_to_the_national_administration_once_it_is_on_the_platform(tc28_standard):
    with time_machine.travel(RECEIVED, tick=False):
        item = submit(tc28_standard)
    top = OrganisationFactory(kind="national_administration", uscc="", name="国家标准化管理委员会")
    counts = sweep_on(date(2026, 3, 10))
    item.refresh_from_db()
    assert (counts["routed"], item.assigned_to, item.escalated_to) == (1, top, None)  # routed, not escalated to itself


def test_only_the_platform_and_administrators_run_the_sweep(item, secretariat_user):
    with pytest.raises(PermissionDeniedError):
        sweep_feedback(actor=secretariat_user)


def test_the_scheduler_runs_the_sweep_daily(item):
    assert ("biaozhun.feedback.tasks.sweep_feedback_daily", "00:55") in settings.BIAOZHUN_DAILY_TASKS
    with time_machine.travel(date(2026, 3, 10), tick=False):
        result = sweep_feedback_daily.call()
    assert result["escalated"] == 1 and result["exports"] == 0


def test_the_digest_lists_each_persons_items_once(item, tc28_standard, secretariat_user,
                                                   django_capture_on_commit_callbacks):
    with time_machine.travel(RECEIVED, tick=False):
        other = submit(tc28_standard)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sweep_on(date(2026, 3, 4))
    [email] = [m for m in mail.outbox if m.to == [secretariat_user.email]]
    assert item.tracking_number in email.body and other.tracking_number in email.body
    assert "2 " in email.subject


def test_the_digest_is_in_each_readers_language(item, secretariat_user, django_capture_on_commit_callbacks):
    secretariat_user.language = "en"
    secretariat_user.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sweep_on(date(2026, 3, 10))
    email = next(m for m in mail.outbox if m.to == [secretariat_user.email])
    assert "Public standards information service" in email.body  # the English catalogue's signature
