"""The demo propagation `make run` loads: an abolition and a replacement reaching the demo secretary's committee,
the ministry and the bureau, dated and undated; flags open and resolved; loaded once."""

import io

import pytest
from django.core.management import call_command

from biaozhun.propagation.models import Change, Flag, FlagState
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_accounts(tc_secretariat, ministry, bureau, national_administration):
    UserFactory(username="secretary", member_of=tc_secretariat, member_of__role="secretary")
    UserFactory(username="miit", member_of=ministry, member_of__role="member")
    UserFactory(username="jiangsu", member_of=bureau, member_of__role="member")


def test_the_demo_has_flags_in_both_states_and_loads_once(demo_accounts, tc_secretariat, ministry, bureau):
    out = io.StringIO()
    call_command("load_demo_propagation", stdout=out)
    assert set(Change.objects.values_list("kind", flat=True)) == {"abolished", "replaced"}
    assert set(Flag.objects.values_list("state", flat=True)) == set(FlagState.values)
    assert set(Flag.objects.values_list("owner", flat=True)) == {tc_secretariat.pk, ministry.pk, bureau.pk}
    assert set(Flag.objects.values_list("citation", flat=True)) == {"dated", "undated"}
    assert "2 resolved" in out.getvalue()
    count = Flag.objects.count()
    call_command("load_demo_propagation", stdout=io.StringIO())
    assert Flag.objects.count() == count


def test_without_the_demo_accounts_it_says_what_to_run_first(db):
    out = io.StringIO()
    call_command("load_demo_propagation", stdout=out)
    assert "load_demo_projects" in out.getvalue() and not Flag.objects.exists()
