"""The administration's decision on a failing committee and its effects: a correction with its deadline until it is
accepted; suspension and revocation through the committee's status (a suspended committee opens no ballot); and
every refusal writing nothing, on the assessment or on the committee."""

from datetime import date, timedelta

import pytest

from biaozhun.assessments.models import AssessmentEvent, Decision
from biaozhun.assessments.selectors import ListQuery, assessment_list
from biaozhun.assessments.services import close_correction, compute_assessment, decide_on_assessment
from biaozhun.committees.models import Committee, CommitteeEvent
from biaozhun.committees.services import change_status
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.development.models import Ballot
from biaozhun.development.services.ballots import open_ballot
from biaozhun.rules.stages import Stage
from tests.factories.development import ProjectFactory

from .conftest import YEAR, finalised, seated

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 16)


def _nothing_written(committee, events_before):
    committee.refresh_from_db()
    assert committee.status == "active"
    assert not Decision.objects.exists()
    assert AssessmentEvent.objects.count() == events_before
    assert not CommitteeEvent.objects.filter(committee=committee, kind__in=["suspended", "revoked"]).exists()


def test_the_failing_assessment_recommends_suspension(failing):
    failing.refresh_from_db()
    assert (float(failing.total), failing.grade, failing.flagged, failing.measure) == (33.3, "fail", True,
                                                                                        "suspension")


def test_a_correction_gets_the_schemes_deadline_and_is_tracked_until_accepted(failing, admin_user, committee):
    decision = decide_on_assessment(actor=admin_user, assessment=failing, measure="correction",
                                    reason="秘书处工作不到位，限期整改。", document="国标委发〔2026〕5号")
    assert decision.correction_due == TODAY + timedelta(days=180)
    assert decision.correction_open
    committee.refresh_from_db()
    assert committee.status == "active"
    event = failing.events.get(kind="decided")
    assert (event.actor, event.reason) == (admin_user, "秘书处工作不到位，限期整改。")
    assert event.data == {"measure": "correction", "document": "国标委发〔2026〕5号",
                          "decided_on": TODAY.isoformat(), "correction_due": (TODAY + timedelta(days=180)).isoformat(),
                          "status": None}
    assert list(assessment_list(ListQuery(year=YEAR, show="corrections"))) == [failing]
    assert not assessment_list(ListQuery(year=YEAR, show="overdue")).exists()
    close_correction(actor=admin_user, assessment=failing, note="已完成整改，会议纪要齐全。")
    decision.refresh_from_db()
    assert decision.correction_closed_on == TODAY and not decision.correction_open
    assert failing.events.filter(kind="correction_closed").count() == 1
    assert not assessment_list(ListQuery(year=YEAR, show="corrections")).exists()


def test_a_correction_past_its_deadline_is_listed_as_overdue(failing, admin_user):
    decide_on_assessment(actor=admin_user, assessment=failing, measure="correction", reason="限期整改。",
                         decided_on=date(2026, 1, 5), correction_due=date(2026, 3, 1))
    assert list(assessment_list(ListQuery(year=YEAR, show="overdue"))) == [failing]


def test_suspension_changes_the_committees_status_and_it_can_no_longer_open_a_ballot(failing, admin_user,
                                                                                     committee, secretariat_user):
    project = ProjectFactory(committee=committee, stage=Stage.REVIEW)
    decide_on_assessment(actor=admin_user, assessment=failing, measure="suspension", reason="考核不合格，暂停工作。",
                         document="国标委发〔2026〕6号")
    committee.refresh_from_db()
    assert committee.status == "suspended"
    change = CommitteeEvent.objects.get(committee=committee, kind="suspended")
    assert change.actor == admin_user
    assert change.data == {"before": "active", "reason": "考核不合格，暂停工作。", "decision": "国标委发〔2026〕6号",
                           "on": TODAY.isoformat()}
    assert failing.events.get(kind="decided").data["status"] == "suspended"
    with pytest.raises(InvalidTransition, match="暂停工作"):
        open_ballot(actor=secretariat_user, project=project, method=Ballot.Method.MEETING)
    assert not Ballot.objects.exists()


def test_revocation_takes_the_committee_off_the_register(admin_user):
    weak = seated("SAC/TC 55")
    assessment = finalised(weak, admin_user, secretariat=0, openness=0)
    decide_on_assessment(actor=admin_user, assessment=assessment, measure="revocation", reason="连续两年不合格。")
    weak.refresh_from_db()
    assert weak.status == "revoked"
    assert not Committee.objects.existing().filter(pk=weak.pk).exists()


def test_a_decision_without_a_reason_or_with_a_deadline_before_it_is_refused_and_writes_nothing(failing, admin_user,
                                                                                                committee):
    events = AssessmentEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        decide_on_assessment(actor=admin_user, assessment=failing, measure="suspension", reason="  ")
    assert [problem["field"] for problem in refused.value.errors] == ["reason"]
    with pytest.raises(ValidationFailed) as refused:
        decide_on_assessment(actor=admin_user, assessment=failing, measure="correction", reason="整改。",
                             correction_due=TODAY)
    assert [problem["field"] for problem in refused.value.errors] == ["correction_due"]
    with pytest.raises(ValidationFailed) as refused:
        decide_on_assessment(actor=admin_user, assessment=failing, measure="dissolve", reason="理由。")
    assert [problem["field"] for problem in refused.value.errors] == ["measure"]
    _nothing_written(committee, events)


def test_a_reviewer_may_not_decide_and_nothing_is_written(failing, reviewer_user, committee):
    events = AssessmentEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        decide_on_assessment(actor=reviewer_user, assessment=failing, measure="suspension", reason="暂停。")
    _nothing_written(committee, events)


def test_a_passing_or_unfinished_assessment_gets_no_decision(admin_user):
    good = finalised(seated("SAC/TC 56"), admin_user, secretariat=100, openness=100)
    with pytest.raises(InvalidTransition, match="未低于合格线"):
        decide_on_assessment(actor=admin_user, assessment=good, measure="correction", reason="整改。")
    under_way = compute_assessment(actor=admin_user, committee=seated("SAC/TC 57"), year=YEAR)
    with pytest.raises(InvalidTransition, match="定稿后"):
        decide_on_assessment(actor=admin_user, assessment=under_way, measure="correction", reason="整改。")
    assert not Decision.objects.exists()


def test_one_decision_per_assessment_and_none_on_a_replaced_version(failing, admin_user, committee):
    decide_on_assessment(actor=admin_user, assessment=failing, measure="correction", reason="整改。")
    with pytest.raises(InvalidTransition, match="已作出处理决定"):
        decide_on_assessment(actor=admin_user, assessment=failing, measure="suspension", reason="暂停。")
    committee.refresh_from_db()
    assert committee.status == "active" and Decision.objects.count() == 1


def test_suspending_a_committee_already_suspended_is_refused_naming_the_measure(failing, admin_user, committee):
    change_status(actor=admin_user, committee=committee, status="suspended", reason="另案暂停。")
    events = AssessmentEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        decide_on_assessment(actor=admin_user, assessment=failing, measure="suspension", reason="暂停。")
    assert refused.value.errors[0]["field"] == "measure"
    assert not Decision.objects.exists() and AssessmentEvent.objects.count() == events
    assert CommitteeEvent.objects.filter(committee=committee, kind="suspended").count() == 1


def test_closing_a_correction_needs_an_opinion_and_a_correction_to_close(failing, admin_user):
    with pytest.raises(InvalidTransition):
        close_correction(actor=admin_user, assessment=failing, note="已整改。")
    decide_on_assessment(actor=admin_user, assessment=failing, measure="correction", reason="整改。")
    with pytest.raises(ValidationFailed) as refused:
        close_correction(actor=admin_user, assessment=failing, note="")
    assert refused.value.errors[0]["field"] == "note"
    assert Decision.objects.get().correction_closed_on is None
    assert not failing.events.filter(kind="correction_closed").exists()
