"""The demo: the 2019 service-industry call with four applications, three pilots, two passed mid-term evaluations
and one open; this year's open call. Loading it twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from biaozhun.programmes.models import Evaluation, Pilot, PilotApplication, Programme, ProgrammeEvent

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_call_with_pilots_and_midterm_evaluations_once():
    call_command("load_demo_programmes", stdout=io.StringIO())
    call = Programme.objects.get(year=2019)
    assert call.state == "decided"
    assert sorted(PilotApplication.objects.values_list("state", flat=True)) == [
        "approved", "approved", "approved", "rejected"]
    assert Pilot.objects.count() == 3
    assert sorted((e.state, e.outcome, str(e.total)) for e in Evaluation.objects.all()) == [
        ("concluded", "accepted", "89.5"), ("concluded", "continued", "71.3"), ("concluded", "continued", "86.1"),
        ("open", "", "None")]
    assert sorted(Pilot.objects.values_list("state", flat=True)) == ["accepted", "running", "running"]
    assert Programme.objects.get(state="open").programme_type.code == "standardisation-plus"
    events = ProgrammeEvent.objects.count()
    out = io.StringIO()
    call_command("load_demo_programmes", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert ProgrammeEvent.objects.count() == events
