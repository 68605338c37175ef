"""load_demo_leaders: self-contained (it creates its declarations when none match), one published list, idempotent."""

import io

import pytest
from django.core.management import call_command

from biaozhun.leaders.models import LeaderList, LeadersEvent, ListState, RankingRun

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_one_list_from_its_own_declarations_and_runs_twice_without_change():
    call_command("load_demo_leaders", stdout=io.StringIO())
    leader_list = LeaderList.objects.get()
    assert leader_list.state == ListState.PUBLISHED
    assert leader_list.entries.count() == 4  # 能效指数 ≤ 42 %: four of twelve (one above 62 % is excluded)
    events = LeadersEvent.objects.count()
    out = io.StringIO()
    call_command("load_demo_leaders", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (LeadersEvent.objects.count(), RankingRun.objects.count()) == (events, 1)
