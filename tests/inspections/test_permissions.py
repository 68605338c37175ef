"""Refusals write nothing: another authority, an enterprise, an inspector not drawn for the enterprise, the public."""

import pytest
from django.urls import reverse

from biaozhun.core.errors import PermissionDeniedError
from biaozhun.inspections import services
from biaozhun.inspections.models import Campaign, CampaignEvent, CampaignState, CheckItem, Finding, Inspector, Outcome
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _written():
    return CampaignEvent.objects.count(), Campaign.objects.count(), Finding.objects.count(), Inspector.objects.count()


def test_another_bureau_can_neither_commit_nor_draw_and_nothing_is_written(draft_campaign, other_bureau):
    stranger = UserFactory(member_of=other_bureau)
    before = _written()
    with pytest.raises(PermissionDeniedError):
        services.commit_campaign(stranger, campaign=draft_campaign)
    with pytest.raises(PermissionDeniedError):
        services.create_campaign(stranger, authority=draft_campaign.authority, year=2026, title="x", size=1,
                                 check_items=["numbering"])
    with pytest.raises(PermissionDeniedError):
        services.add_inspector(stranger, authority=draft_campaign.authority, number="X1", name="某人")
    assert _written() == before
    draft_campaign.refresh_from_db()
    assert draft_campaign.state == CampaignState.DRAFT and not draft_campaign.commitment


def test_an_enterprise_posting_a_move_is_refused_and_nothing_is_written(client, committed_campaign, enterprise_user):
    client.force_login(enterprise_user)
    before = _written()
    response = client.post(reverse("inspections:work_move", args=[committed_campaign.pk, "draw"]))
    assert response.status_code == 403
    assert _written() == before
    committed_campaign.refresh_from_db()
    assert committed_campaign.state == CampaignState.COMMITTED and not committed_campaign.seed_revealed


def test_only_an_inspector_drawn_for_the_enterprise_records_its_findings(client, sampled_item, inspector_user,
                                                                         bureau):
    other = UserFactory()
    Inspector.objects.create(authority=bureau, number="JS7777", name="未派", user=other)
    before = _written()
    with pytest.raises(PermissionDeniedError):
        services.record_finding(other, item=sampled_item, check_item=CheckItem.NUMBERING,
                                outcome=Outcome.CONFORMING)
    client.force_login(other)
    response = client.post(reverse("inspections:work_item", args=[sampled_item.pk]),
                           {"check_item": "numbering", "outcome": "conforming"})
    assert response.status_code == 403
    assert _written() == before
    client.force_login(inspector_user)
    response = client.post(reverse("inspections:work_item", args=[sampled_item.pk]),
                           {"check_item": "numbering", "outcome": "conforming"})
    assert response.status_code == 302
    assert sampled_item.findings.get().recorded_by == inspector_user


def test_the_evidence_of_a_finding_is_refused_to_an_enterprise(client, finding, enterprise_user):
    client.force_login(enterprise_user)
    assert client.get(reverse("inspections:work_evidence", args=[finding.pk])).status_code in (403, 404)
