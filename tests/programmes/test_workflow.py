"""A call's states, applying and its refusals, the review, and a pilot's evaluations: each move writes one event
with its actor; a refusal writes nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, RequirementsUnmet, ValidationFailed
from biaozhun.programmes.models import (
    ApplicationState,
    CallState,
    Pilot,
    PilotApplication,
    PilotState,
    ProgrammeEvent,
    ProgrammeEventKind,
)
from biaozhun.programmes.services import (
    AlreadyApplied,
    CallNotOpen,
    apply_for_pilot,
    approve_application,
    conclude_evaluation,
    move_call,
    open_evaluation,
    reject_application,
    score_evaluation,
    start_review,
    withdraw_application,
)
from biaozhun.programmes.services.applications import add_months
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.programmes import application_input, make_programme

pytestmark = pytest.mark.django_db


def _kinds(**subject):
    return list(ProgrammeEvent.objects.filter(**subject).values_list("kind", "actor"))


# --- Calls ----------------------------------------------------------------------------------------------------------
def test_a_call_moves_draft_open_closed_decided_with_one_event_each(admin_user, national_administration):
    programme = make_programme(admin_user, national_administration, state="draft")
    for to in ("open", "closed", "decided"):
        programme = move_call(actor=admin_user, programme=programme, to=to)
        assert programme.state == to
    assert _kinds(programme=programme) == [(ProgrammeEventKind.PROGRAMME_CREATED, admin_user.pk)] + [
        (ProgrammeEventKind.CALL_MOVED, admin_user.pk)] * 3


def test_a_call_cannot_skip_a_state_and_the_refusal_names_the_next_one(open_programme, admin_user):
    before = ProgrammeEvent.objects.count()
    with pytest.raises(InvalidTransition, match="申报已截止"):
        move_call(actor=admin_user, programme=open_programme, to=CallState.DECIDED)
    assert ProgrammeEvent.objects.count() == before


def test_a_call_is_not_decided_while_an_application_waits(pilot_application, admin_user):
    programme = move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    with pytest.raises(RequirementsUnmet):
        move_call(actor=admin_user, programme=programme, to="decided")


def test_only_the_authority_moves_a_call(open_programme, bureau_user, enterprise_user):
    for user in (bureau_user, enterprise_user):
        with pytest.raises(PermissionDeniedError):
            move_call(actor=user, programme=open_programme, to="closed")


# --- Applying -------------------------------------------------------------------------------------------------------
def test_an_organisation_member_applies_for_it_while_the_call_is_open(open_programme, enterprise_user, enterprise):
    application = apply_for_pilot(actor=enterprise_user, programme=open_programme, organisation=enterprise,
                                  data=application_input(project_name="  智慧  物流 "))
    assert application.state == ApplicationState.SUBMITTED
    assert application.project_name == "智慧 物流"
    assert application.submitted_by == enterprise_user
    assert _kinds(application=application) == [(ProgrammeEventKind.APPLIED, enterprise_user.pk)]


def test_applying_after_the_call_closed_is_refused_and_writes_nothing(open_programme, admin_user, enterprise_user,
                                                                       enterprise):
    move_call(actor=admin_user, programme=open_programme, to="closed")
    with pytest.raises(CallNotOpen):
        apply_for_pilot(actor=enterprise_user, programme=open_programme, organisation=enterprise,
                        data=application_input())
    assert not PilotApplication.objects.exists()


def test_applying_after_the_closing_date_is_refused_even_if_the_call_is_still_open(admin_user,
                                                                                  national_administration,
                                                                                  enterprise_user, enterprise):
    programme = make_programme(admin_user, national_administration, opens_in=-30, closes_in=-1)
    assert programme.state == "open"
    with pytest.raises(CallNotOpen, match="不在申报期内"):
        apply_for_pilot(actor=enterprise_user, programme=programme, organisation=enterprise, data=application_input())
    assert not PilotApplication.objects.exists()


def test_applying_to_a_draft_call_is_refused(admin_user, national_administration, enterprise_user, enterprise):
    programme = make_programme(admin_user, national_administration, state="draft")
    with pytest.raises(CallNotOpen):
        apply_for_pilot(actor=enterprise_user, programme=programme, organisation=enterprise, data=application_input())


def test_applying_twice_for_one_organisation_is_refused(pilot_application, enterprise_user, enterprise):
    with pytest.raises(AlreadyApplied):
        apply_for_pilot(actor=enterprise_user, programme=pilot_application.programme, organisation=enterprise,
                        data=application_input(project_name="第二份"))
    assert PilotApplication.objects.count() == 1


def test_after_withdrawing_the_organisation_may_apply_again(pilot_application, enterprise_user, enterprise):
    withdraw_application(actor=enterprise_user, application=pilot_application, reason="重新编写")
    again = apply_for_pilot(actor=enterprise_user, programme=pilot_application.programme, organisation=enterprise,
                            data=application_input(project_name="第二份"))
    assert again.state == ApplicationState.SUBMITTED


def test_applying_for_another_organisation_is_refused(open_programme, enterprise_user):
    other = OrganisationFactory()
    with pytest.raises(PermissionDeniedError):
        apply_for_pilot(actor=enterprise_user, programme=open_programme, organisation=other, data=application_input())
    assert not PilotApplication.objects.exists()


def test_a_bureau_cannot_apply_as_an_organisation(open_programme, bureau_user, bureau):
    with pytest.raises(PermissionDeniedError):
        apply_for_pilot(actor=bureau_user, programme=open_programme, organisation=bureau, data=application_input())


def test_every_bad_field_is_named(open_programme, enterprise_user, enterprise):
    with pytest.raises(ValidationFailed) as refused:
        apply_for_pilot(actor=enterprise_user, programme=open_programme, organisation=enterprise,
                        data=application_input(project_name=" ", region_code="329999", objectives=""))
    assert {p["field"] for p in refused.value.errors} == {"project_name", "region_code", "objectives"}
    assert not PilotApplication.objects.exists()


def test_a_city_code_is_not_a_county(open_programme, enterprise_user, enterprise):
    with pytest.raises(ValidationFailed):
        apply_for_pilot(actor=enterprise_user, programme=open_programme, organisation=enterprise,
                        data=application_input(region_code="3201"))


# --- Review ---------------------------------------------------------------------------------------------------------
def test_approval_makes_a_pilot_with_its_start_and_planned_end(pilot_application, admin_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    start_review(actor=admin_user, application=pilot_application)
    pilot = approve_application(actor=admin_user, application=pilot_application, started_on=date(2026, 1, 31))
    assert pilot.started_on == date(2026, 1, 31)
    assert pilot.planned_end_on == date(2028, 1, 31)  # 24 months
    assert pilot.province_code == "32"
    assert pilot.state == PilotState.RUNNING
    pilot_application.refresh_from_db()
    assert pilot_application.state == ApplicationState.APPROVED
    assert _kinds(application=pilot_application)[1:] == [(ProgrammeEventKind.REVIEW_STARTED, admin_user.pk),
                                                          (ProgrammeEventKind.APPROVED, admin_user.pk)]


def test_months_are_added_to_the_end_of_a_short_month():
    assert add_months(date(2019, 8, 31), 6) == date(2020, 2, 29)
    assert add_months(date(2019, 7, 1), 24) == date(2021, 7, 1)


def test_no_decision_before_the_call_closes(pilot_application, admin_user):
    start_review(actor=admin_user, application=pilot_application)
    with pytest.raises(InvalidTransition):
        approve_application(actor=admin_user, application=pilot_application)
    assert not Pilot.objects.exists()


def test_no_approval_without_a_review(pilot_application, admin_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    with pytest.raises(InvalidTransition):
        approve_application(actor=admin_user, application=pilot_application)


def test_rejection_needs_a_reason_and_keeps_it(pilot_application, admin_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    start_review(actor=admin_user, application=pilot_application)
    with pytest.raises(ValidationFailed):
        reject_application(actor=admin_user, application=pilot_application, reason="  ")
    rejected = reject_application(actor=admin_user, application=pilot_application, reason="标准体系不完善")
    assert rejected.state == ApplicationState.REJECTED
    assert ProgrammeEvent.objects.get(kind=ProgrammeEventKind.REJECTED).reason == "标准体系不完善"


def test_the_applicant_cannot_approve_its_own_application(pilot_application, enterprise_user, admin_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    with pytest.raises(PermissionDeniedError):
        start_review(actor=enterprise_user, application=pilot_application)


def test_a_decided_application_cannot_be_withdrawn(approved_pilot, enterprise_user):
    with pytest.raises(InvalidTransition):
        withdraw_application(actor=enterprise_user, application=approved_pilot.application)


def test_another_organisation_cannot_withdraw(pilot_application):
    stranger = UserFactory(member_of=OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        withdraw_application(actor=stranger, application=pilot_application)


# --- Evaluations ----------------------------------------------------------------------------------------------------
def _score_all(evaluation, evaluator, values):
    codes = [c["code"] for c in evaluation.criteria]
    return score_evaluation(actor=evaluator, evaluation=evaluation, scores=dict(zip(codes, values, strict=True)))


def test_the_midterm_template_is_copied_with_its_pass_mark(midterm_evaluation):
    assert [(c["code"], c["weight"]) for c in midterm_evaluation.criteria] == [
        ("organisation", "20.0"), ("standards", "40.0"), ("implementation", "40.0")]
    assert midterm_evaluation.pass_mark == Decimal("60.0")


def test_a_passed_midterm_lets_the_pilot_continue(midterm_evaluation, evaluator, admin_user):
    _score_all(midterm_evaluation, evaluator, [90, 80, 70])
    concluded = conclude_evaluation(actor=admin_user, evaluation=midterm_evaluation, outcome="continued",
                                    comments="继续建设")
    assert concluded.total == Decimal("78.0")
    assert concluded.passed is True
    assert concluded.pilot.state == PilotState.RUNNING
    assert _kinds(evaluation=midterm_evaluation) == [(ProgrammeEventKind.EVALUATION_OPENED, admin_user.pk),
                                                     (ProgrammeEventKind.SCORED, evaluator.pk),
                                                     (ProgrammeEventKind.EVALUATION_CONCLUDED, admin_user.pk)]


def test_a_failed_midterm_cannot_continue_but_can_be_revoked(midterm_evaluation, evaluator, admin_user):
    _score_all(midterm_evaluation, evaluator, [50, 50, 60])  # 54 < 60
    with pytest.raises(ValidationFailed, match="54.0"):
        conclude_evaluation(actor=admin_user, evaluation=midterm_evaluation, outcome="continued")
    revoked = conclude_evaluation(actor=admin_user, evaluation=midterm_evaluation, outcome="revoked")
    assert revoked.pilot.state == PilotState.REVOKED
    assert revoked.pilot.ended_on == clock.today()


def test_no_conclusion_until_every_criterion_is_scored(midterm_evaluation, admin_user):
    with pytest.raises(RequirementsUnmet):
        conclude_evaluation(actor=admin_user, evaluation=midterm_evaluation, outcome="continued")


def test_a_score_outside_0_to_100_is_refused_by_criterion(midterm_evaluation, evaluator):
    with pytest.raises(ValidationFailed) as refused:
        _score_all(midterm_evaluation, evaluator, [101, "abc", 50])
    assert [p["field"] for p in refused.value.errors] == ["scores.organisation", "scores.standards"]
    assert not midterm_evaluation.scores.exists()


def test_someone_not_named_cannot_score(midterm_evaluation, admin_user):
    with pytest.raises(PermissionDeniedError):
        _score_all(midterm_evaluation, admin_user, [90, 90, 90])


def test_acceptance_below_its_pass_mark_is_extended_with_a_new_planned_end(approved_pilot, evaluator, admin_user):
    evaluation = open_evaluation(actor=admin_user, pilot=approved_pilot, stage="acceptance", evaluators=[evaluator])
    assert evaluation.pass_mark == Decimal("80.0")
    _score_all(evaluation, evaluator, [80, 80, 80, 70])  # 15×80 + 30×80 + 25×80 + 30×70 = 7700 / 100 = 77
    with pytest.raises(ValidationFailed):
        conclude_evaluation(actor=admin_user, evaluation=evaluation, outcome="accepted")
    before = approved_pilot.planned_end_on
    concluded = conclude_evaluation(actor=admin_user, evaluation=evaluation, outcome="extended", extension_months=6)
    assert concluded.total == Decimal("77.0")
    assert concluded.pilot.state == PilotState.EXTENDED
    assert concluded.pilot.planned_end_on == add_months(before, 6)


def test_acceptance_at_the_pass_mark_is_accepted(approved_pilot, evaluator, admin_user):
    evaluation = open_evaluation(actor=admin_user, pilot=approved_pilot, stage="acceptance", evaluators=[evaluator])
    _score_all(evaluation, evaluator, [80, 80, 80, 80])
    concluded = conclude_evaluation(actor=admin_user, evaluation=evaluation, outcome="accepted")
    assert concluded.pilot.state == PilotState.ACCEPTED
    with pytest.raises(InvalidTransition):
        open_evaluation(actor=admin_user, pilot=concluded.pilot, stage="acceptance", evaluators=[evaluator])


def test_one_evaluation_at_a_time(midterm_evaluation, admin_user, evaluator):
    with pytest.raises(InvalidTransition):
        open_evaluation(actor=admin_user, pilot=midterm_evaluation.pilot, stage="acceptance", evaluators=[evaluator])


def test_events_cannot_be_changed(pilot_application):
    event = ProgrammeEvent.objects.first()
    event.reason = "改写"
    with pytest.raises(ValueError):
        event.save()


def test_the_deadline_check_uses_the_replayable_clock(admin_user, national_administration, enterprise_user,
                                                      enterprise):
    from datetime import datetime

    from django.utils import timezone

    programme = make_programme(admin_user, national_administration, opens_in=-5, closes_in=5)
    later = timezone.make_aware(datetime.combine(clock.today() + timedelta(days=6), datetime.min.time()))
    with clock.as_of(later), pytest.raises(CallNotOpen):
        apply_for_pilot(actor=enterprise_user, programme=programme, organisation=enterprise, data=application_input())
