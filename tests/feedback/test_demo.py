"""The demo feedback `make run` loads: items in every state with their true history, interpretations, a consumer
association and a ministry receiving the export; loaded once."""

import io

import pytest
from django.core.management import call_command

from biaozhun.feedback.models import ExportSubscription, Feedback, FeedbackEvent, FeedbackState, Interpretation
from tests.factories.accounts import UserFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_accounts(tc_secretariat, national_administration, ministry, bureau, admin_user):
    make_standard("GB/T 5271.1-2000", tc_code="SAC/TC 28")
    make_standard("JB/T 10001-2018")
    make_standard("DB32/T 1617-2020")
    UserFactory(username="secretary", member_of=tc_secretariat, member_of__role="secretary")
    UserFactory(username="reviewer", member_of=national_administration, member_of__role="reviewer")
    UserFactory(username="commenter")
    UserFactory(username="miit", member_of=ministry, member_of__role="member")
    UserFactory(username="jiangsu", member_of=bureau, member_of__role="member")


def test_the_demo_has_every_state_and_loads_once(demo_accounts):
    out = io.StringIO()
    call_command("load_demo_feedback", stdout=out)
    assert set(Feedback.objects.values_list("state", flat=True)) == set(FeedbackState.values)
    assert FeedbackEvent.objects.filter(kind="escalated").exists()
    assert FeedbackEvent.objects.filter(kind="reassigned").exists()
    assert Interpretation.objects.count() == 1
    assert Feedback.objects.filter(author__username="commenter").exists()
    assert Feedback.objects.filter(author__isnull=True).exclude(contact_email="").exists()
    assert Feedback.objects.filter(attachments__isnull=False).exists()
    assert ExportSubscription.objects.filter(organisation__kind="consumer_association").exists()
    assert "consumer" in out.getvalue()
    count = Feedback.objects.count()
    call_command("load_demo_feedback", stdout=io.StringIO())
    assert Feedback.objects.count() == count


def test_without_the_demo_accounts_it_says_what_to_run_first(db):
    out = io.StringIO()
    call_command("load_demo_feedback", stdout=out)
    assert "load_demo_projects" in out.getvalue() and not Feedback.objects.exists()
