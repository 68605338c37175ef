"""The demo command: one finished campaign whose draw verifies, one enterprise on the public list, one enterprise
standard abolished with its public notice; idempotent."""

import io

import pytest
from django.core.management import call_command

from biaozhun.declarations.models import DeclarationState
from biaozhun.inspections import drawing
from biaozhun.inspections.models import AbolitionNotice, Campaign, CampaignState, CorrectionOrder

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_finished_verifiable_campaign_once():
    call_command("load_demo_inspections", stdout=io.StringIO())
    campaign = Campaign.objects.get()
    assert campaign.state == CampaignState.CLOSED
    assert drawing.verify(campaign).matches
    assert CorrectionOrder.objects.filter(publicly_listed=True).count() == 1
    notice = AbolitionNotice.objects.get()
    assert notice.declaration.state == DeclarationState.ABOLISHED and notice.authority == campaign.authority
    call_command("load_demo_inspections", stdout=io.StringIO())
    assert Campaign.objects.count() == 1 and AbolitionNotice.objects.count() == 1
