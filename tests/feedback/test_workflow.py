"""What handlers do: every move is an event with its actor; a move the workflow does not allow names what is; a
person who may not act is refused; a refusal writes nothing; acting on an outdated view is refused."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.feedback.models import FeedbackEvent, FeedbackState
from biaozhun.feedback.services import (
    acknowledge_feedback,
    answer_feedback,
    close_feedback,
    merge_feedback,
    reassign_feedback,
    reject_feedback,
    route_feedback,
)
from tests.fixtures.feedback import VISITOR, submit

pytestmark = pytest.mark.django_db
ANSWER = "经核实，7.1.5 条将在下次修订时与 JJF 1069 协调一致。"


def kinds(item):
    return list(item.events.order_by("at", "pk").values_list("kind", "actor"))


def test_the_whole_path_from_received_to_closed_is_recorded_with_its_actors(feedback_item, secretariat_user):
    item = acknowledge_feedback(actor=secretariat_user, item=feedback_item)
    item = answer_feedback(actor=secretariat_user, item=item, answer=ANSWER)
    item = close_feedback(actor=secretariat_user, item=item)
    assert item.state == FeedbackState.CLOSED
    assert kinds(item) == [("received", None), ("routed", None), ("acknowledged", secretariat_user.pk),
                           ("answered", secretariat_user.pk), ("closed", secretariat_user.pk)]
    assert [(e.from_state, e.to_state) for e in item.events.order_by("at", "pk")][2:] == [
        ("routed", "acknowledged"), ("acknowledged", "answered"), ("answered", "closed")]


def test_answering_sends_the_answer_to_the_person_who_wrote_and_counts_working_days(
        tc28_standard, tc28_committee, tc_secretariat, secretariat_user, national_administration,
        django_capture_on_commit_callbacks):
    with time_machine.travel(date(2026, 9, 30), tick=False):
        item = submit(tc28_standard)
    mail.outbox.clear()
    with time_machine.travel(date(2026, 10, 13), tick=False), django_capture_on_commit_callbacks(execute=True):
        item = answer_feedback(actor=secretariat_user, item=item, answer=ANSWER)
    assert (item.answer_working_days, item.answered_late, item.answered_by) == (5, False, tc_secretariat)
    assert item.acknowledged_at is not None  # answering acknowledges
    [email] = mail.outbox
    assert email.to == [VISITOR.email] and ANSWER in email.body and item.tracking_number in email.subject


def test_an_answer_after_its_deadline_is_marked_late(tc28_standard, tc28_committee, tc_secretariat, secretariat_user,
                                                    national_administration):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        item = submit(tc28_standard)
    with time_machine.travel(item.answer_due + timedelta(days=1), tick=False):
        item = answer_feedback(actor=secretariat_user, item=item, answer=ANSWER)
    assert item.answered_late is True
    assert item.events.get(kind="answered").data["late"] is True


def test_a_move_the_workflow_does_not_allow_names_the_allowed_ones_and_writes_nothing(answered_item,
                                                                                     secretariat_user):
    before = FeedbackEvent.objects.count()
    with pytest.raises(InvalidTransition) as refused:
        acknowledge_feedback(actor=secretariat_user, item=answered_item)
    assert "已答复" in refused.value.message and "办结" in refused.value.message
    assert refused.value.data["allowed"] == ["closed"]
    assert FeedbackEvent.objects.count() == before


def test_only_the_handler_answers(feedback_item, ministry_user, reviewer_user):
    for person in (ministry_user, reviewer_user):
        with pytest.raises(PermissionDeniedError) as refused:
            answer_feedback(actor=person, item=feedback_item, answer=ANSWER)
        assert "承办单位" in refused.value.message
    feedback_item.refresh_from_db()
    assert feedback_item.state == FeedbackState.ROUTED and feedback_item.answer == ""
    assert kinds(feedback_item)[-1][0] == "routed"


def test_a_plain_member_of_the_secretariat_reads_but_does_not_act(feedback_item, tc_secretariat):
    from biaozhun.accounts import policy
    from tests.factories.accounts import UserFactory

    staff = UserFactory(member_of=tc_secretariat, member_of__role="member")
    assert not policy.can(staff, "feedback.handle", feedback_item)


def test_a_short_answer_is_refused_on_its_field(feedback_item, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        answer_feedback(actor=secretariat_user, item=feedback_item, answer="好")
    assert refused.value.errors[0]["field"] == "answer"
    assert kinds(feedback_item)[-1][0] == "routed"


def test_an_act_on_an_outdated_view_is_refused(feedback_item, secretariat_user):
    seen = feedback_item.version
    acknowledge_feedback(actor=secretariat_user, item=feedback_item, expected_version=seen)
    with pytest.raises(ValidationFailed) as refused:
        answer_feedback(actor=secretariat_user, item=feedback_item, answer=ANSWER, expected_version=seen)
    assert refused.value.errors[0]["field"] == "version"


def test_reassignment_needs_a_reason_goes_back_to_routed_and_keeps_the_deadlines(feedback_item, secretariat_user,
                                                                                  ministry):
    acknowledge_feedback(actor=secretariat_user, item=feedback_item)
    with pytest.raises(ValidationFailed) as refused:
        reassign_feedback(actor=secretariat_user, item=feedback_item, organisation=ministry, reason="  ")
    assert refused.value.errors[0]["field"] == "reason"
    item = reassign_feedback(actor=secretariat_user, item=feedback_item, organisation=ministry,
                             reason="属于行业标准主管部门的职责")
    assert (item.state, item.assigned_to, item.acknowledged_at) == (FeedbackState.ROUTED, ministry, None)
    assert item.answer_due == feedback_item.answer_due
    event = item.events.get(kind="reassigned")
    assert (event.actor, event.organisation, event.reason) == (secretariat_user, ministry, "属于行业标准主管部门的职责")


def test_the_old_handler_no_longer_acts_after_reassignment(feedback_item, secretariat_user, ministry, ministry_user):
    reassign_feedback(actor=secretariat_user, item=feedback_item, organisation=ministry, reason="不属本委员会")
    with pytest.raises(PermissionDeniedError):
        acknowledge_feedback(actor=secretariat_user, item=feedback_item)
    assert acknowledge_feedback(actor=ministry_user, item=feedback_item).state == FeedbackState.ACKNOWLEDGED


def test_reassigning_to_the_same_handler_or_an_enterprise_is_refused(feedback_item, secretariat_user,
                                                                    tc_secretariat, enterprise):
    for organisation in (tc_secretariat, enterprise, None):
        with pytest.raises(ValidationFailed) as refused:
            reassign_feedback(actor=secretariat_user, item=feedback_item, organisation=organisation, reason="理由")
        assert refused.value.errors[0]["field"] == "organisation"


def test_the_national_administration_reassigns_and_routes_by_hand(feedback_item, reviewer_user, ministry,
                                                                 tc28_standard):
    assert reassign_feedback(actor=reviewer_user, item=feedback_item, organisation=ministry,
                             reason="改由主管部门办理").assigned_to == ministry
    waiting = submit(tc28_standard)
    waiting.state, waiting.assigned_to = FeedbackState.RECEIVED, None  # as if the table had found nobody
    waiting.save(update_fields=["state", "assigned_to"])
    routed = route_feedback(actor=reviewer_user, item=waiting, organisation=ministry)
    assert (routed.state, routed.assigned_to) == (FeedbackState.ROUTED, ministry)
    assert routed.events.filter(kind="routed", actor=reviewer_user).exists()


def test_a_duplicate_merges_into_an_item_on_the_same_standard_only(feedback_item, secretariat_user, tc28_standard,
                                                                  tc151_standard, tc28_committee):
    first = submit(tc28_standard)
    with pytest.raises(ValidationFailed):
        merge_feedback(actor=secretariat_user, item=feedback_item, into=feedback_item)
    elsewhere = submit(tc151_standard)
    with pytest.raises(ValidationFailed) as refused:
        merge_feedback(actor=secretariat_user, item=feedback_item, into=elsewhere)
    assert "GB/T 19000-2016" in refused.value.errors[0]["message"]
    item = merge_feedback(actor=secretariat_user, item=feedback_item, into=first, reason="同一问题")
    assert (item.state, item.duplicate_of) == (FeedbackState.MERGED, first)
    assert item.events.get(kind="merged").data == {"into": first.tracking_number}


def test_rejection_needs_a_reason_the_person_who_wrote_receives(feedback_item, secretariat_user,
                                                                django_capture_on_commit_callbacks):
    with pytest.raises(ValidationFailed):
        reject_feedback(actor=secretariat_user, item=feedback_item, reason="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = reject_feedback(actor=secretariat_user, item=feedback_item, reason="反馈的是产品质量投诉，请向市场监管部门投诉")
    assert item.state == FeedbackState.REJECTED
    [email] = mail.outbox
    assert email.to == [VISITOR.email] and "市场监管部门投诉" in email.body


def test_the_person_who_wrote_closes_their_answered_item_and_nobody_else_but_the_handler(
        own_item, registered_user, secretariat_user, reviewer_user):
    answer_feedback(actor=secretariat_user, item=own_item, answer=ANSWER)
    with pytest.raises(PermissionDeniedError):
        close_feedback(actor=reviewer_user, item=own_item)
    item = close_feedback(actor=registered_user, item=own_item, reason="答复已解决我的问题")
    assert item.state == FeedbackState.CLOSED
    assert item.events.get(kind="closed").actor == registered_user
