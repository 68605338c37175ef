"""The demo assessments `make run` loads: every state, decisions of every kind with their effects, a replaced
version kept, an edited scheme; loaded once."""

import io

import pytest
from django.core.management import call_command

from biaozhun.assessments.models import Assessment, AssessmentScheme, AssessmentState, Decision
from biaozhun.committees.models import Committee
from tests.factories.accounts import UserFactory

from .conftest import YEAR, seated

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(tc_secretariat, national_administration, admin_user):
    for n in range(8):
        seated("SAC/TC 28" if n == 0 else f"SAC/TC {300 + n}")
    UserFactory(username="secretary", member_of=tc_secretariat, member_of__role="secretary")
    UserFactory(username="reviewer", member_of=national_administration, member_of__role="reviewer")


def test_the_demo_has_every_state_and_loads_once(demo_world):
    call_command("load_demo_assessments", stdout=io.StringIO())
    assert set(Assessment.objects.values_list("state", flat=True)) == set(AssessmentState.values)
    showcase = Assessment.objects.get(committee__code="SAC/TC 28", year=YEAR - 1)
    assert showcase.state == "finalised" and showcase.grade in ("good", "excellent")
    assert Assessment.objects.get(committee__code="SAC/TC 28", year=YEAR).state == "computed"
    decisions = {(d.measure, d.correction_closed_on is not None) for d in Decision.objects.all()}
    assert decisions == {("correction", False), ("correction", True), ("suspension", False)}
    suspended = Decision.objects.get(measure="suspension").assessment.committee
    assert Committee.objects.get(pk=suspended.pk).status == "suspended"
    replaced = Assessment.objects.get(version=2).replaces
    assert replaced.state == "finalised" and replaced.year == YEAR - 1
    assert AssessmentScheme.objects.get(year=YEAR).version == 2
    count = Assessment.objects.count()
    out = io.StringIO()
    call_command("load_demo_assessments", stdout=out)
    assert Assessment.objects.count() == count and "nothing loaded" in out.getvalue()
