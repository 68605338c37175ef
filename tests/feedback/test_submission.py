"""Receiving feedback: a visitor or a registered person writes; the item gets a tracking number, working-day
deadlines from its type's time limits, a pseudonym, and is routed at once; the person who wrote and the handler
are emailed; a refusal says which field and writes nothing."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import translation

from biaozhun.core.errors import ValidationFailed
from biaozhun.feedback.models import Feedback, FeedbackEvent, FeedbackState
from biaozhun.feedback.pseudonyms import shown
from biaozhun.feedback.services import Contact, submit_feedback
from biaozhun.rules.feedback import normalise_tracking_number
from tests.factories.accounts import UserFactory
from tests.fixtures.feedback import TEXT, VISITOR, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(tc28_standard, tc28_committee, tc_secretariat, secretariat_user, national_administration):
    return tc28_standard


def test_a_visitors_feedback_is_numbered_routed_and_acknowledged_by_email(scene, tc_secretariat, secretariat_user,
                                                                         django_capture_on_commit_callbacks):
    with time_machine.travel(date(2026, 9, 30), tick=False), django_capture_on_commit_callbacks(execute=True):
        item = submit(scene)
    assert normalise_tracking_number(item.tracking_number) == item.tracking_number
    assert (item.state, item.assigned_to, item.author) == (FeedbackState.ROUTED, tc_secretariat, None)
    # 5 and 30 working days after 30 September 2026, over the National Day holiday (1–7 October)
    # 5 and 20 working days after 30 September 2026, over the National Day holiday (1–8 October; 10 October worked)
    assert (item.acknowledge_due, item.answer_due) == (date(2026, 10, 13), date(2026, 11, 3))
    assert list(item.events.values_list("kind", "actor", "organisation")) == [
        ("received", None, None), ("routed", None, tc_secretariat.pk)]
    to_visitor = next(m for m in mail.outbox if m.to == [VISITOR.email])
    assert item.tracking_number in to_visitor.subject and item.tracking_number in to_visitor.body
    to_handler = next(m for m in mail.outbox if m.to == [secretariat_user.email])
    assert shown(item.pseudonym) in to_handler.body
    assert VISITOR.name not in to_handler.body and VISITOR.email not in to_handler.body


def test_a_registered_person_writes_as_their_account_without_contact_details(scene, registered_user):
    item = submit(scene, actor=registered_user)
    assert item.author == registered_user
    assert (item.contact_name, item.contact_email) == ("", "")
    assert item.events.first().actor == registered_user


def test_one_person_keeps_one_pseudonym_and_two_people_get_two(scene, registered_user):
    first, second = submit(scene, actor=registered_user), submit(scene, actor=registered_user)
    other = submit(scene, actor=UserFactory())
    visitor_a, visitor_b = submit(scene), submit(scene, contact=Contact("钱多多", "QIAN.duoduo@example.com "))
    assert first.pseudonym == second.pseudonym != other.pseudonym
    assert visitor_a.pseudonym == visitor_b.pseudonym != first.pseudonym
    assert len(first.pseudonym) == 8


def test_the_deadlines_follow_the_feedback_types_time_limits(scene, admin_user):
    from biaozhun.feedback.models import FeedbackTimeLimit
    from biaozhun.feedback.services.tables import set_time_limit

    limit = FeedbackTimeLimit.objects.get(category="other")
    set_time_limit(actor=admin_user, limit=limit, acknowledge_days=1, answer_days=2, reminder_days=1, close_days=5)
    with time_machine.travel(date(2026, 10, 9), tick=False):  # Friday; Saturday 10 October is a working day
        item = submit(scene, category="other")
    assert (item.acknowledge_due, item.answer_due) == (date(2026, 10, 10), date(2026, 10, 12))


def test_a_visitor_must_leave_a_name_and_an_address_for_the_answer(scene):
    with pytest.raises(ValidationFailed) as refused:
        submit(scene, contact=Contact(name=" ", email="not-an-address", phone="call me"))
    assert [p["field"] for p in refused.value.errors] == ["name", "email", "phone"]
    assert "name@example.com" in refused.value.errors[1]["message"]
    with pytest.raises(ValidationFailed):
        submit_feedback(actor=AnonymousUser(), standard=scene, category="content", text=TEXT)
    assert not Feedback.objects.exists() and not FeedbackEvent.objects.exists()


def test_refused_feedback_says_what_to_do_in_the_readers_language(scene, registered_user):
    with pytest.raises(ValidationFailed) as caught:
        submit_feedback(actor=registered_user, standard=scene, category="praise", text="短")
    assert caught.value.message == "反馈未能提交，请按提示修改。"
    assert [p["field"] for p in caught.value.errors] == ["category", "text"]
    assert "技术内容问题" in caught.value.errors[0]["message"]
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        submit_feedback(actor=registered_user, standard=scene, category="content", text="短")
    assert caught.value.message == "The feedback was not sent; please correct what is shown."
    assert caught.value.errors[0]["message"] == "Write at least 10 characters: say what is wrong and in which clause."
    assert not Feedback.objects.exists()


def test_an_actor_is_always_named(scene):
    from biaozhun.core.actors import MissingActor

    with pytest.raises(MissingActor):
        submit_feedback(actor=None, standard=scene, category="content", text=TEXT)


def test_an_item_nobody_can_take_waits_as_received(tc28_standard):
    """No committee secretariat and no national administration in the platform yet: nothing is lost."""
    item = submit(tc28_standard)
    assert (item.state, item.assigned_to) == (FeedbackState.RECEIVED, None)
    assert list(item.events.values_list("kind", flat=True)) == ["received"]


def test_the_contact_details_are_encrypted_at_rest(scene):
    from django.db import connection

    item = submit(scene)
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_email, contact_phone FROM feedback_feedback WHERE id = %s",
                       [item.pk])
        row = cursor.fetchone()
    assert all(value.startswith("sm4$") for value in row)
    assert VISITOR.email not in "".join(row) and VISITOR.name not in "".join(row)
    item.refresh_from_db()
    assert item.contact_email == VISITOR.email
