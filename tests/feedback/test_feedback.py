"""Implementation feedback: real-name submission, reply deadline in working days, acknowledgement email."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from biaozhun.core.errors import ValidationFailed
from biaozhun.feedback.models import Feedback
from biaozhun.feedback.services import submit_feedback
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard():
    return make_standard("GB/T 19001-2016")


def test_feedback_is_received_with_a_working_day_deadline_and_acknowledged(client, registered_user, standard,
                                                                          django_capture_on_commit_callbacks):
    client.force_login(registered_user)
    with time_machine.travel(date(2026, 9, 25), tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/std/GB/T 19001-2016/feedback", {
            "category": "content", "clause": "7.1.5", "text": "7.1.5 条对测量设备的要求与 JJF 1069 不一致。"})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    # 20 working days after Friday 25 September 2026, skipping the National Day holiday 1–7 October
    assert feedback.reply_due > date(2026, 10, 23)
    assert (feedback.author, feedback.clause) == (registered_user, "7.1.5")
    [email] = mail.outbox
    assert email.to == [registered_user.email] and "GB/T 19001-2016" in email.subject


def test_anonymous_visitors_sign_in_first(client, standard):
    response = client.get("/std/GB/T 19001-2016/feedback")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_empty_feedback_is_refused_with_field_errors(client, registered_user, standard):
    client.force_login(registered_user)
    page = client.post("/std/GB/T 19001-2016/feedback", {"category": "", "text": "短"}).content.decode()
    assert "is-invalid" in page
    assert not Feedback.objects.exists()


def test_detail_page_links_to_the_form(client, standard):
    assert 'href="/std/GB/T%2019001-2016/feedback"' in client.get("/std/GB/T 19001-2016").content.decode()


def test_refused_feedback_says_what_to_do_in_the_readers_language(registered_user, standard):
    with pytest.raises(ValidationFailed) as caught:
        submit_feedback(actor=registered_user, standard=standard, category="praise", text="短")
    assert caught.value.message == "反馈未能提交，请按提示修改。"
    assert [p["field"] for p in caught.value.errors] == ["category", "text"]
    assert "技术内容问题" in caught.value.errors[0]["message"]
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        submit_feedback(actor=registered_user, standard=standard, category="content", text="短")
    assert caught.value.message == "The feedback was not sent; please correct what is shown."
    assert caught.value.errors[0]["message"] == "Write at least 10 characters: say what is wrong and in which clause."
    assert not Feedback.objects.exists()
