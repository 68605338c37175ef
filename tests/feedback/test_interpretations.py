"""An answer published as an interpretation (解读) or FAQ on the standard's public page, withdrawn with a reason;
the periodic review (复审) of a standard shows its feedback and interpretations."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.feedback.models import Interpretation
from biaozhun.feedback.selectors.items import counts_for_standards, feedback_on_standard
from biaozhun.feedback.services import publish_interpretation, withdraw_interpretation
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import VISITOR, submit

pytestmark = pytest.mark.django_db
QUESTION = "7.1.5 条的测量设备要求如何与 JJF 1069 协调？"


def publish(item, person, **fields):
    return publish_interpretation(actor=person, item=item, kind=fields.pop("kind", "faq"), question=QUESTION, **fields)


def test_an_answered_item_is_published_on_the_standards_page_without_its_writer(client, answered_item,
                                                                                secretariat_user, tc_secretariat):
    interpretation = publish(answered_item, secretariat_user)
    assert (interpretation.answer, interpretation.clause, interpretation.published_by) == (
        answered_item.answer, "7.1.5", tc_secretariat)
    event = answered_item.events.get(kind="interpretation_published")
    assert (event.actor, event.data) == (secretariat_user, {"interpretation": interpretation.pk})
    page = client.get(answered_item.standard.get_absolute_url()).content.decode()
    assert 'id="interpretations"' in page and QUESTION in page and answered_item.answer in page
    assert VISITOR.name not in page and answered_item.pseudonym not in page


def test_only_an_answered_item_by_its_handler_becomes_an_interpretation(feedback_item, secretariat_user,
                                                                        reviewer_user):
    with pytest.raises(InvalidTransition):
        publish(feedback_item, secretariat_user)
    assert not Interpretation.objects.exists()


def test_someone_else_than_the_handler_may_not_publish(answered_item, reviewer_user, ministry_user):
    for person in (reviewer_user, ministry_user):
        with pytest.raises(PermissionDeniedError):
            publish(answered_item, person)
    assert not Interpretation.objects.exists()


def test_a_question_naming_nobody_and_an_answer_are_needed(answered_item, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        publish_interpretation(actor=secretariat_user, item=answered_item, kind="essay", question="?", answer="短")
    assert [p["field"] for p in refused.value.errors] == ["kind", "question", "answer"]


def test_a_withdrawn_interpretation_leaves_the_page_and_stays_on_record(client, answered_item, secretariat_user):
    interpretation = publish(answered_item, secretariat_user, kind="interpretation", answer="修订版解答：以 JJF 1069 为准。")
    with pytest.raises(ValidationFailed):
        withdraw_interpretation(actor=secretariat_user, interpretation=interpretation, reason="")
    withdraw_interpretation(actor=secretariat_user, interpretation=interpretation, reason="标准已修订")
    assert QUESTION not in client.get(answered_item.standard.get_absolute_url()).content.decode()
    assert Interpretation.objects.get().withdrawn_at is not None
    assert answered_item.events.get(kind="interpretation_withdrawn").reason == "标准已修订"
    with pytest.raises(InvalidTransition):
        withdraw_interpretation(actor=secretariat_user, interpretation=interpretation, reason="再次")


def test_the_handler_publishes_from_the_items_page(client, answered_item, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(reverse("feedback:interpretation_publish", args=[answered_item.tracking_number]),
                           {"kind": "faq", "question": QUESTION, "answer": ""})
    assert response.status_code == 302
    assert Interpretation.objects.get().question == QUESTION
    refused = client.post(reverse("feedback:interpretation_publish", args=[answered_item.tracking_number]),
                          {"kind": "faq", "question": "?"})
    assert refused.status_code == 422 and "面向公众的问题" in refused.content.decode()


def test_the_selector_others_reuse_lists_the_feedback_on_one_standard(answered_item, tc28_standard, tc151_standard):
    other = submit(tc151_standard)
    assert list(feedback_on_standard(standard=tc28_standard)) == [answered_item]
    assert list(feedback_on_standard(standard=tc151_standard)) == [other]
    counts = counts_for_standards(standard_ids=[tc28_standard.pk, tc151_standard.pk])
    assert counts[tc28_standard.pk] == {"total": 1, "open": 0, "interpretations": 0}


def test_the_periodic_review_shows_each_standards_feedback_and_interpretations(client, tc28_committee, tc_secretariat,
                                                                               secretariat_user,
                                                                               national_administration):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        due = make_standard("GB/T 30001-2020", tc_code="SAC/TC 28", published_on=date(2020, 2, 29),
                            implemented_on=date(2020, 2, 29), nature="recommended")
        from biaozhun.feedback.services import answer_feedback

        item = answer_feedback(actor=secretariat_user, item=submit(due), answer="已答复：下次修订时处理。")
        publish(item, secretariat_user)
        submit(due)
        client.force_login(secretariat_user)
        page = client.get("/projects/reviews/?committee=SAC/TC 28").content.decode()
        detail = client.get(reverse("feedback:standard", args=[due.identifier])).content.decode()
    assert "2 份反馈 · 1 条解读" in page
    assert reverse("feedback:standard", args=[due.identifier]) in page
    assert item.tracking_number in detail and QUESTION in detail and VISITOR.name not in detail
