"""Suspending, reinstating, revoking and merging a committee: the administration decides, each move has its reason
and one event, the allowed moves only; a suspended committee opens no ballot and takes no new project."""

from datetime import date

import pytest
import time_machine

from biaozhun.committees import selectors
from biaozhun.committees.models import Committee, CommitteeEvent, CommitteeStatus
from biaozhun.committees.services import change_status
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.development.models import Ballot
from biaozhun.development.selectors import active_committee_choices
from biaozhun.development.services.ballots import open_ballot
from biaozhun.rules.committees import STATUS_MOVES, status_move
from biaozhun.rules.stages import Stage
from tests.development.helpers import advance
from tests.factories.accounts import UserFactory
from tests.factories.committees import CommitteeFactory, MemberFactory

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 4)  # advance() reaches 审查 on 2026-04-28


def test_suspending_records_the_reason_the_decision_and_the_former_status(tc28_committee, admin_user):
    change_status(actor=admin_user, committee=tc28_committee, status="suspended", reason="年度考核不合格",
                  decision="国标委函〔2026〕12号")
    tc28_committee.refresh_from_db()
    assert tc28_committee.status == CommitteeStatus.SUSPENDED
    event = tc28_committee.events.latest("id")
    assert (event.kind, event.actor) == (CommitteeEvent.Kind.SUSPENDED, admin_user)
    assert event.data["before"] == "active"
    assert (event.data["reason"], event.data["decision"]) == ("年度考核不合格", "国标委函〔2026〕12号")


def test_a_suspended_committee_stays_in_the_register_but_takes_no_new_project(tc28_committee, admin_user):
    change_status(actor=admin_user, committee=tc28_committee, status="suspended", reason="整改")
    assert tc28_committee in selectors.committee_list()
    assert tc28_committee.code not in dict(active_committee_choices())
    change_status(actor=admin_user, committee=tc28_committee, status="active", reason="整改完成")
    assert tc28_committee.code in dict(active_committee_choices())
    assert tc28_committee.events.latest("id").kind == CommitteeEvent.Kind.REINSTATED


def test_a_merged_committee_names_the_one_taking_its_work_and_leaves_the_register(tc28_committee, admin_user):
    other = CommitteeFactory(code="SAC/TC 29")
    change_status(actor=admin_user, committee=tc28_committee, status="merged", reason="领域合并", merged_into=other)
    assert tc28_committee not in selectors.committee_list()
    assert tc28_committee.events.latest("id").data["merged_into"] == "SAC/TC 29"


@pytest.mark.parametrize("first, then", [("revoked", "active"), ("revoked", "suspended"), ("active", "active")])
def test_moves_outside_the_table_are_refused_and_write_nothing(tc28_committee, admin_user, first, then):
    if first != "active":
        change_status(actor=admin_user, committee=tc28_committee, status=first, reason="撤销")
    events = tc28_committee.events.count()
    with pytest.raises(ValidationFailed) as caught:
        change_status(actor=admin_user, committee=tc28_committee, status=then, reason="理由")
    assert caught.value.errors[0]["field"] == "status"
    assert Committee.objects.get(pk=tc28_committee.pk).status == first
    assert tc28_committee.events.count() == events


def test_a_reason_is_required_and_a_merger_needs_a_committee_at_work(tc28_committee, admin_user):
    other = CommitteeFactory(code="SAC/TC 29", status=CommitteeStatus.SUSPENDED)
    with pytest.raises(ValidationFailed) as caught:
        change_status(actor=admin_user, committee=tc28_committee, status="merged", reason=" ", merged_into=other)
    assert {e["field"] for e in caught.value.errors} == {"reason", "merged_into"}
    with pytest.raises(ValidationFailed) as caught:
        change_status(actor=admin_user, committee=tc28_committee, status="suspended", reason="整改", merged_into=other)
    assert caught.value.errors[0]["field"] == "merged_into"
    assert Committee.objects.get(pk=tc28_committee.pk).status == CommitteeStatus.ACTIVE


def test_only_the_administration_decides(tc28_committee, secretariat_user):
    with pytest.raises(PermissionDeniedError):
        change_status(actor=secretariat_user, committee=tc28_committee, status="suspended", reason="自请暂停")
    assert tc28_committee.events.count() == 1


def test_a_suspended_committee_opens_no_ballot(tc28_project, tc28_committee, secretariat_user, reviewer_user,
                                              admin_user):
    for _seat in range(4):
        MemberFactory(committee=tc28_committee, user=UserFactory())
    project = advance(tc28_project, Stage.REVIEW, secretariat=secretariat_user, reviewer=reviewer_user)
    change_status(actor=admin_user, committee=tc28_committee, status="suspended", reason="考核不合格")
    with time_machine.travel(DAY, tick=False), pytest.raises(InvalidTransition, match="暂停工作"):
        open_ballot(actor=secretariat_user, project=project, method="meeting")
    assert not Ballot.objects.exists()


def test_the_table_of_moves_ends_in_revocation_or_merger():
    assert status_move("active", "suspended") == "suspended"
    assert {target for (_current, target) in STATUS_MOVES} == {"active", "suspended", "revoked", "merged"}
    assert not {current for (current, _target) in STATUS_MOVES} & {"revoked", "merged"}


def test_the_page_of_a_suspended_committee_says_so(client, tc28_committee, admin_user):
    change_status(actor=admin_user, committee=tc28_committee, status="suspended", reason="整改")
    page = client.get(tc28_committee.get_absolute_url()).content.decode()
    assert "本技术委员会目前状态：暂停工作。" in page
