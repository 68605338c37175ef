"""A leader's declaration carries the 领跑者 badge on its public page; other declarations do not."""

import pytest
from django.core.management import call_command

from biaozhun.leaders.models import EntryState, LeaderEntry
from tests.factories.declarations import DeclarationFactory, EnterpriseProfileFactory

pytestmark = pytest.mark.django_db


def test_the_declaration_page_of_a_listed_leader_shows_the_badge_linking_to_its_list(client):
    call_command("load_demo_leaders", stdout=None)
    entry = LeaderEntry.objects.filter(state=EntryState.LISTED).first()
    page = client.get(f"/declarations/{entry.declaration_id}/")
    assert page.status_code == 200
    assert b"leader-badge" in page.content
    assert f'href="/leaders/lists/{entry.leader_list_id}/"'.encode() in page.content


def test_a_declaration_that_leads_no_list_has_no_badge(client):
    declaration = DeclarationFactory(enterprise=EnterpriseProfileFactory().organisation)
    page = client.get(f"/declarations/{declaration.pk}/")
    assert page.status_code == 200
    assert b"leader-badge" not in page.content
