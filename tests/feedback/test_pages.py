"""The pages: the form (a visitor's and a registered person's), the handler's queue (overdue first, by tab, within a
query budget), the item page's actions, the national overview, the navigation; on a phone-sized page too."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from biaozhun.feedback.models import Feedback, FeedbackState
from tests.fixtures.feedback import TEXT, VISITOR, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(tc28_standard, tc28_committee, tc_secretariat, secretariat_user, national_administration):
    return tc28_standard


def test_a_visitor_sees_the_contact_fields_and_a_registered_person_does_not(client, scene, registered_user):
    page = client.get(reverse("portal:feedback", args=[scene.identifier])).content.decode()
    assert 'name="email"' in page and 'id="privacy-note"' in page and 'enctype="multipart/form-data"' in page
    client.force_login(registered_user)
    page = client.get(reverse("portal:feedback", args=[scene.identifier])).content.decode()
    assert 'name="email"' not in page


def test_a_refused_form_marks_its_fields_keeps_the_text_and_stores_nothing(client, scene):
    response = client.post(reverse("portal:feedback", args=[scene.identifier]),
                           {"category": "", "text": "短短", "name": "", "email": "x"})
    page = response.content.decode()
    assert response.status_code == 422 and page.count("is-invalid") >= 4 and "短短" in page
    assert not Feedback.objects.exists()


def test_visitors_submissions_are_rate_limited(client, scene, settings):
    from django.core.cache import cache

    cache.clear()
    settings.BIAOZHUN_RATE_FEEDBACK = "1/hour"
    data = {"category": "content", "text": TEXT, "name": VISITOR.name, "email": VISITOR.email}
    assert client.post(reverse("portal:feedback", args=[scene.identifier]), data).status_code == 302
    response = client.post(reverse("portal:feedback", args=[scene.identifier]), data)
    assert response.status_code == 429 and Feedback.objects.count() == 1


def test_the_queue_lists_overdue_items_first_then_by_answer_deadline(client, scene, secretariat_user,
                                                                    django_assert_max_num_queries):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        late = submit(scene)
    with time_machine.travel(date(2026, 4, 20), tick=False):
        soon = submit(scene)
    with time_machine.travel(date(2026, 4, 1), tick=False):
        sooner = submit(scene)
    client.force_login(secretariat_user)
    with time_machine.travel(date(2026, 4, 21), tick=False):
        with django_assert_max_num_queries(14):
            page = client.get(reverse("feedback:queue")).content.decode()
        overdue_tab = client.get(reverse("feedback:queue"), {"tab": "overdue"}).content.decode()
    order = [page.index(item.tracking_number) for item in (late, sooner, soon)]
    assert order == sorted(order)
    assert "超期" in page and late.tracking_number in overdue_tab and soon.tracking_number not in overdue_tab


def test_the_queues_query_count_does_not_grow_with_its_rows(client, scene, secretariat_user,
                                                             django_assert_max_num_queries):
    for _n in range(30):
        submit(scene)
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("feedback:queue")).status_code == 200


def test_the_handler_acknowledges_and_answers_on_the_items_page(client, scene, secretariat_user,
                                                               django_capture_on_commit_callbacks):
    item = submit(scene)
    client.force_login(secretariat_user)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'id="acknowledge"' in page and 'id="answer-text"' in page and 'id="reassign-to"' in page
    url = reverse("feedback:act", args=[item.tracking_number])
    assert client.post(url, {"action": "acknowledge", "version": item.version}).status_code == 302
    refused = client.post(url, {"action": "answer", "answer": "短", "version": item.version + 1})
    assert refused.status_code == 422 and "is-invalid" in refused.content.decode()
    response = client.post(url, {"action": "answer", "answer": "已核实，下次修订时调整。", "version": item.version + 1})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == FeedbackState.ANSWERED
    stale = client.post(url, {"action": "reject", "reason": "x", "version": 1})
    assert stale.status_code in (409, 422)


def test_the_handler_reassigns_and_then_no_longer_sees_the_item(client, scene, secretariat_user, ministry):
    item = submit(scene)
    client.force_login(secretariat_user)
    response = client.post(reverse("feedback:reassign", args=[item.tracking_number]),
                           {"organisation": ministry.pk, "reason": "属主管部门", "version": item.version})
    assert response.status_code == 302 and response["Location"] == reverse("feedback:queue")
    assert client.get(item.get_absolute_url()).status_code == 404


def test_an_unknown_act_is_not_found_and_changes_nothing(client, scene, secretariat_user):
    item = submit(scene)
    client.force_login(secretariat_user)
    assert client.post(reverse("feedback:act", args=[item.tracking_number]), {"action": "delete"}).status_code == 404


def test_the_national_overview_counts_states_and_lists_what_waits(client, scene, reviewer_user,
                                                                 django_assert_max_num_queries):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        submit(scene)
    client.force_login(reviewer_user)
    with time_machine.travel(date(2026, 5, 4), tick=False), django_assert_max_num_queries(16):
        page = client.get(reverse("feedback:overview")).content.decode()
    assert 'id="state-counts"' in page and "超期未答复" in page


def test_the_queue_is_for_handlers_and_the_overview_for_the_national_administration(client, scene, registered_user,
                                                                                     secretariat_user):
    client.force_login(registered_user)
    assert client.get(reverse("feedback:queue")).status_code == 403
    client.force_login(secretariat_user)
    assert client.get(reverse("feedback:overview")).status_code == 403


def test_handlers_find_the_queue_in_the_navigation(client, scene, secretariat_user, registered_user):
    client.force_login(secretariat_user)
    assert reverse("feedback:queue") in client.get("/").content.decode()
    client.force_login(registered_user)
    home = client.get("/").content.decode()
    assert reverse("feedback:queue") not in home and reverse("feedback:mine") in home


def test_the_standards_page_links_to_the_form_and_to_tracking(client, scene):
    page = client.get(scene.get_absolute_url()).content.decode()
    assert reverse("portal:feedback", args=[scene.identifier]).replace(" ", "%20") in page
    assert reverse("feedback:track") in page
