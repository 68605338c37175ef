"""Following one's own item without an account: the tracking number and the address given bring a one-time code;
the code opens the item in that browser. The answer is the same whatever the number and address; codes expire,
work once, and allow five tries; requests are limited per client and per item."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.feedback.models import AccessCode
from biaozhun.feedback.services import answer_feedback, request_access_code, verify_access_code
from biaozhun.feedback.services.tracking import RateLimited
from tests.fixtures.feedback import VISITOR

pytestmark = pytest.mark.django_db
ANSWER = "经核实，7.1.5 条将在下次修订时与 JJF 1069 协调一致。"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def code_from_outbox() -> str:
    return re.search(r"^\s+(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)


def ask(item, email=VISITOR.email, client="203.0.113.9"):
    request_access_code(actor=_anonymous(), tracking_number=item.tracking_number, email=email, client=client)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_the_code_goes_to_the_address_given_and_opens_the_item_once(feedback_item, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask(feedback_item, email=" QIAN.duoduo@example.com ")
    assert mail.outbox[-1].to == [VISITOR.email]
    code = code_from_outbox()
    assert AccessCode.objects.get().digest != code  # only a digest is kept
    number = feedback_item.tracking_number.lower().replace("-", "")
    assert verify_access_code(actor=_anonymous(), tracking_number=number, code=code, client="x") == feedback_item
    with pytest.raises(ValidationFailed):
        verify_access_code(actor=_anonymous(), tracking_number=number, code=code, client="x")
    assert feedback_item.events.filter(kind="access_code_sent").count() == 1


def test_a_wrong_address_or_unknown_number_is_answered_the_same_and_sends_nothing(feedback_item,
                                                                                 django_capture_on_commit_callbacks):
    from biaozhun.rules.feedback import new_tracking_number

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask(feedback_item, email="someone.else@example.com")
        request_access_code(actor=_anonymous(), tracking_number=new_tracking_number(), email=VISITOR.email,
                            client="203.0.113.9")
    assert mail.outbox == [] and not AccessCode.objects.exists()


def test_a_mistyped_number_is_refused_before_any_lookup(feedback_item):
    with pytest.raises(ValidationFailed) as refused:
        request_access_code(actor=_anonymous(), tracking_number="FK-1234", email=VISITOR.email, client="x")
    assert refused.value.errors[0]["field"] == "tracking_number"


def test_a_code_expires_and_dies_after_five_wrong_tries(feedback_item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(feedback_item)
    code = code_from_outbox()
    with time_machine.travel(clock.now() + timedelta(minutes=16), tick=False), pytest.raises(ValidationFailed):
        verify_access_code(actor=_anonymous(), tracking_number=feedback_item.tracking_number, code=code, client="x")
    with django_capture_on_commit_callbacks(execute=True):
        ask(feedback_item)
    code = code_from_outbox()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _try in range(5):
        with pytest.raises(ValidationFailed) as refused:
            verify_access_code(actor=_anonymous(), tracking_number=feedback_item.tracking_number, code=wrong,
                               client="x")
        assert refused.value.errors[0]["field"] == "code"
    assert AccessCode.objects.order_by("-created_at").first().attempts == 5
    with pytest.raises(ValidationFailed):
        verify_access_code(actor=_anonymous(), tracking_number=feedback_item.tracking_number, code=code, client="x")


def test_code_requests_are_limited_per_item_and_per_client(feedback_item, settings):
    settings.BIAOZHUN_RATE_FEEDBACK_CODE_PER_ITEM = "2/hour"
    ask(feedback_item, client="a")
    ask(feedback_item, client="b")
    with pytest.raises(RateLimited) as limited:
        ask(feedback_item, client="c")
    assert limited.value.status == 429 and limited.value.data["retry_after"] > 0
    settings.BIAOZHUN_RATE_FEEDBACK_CODE, settings.BIAOZHUN_RATE_FEEDBACK_CODE_PER_ITEM = "1/hour", "100/hour"
    ask(feedback_item, client="d")
    with pytest.raises(RateLimited):
        ask(feedback_item, client="d")


def test_a_visitor_follows_their_item_in_the_browser_with_the_code(client, feedback_item, secretariat_user,
                                                                   django_capture_on_commit_callbacks):
    answer_feedback(actor=secretariat_user, item=feedback_item, answer=ANSWER)
    item_url = reverse("feedback:item", args=[feedback_item.tracking_number])
    assert client.get(item_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback:track"), {"tracking_number": feedback_item.tracking_number,
                                                            "email": VISITOR.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:track_verify", args=[feedback_item.tracking_number])
    wrong = client.post(response["Location"], {"code": "000000" if code_from_outbox() != "000000" else "111111"})
    assert wrong.status_code == 422 and "is-invalid" in wrong.content.decode()
    response = client.post(reverse("feedback:track_verify", args=[feedback_item.tracking_number]),
                           {"code": code_from_outbox()})
    assert response["Location"] == item_url
    page = client.get(item_url).content.decode()
    assert ANSWER in page and "您本人" in page
    assert "reassign-to" not in page  # a visitor's view has no handler's forms


def test_the_track_page_answers_the_same_for_a_stranger(client, feedback_item):
    response = client.post(reverse("feedback:track"), {"tracking_number": feedback_item.tracking_number,
                                                       "email": "stranger@example.com"})
    assert response.status_code == 302 and not AccessCode.objects.exists()


def test_too_many_code_requests_get_the_429_page(client, feedback_item, settings):
    settings.BIAOZHUN_RATE_FEEDBACK_CODE = "1/hour"
    data = {"tracking_number": feedback_item.tracking_number, "email": VISITOR.email}
    client.post(reverse("feedback:track"), data)
    response = client.post(reverse("feedback:track"), data)
    assert response.status_code == 429 and response["Retry-After"]


def test_the_submitter_sees_the_item_right_after_writing_it(client, tc28_standard, tc28_committee, tc_secretariat,
                                                          national_administration):
    response = client.post(reverse("portal:feedback", args=[tc28_standard.identifier]), {
        "category": "content", "clause": "7.1.5", "text": "7.1.5 条对测量设备的要求与 JJF 1069 不一致。",
        "name": VISITOR.name, "email": VISITOR.email})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "FK-" in page and "已转办" in page


def test_a_signed_in_person_finds_their_items_in_my_feedback(client, own_item, registered_user,
                                                             django_assert_max_num_queries):
    client.force_login(registered_user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("feedback:mine")).content.decode()
    assert own_item.tracking_number in page
    assert client.get(own_item.get_absolute_url()).status_code == 200
