"""An assessment through its states (draft → computed → scored → finalised), each move one event with its actor;
a finalised one never changes (computing it again makes a new version, the old one kept); refusals write nothing;
the scheme of a year, edited as versions."""

from decimal import Decimal

import pytest

from biaozhun.assessments.models import Assessment, AssessmentEvent, AssessmentScheme
from biaozhun.assessments.services import (
    StaleEdit,
    compute_assessment,
    ensure_scheme,
    finalise_assessment,
    open_assessment,
    run_assessments,
    score_assessment,
    update_scheme,
)
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.rules.assessment import DEFAULT_SCHEME

from .conftest import YEAR, finalised, seated

pytestmark = pytest.mark.django_db


def _kinds(assessment):
    return list(assessment.events.order_by("id").values_list("kind", "from_state", "to_state", "actor"))


def test_an_assessment_moves_draft_computed_scored_finalised_with_one_event_per_move(committee, reviewer_user,
                                                                                      admin_user):
    assessment = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    assert (assessment.version, assessment.state, float(assessment.total)) == (1, "computed", 100.0)
    score_assessment(actor=reviewer_user, assessment=assessment, scores={"secretariat": 80})
    assessment.refresh_from_db()
    assert assessment.state == "computed"  # openness not yet scored
    assert float(assessment.total) == 90.0  # (10×100 + 10×80) / 20
    score_assessment(actor=reviewer_user, assessment=assessment, scores={"openness": 50}, note="秘书处运行规范。")
    assessment.refresh_from_db()
    assert (assessment.state, float(assessment.total), assessment.grade) == ("scored", 76.7, "good")
    finalise_assessment(actor=admin_user, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == "finalised" and assessment.finalised_by == admin_user
    assert _kinds(assessment) == [
        ("created", "", "draft", reviewer_user.pk), ("computed", "draft", "computed", reviewer_user.pk),
        ("scored", "computed", "computed", reviewer_user.pk), ("scored", "computed", "scored", reviewer_user.pk),
        ("finalised", "scored", "finalised", admin_user.pk)]
    scored = assessment.events.filter(kind="scored").last()
    assert scored.data == {"before": {"secretariat": 80.0, "openness": None},
                           "after": {"secretariat": 80.0, "openness": 50.0}, "note_changed": True}


def test_a_finalised_assessment_is_never_changed_and_computing_it_again_makes_a_new_version(committee, admin_user):
    first = finalised(committee, admin_user, secretariat=90, openness=90)
    frozen = Assessment.objects.values().get(pk=first.pk)
    events = first.events.count()
    with pytest.raises(InvalidTransition, match="已定稿"):
        score_assessment(actor=admin_user, assessment=first, scores={"secretariat": 10})
    second = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    assert (second.version, second.replaces, second.state) == (2, first, "computed")
    assert second.manual == first.manual  # carried over for the assessor to confirm
    assert Assessment.objects.values().get(pk=first.pk) == frozen
    assert first.events.count() == events
    assert [kind for kind, *_rest in _kinds(second)] == ["created", "computed"]
    assert second.events.get(kind="created").data["replaces"] == first.pk
    # The yearly run leaves the current version's state alone once it is finalised, and makes no new version.
    finalise_assessment(actor=admin_user, assessment=score_assessment(
        actor=admin_user, assessment=second, scores={"secretariat": 90, "openness": 90}))
    result = run_assessments(actor=admin_user, year=YEAR)
    assert (result.created, result.computed, result.finalised_kept) == (0, 0, 1)
    assert Assessment.objects.filter(committee=committee).count() == 2


def test_an_assessment_opened_as_a_draft_is_computed_in_place_and_opened_only_once(committee, reviewer_user):
    draft = open_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    assert (draft.state, draft.figures, draft.total) == ("draft", {}, None)
    with pytest.raises(InvalidTransition, match="已经建立"):
        open_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    computed = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    assert computed.pk == draft.pk and computed.state == "computed"
    assert [kind for kind, *_rest in _kinds(computed)] == ["created", "computed"]
    assert computed.events.get(kind="computed").from_state == "draft"


def test_recomputing_an_assessment_under_way_keeps_its_scores_and_its_row(committee, reviewer_user):
    assessment = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    score_assessment(actor=reviewer_user, assessment=assessment, scores={"secretariat": 70, "openness": 70})
    again = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    assert again.pk == assessment.pk and again.state == "scored"
    assert again.manual["secretariat"]["score"] == 70.0
    assert again.events.filter(kind="computed").count() == 2


def test_finalising_before_every_item_is_scored_is_refused_and_writes_nothing(committee, admin_user):
    assessment = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    score_assessment(actor=admin_user, assessment=assessment, scores={"secretariat": 70})
    events = AssessmentEvent.objects.count()
    with pytest.raises(InvalidTransition, match="openness"):
        finalise_assessment(actor=admin_user, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == "computed" and assessment.finalised_at is None
    assert AssessmentEvent.objects.count() == events


def test_scores_outside_0_to_100_are_refused_naming_the_item_and_write_nothing(committee, reviewer_user):
    assessment = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    before = Assessment.objects.values().get(pk=assessment.pk)
    events = AssessmentEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        score_assessment(actor=reviewer_user, assessment=assessment,
                         scores={"secretariat": 120, "openness": "很好", "speed": 5})
    fields = {problem["field"] for problem in refused.value.errors}
    assert fields == {"scores.secretariat", "scores.openness", "scores"}
    assert any("秘书处工作" in problem["message"] for problem in refused.value.errors)
    assert Assessment.objects.values().get(pk=assessment.pk) == before
    assert AssessmentEvent.objects.count() == events


@pytest.mark.parametrize("role", ["registered_user", "secretariat_user", "enterprise_user"])
def test_only_the_administration_computes_and_a_refusal_writes_nothing(request, committee, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDeniedError):
        compute_assessment(actor=actor, committee=committee, year=YEAR)
    with pytest.raises(PermissionDeniedError):
        run_assessments(actor=actor, year=YEAR)
    assert not Assessment.objects.exists() and not AssessmentEvent.objects.exists()
    assert not AssessmentScheme.objects.exists()


def test_a_reviewer_scores_but_only_an_administrator_finalises(committee, reviewer_user):
    assessment = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    score_assessment(actor=reviewer_user, assessment=assessment, scores={"secretariat": 70, "openness": 70})
    with pytest.raises(PermissionDeniedError):
        finalise_assessment(actor=reviewer_user, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == "scored"


def test_a_year_not_yet_begun_and_a_revoked_committee_are_not_assessed(admin_user):
    revoked = seated("SAC/TC 77", status="revoked")
    active = seated("SAC/TC 78")
    with pytest.raises(ValidationFailed) as refused:
        compute_assessment(actor=admin_user, committee=active, year=YEAR + 1)
    assert refused.value.errors[0]["field"] == "year"
    with pytest.raises(InvalidTransition, match="撤销"):
        compute_assessment(actor=admin_user, committee=revoked, year=YEAR)
    assert not Assessment.objects.exists()


def test_a_failing_year_after_a_failing_year_calls_for_a_heavier_measure(committee, admin_user):
    last_year = compute_assessment(actor=admin_user, committee=committee, year=YEAR - 1)
    score_assessment(actor=admin_user, assessment=last_year, scores={"secretariat": 60, "openness": 60})
    finalise_assessment(actor=admin_user, assessment=last_year)
    last_year.refresh_from_db()
    assert last_year.grade == "pass"  # (1000 + 600 + 600) / 30 = 73.3
    this_year = finalised(committee, admin_user, secretariat=30, openness=30)  # (1000 + 300 + 300) / 30 = 53.3
    assert (this_year.grade, this_year.measure) == ("fail", "correction")
    other = seated("SAC/TC 79")
    failed = finalised(other, admin_user, secretariat=30, openness=30)
    failed.refresh_from_db()
    Assessment.objects.filter(pk=failed.pk).update(year=YEAR - 1)  # the same result, a year earlier
    again = finalised(other, admin_user, secretariat=30, openness=30)
    assert (again.grade, again.measure) == ("fail", "suspension")


# --- The scheme of a year ----------------------------------------------------------------------------------
def test_a_year_starts_from_the_default_scheme_then_from_the_year_before(admin_user):
    first = ensure_scheme(actor=admin_user, year=YEAR - 1)
    assert first.config == DEFAULT_SCHEME.as_dict() and first.version == 1
    config = dict(first.config, pass_from=65.0)
    update_scheme(actor=admin_user, year=YEAR - 1, config=config, expected_version=1)
    second = ensure_scheme(actor=admin_user, year=YEAR)
    assert second.config["pass_from"] == 65.0
    assert second.events.get().data["copied_from"] == YEAR - 1


def test_editing_the_scheme_makes_a_new_version_and_changes_no_assessment_made_before(committee, admin_user):
    before = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    scheme = AssessmentScheme.objects.get(year=YEAR)
    config = scheme.config | {"manual_items": [{"code": "secretariat", "name_zh": "秘书处工作", "name_en": "",
                                                "weight": 20}]}
    updated = update_scheme(actor=admin_user, year=YEAR, config=config, expected_version=1)
    assert updated.version == 2
    event = updated.events.get(kind="scheme_changed")
    assert event.data["before"]["manual_items"][1]["code"] == "openness"
    assert list(event.data["after"]) == ["manual_items"]
    before.refresh_from_db()
    assert before.scheme_version == 1 and "openness" in before.manual
    again = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    assert again.scheme_version == 2 and list(again.manual) == ["secretariat"]


def test_an_invalid_or_stale_scheme_is_refused_with_its_fields_and_writes_nothing(admin_user, reviewer_user):
    scheme = ensure_scheme(actor=admin_user, year=YEAR)
    events = AssessmentEvent.objects.count()
    bad = scheme.config | {"pass_from": 95.0, "correction_days": 0}
    with pytest.raises(ValidationFailed) as refused:
        update_scheme(actor=admin_user, year=YEAR, config=bad, expected_version=1)
    messages = {problem["field"]: problem["message"] for problem in refused.value.errors}
    assert set(messages) == {"pass_from", "correction_days"}
    assert messages["pass_from"].startswith("合格分数线：")
    with pytest.raises(StaleEdit):
        update_scheme(actor=admin_user, year=YEAR, config=scheme.config | {"pass_from": 65.0}, expected_version=3)
    with pytest.raises(PermissionDeniedError):
        update_scheme(actor=reviewer_user, year=YEAR, config=scheme.config | {"pass_from": 65.0},
                      expected_version=1)
    scheme.refresh_from_db()
    assert scheme.version == 1 and scheme.config["pass_from"] == 60.0
    assert AssessmentEvent.objects.count() == events


def test_the_total_is_stored_to_one_decimal(committee, admin_user):
    assessment = finalised(committee, admin_user, secretariat=33.33, openness=0)
    assert assessment.total == Decimal("44.4")  # (1000 + 333.3) / 30 = 44.44
