"""Email on project events through the routing table, which administrators edit."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from biaozhun.accounts.models import MembershipRole
from biaozhun.development.models import NotificationRule
from biaozhun.development.services import move_project
from biaozhun.rules.stages import Stage
from tests.development.helpers import add_document, voting_members
from tests.factories.accounts import UserFactory
from tests.factories.committees import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposer(tc28_committee):
    from biaozhun.development.services import propose_project

    user = UserFactory(real_name="李提案", language="en")
    return propose_project(actor=user, committee=tc28_committee, title_zh="信息技术 数据质量评价", kind="new",
                           nature="recommended")


def to_notice(project, actor):
    return move_project(actor=actor, project=project, to=Stage.NOTICE, expected_version=project.version)


def test_entering_public_notice_emails_the_secretariat_and_the_proposer(
        proposer, secretariat_user, admin_user, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with time_machine.travel(date(2026, 1, 5), tick=False), django_capture_on_commit_callbacks(execute=True):
        to_notice(proposer, admin_user)  # an administrator moves it: everyone the routing names hears of it
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([secretariat_user.email, proposer.proposer.email])
    by_address = {message.to[0]: message for message in mail.outbox}
    english = by_address[proposer.proposer.email]
    assert english.subject == "[Development] 信息技术 数据质量评价: Stage changed → Public notice of the proposal"
    assert "2026-02-04" in english.body and f"/projects/{proposer.pk}/" in english.body
    assert "立项公示" in by_address[secretariat_user.email].subject


def test_the_actor_is_not_mailed_about_their_own_action(proposer, secretariat_user, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        to_notice(proposer, secretariat_user)
    assert [m.to for m in mail.outbox] == [[proposer.proposer.email]]


def test_an_administrator_switches_a_route_off(proposer, secretariat_user, admin_user,
                                                django_capture_on_commit_callbacks):
    NotificationRule.objects.filter(trigger="moved:notice", recipient="proposer").update(active=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        to_notice(proposer, admin_user)
    assert [m.to for m in mail.outbox] == [[secretariat_user.email]]


def test_one_email_per_person_however_many_rules_name_them(tc28_committee, tc_secretariat, admin_user,
                                                          django_capture_on_commit_callbacks):
    """A secretary who also proposed the project gets one email, not two."""
    from biaozhun.development.services import propose_project

    secretary = UserFactory(member_of=tc_secretariat, member_of__role=MembershipRole.SECRETARY)
    project = propose_project(actor=secretary, committee=tc28_committee, title_zh="信息技术 元数据", kind="new",
                              nature="recommended")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        to_notice(project, admin_user)
    assert [m.to for m in mail.outbox].count([secretary.email]) == 1


def test_voting_members_with_accounts_hear_of_public_comment(tc28_project, secretariat_user, walk,
                                                            django_capture_on_commit_callbacks):
    member_user = UserFactory()
    MemberFactory(committee=tc28_project.committee, user=member_user)
    voting_members(tc28_project.committee, 3)
    project = walk(tc28_project, Stage.DRAFTING)
    add_document(project)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move_project(actor=secretariat_user, project=project, to=Stage.COMMENT, expected_version=project.version)
    assert [member_user.email] in [m.to for m in mail.outbox]



def test_history_replayed_with_its_past_dates_emails_nobody(proposer, secretariat_user,
                                                           django_capture_on_commit_callbacks):
    from datetime import datetime

    from django.utils import timezone

    from biaozhun.core import clock

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), clock.as_of(timezone.make_aware(datetime(2024, 3, 1))):
        to_notice(proposer, secretariat_user)
    assert mail.outbox == []
    assert timezone.localdate(proposer.events.latest("id").at).isoformat() == "2024-03-01"
