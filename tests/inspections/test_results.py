"""The inspection's results: findings with evidence and pre-filled hints, the 20-working-day time limit and the
overdue sweep with its email, correction orders and their follow-up, the public list (law art. 38), closing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed
from biaozhun.inspections import services
from biaozhun.inspections.models import (
    CampaignEvent,
    CampaignEventKind,
    CampaignState,
    CheckItem,
    CorrectionOrder,
    InspectionTimeLimit,
    OrderState,
    Outcome,
)
from biaozhun.rules.declaration_checks import CheckCode, finding
from tests.factories.files import real_pdf
from tests.fixtures.inspections import make_population

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI), tick=False)


def test_results_are_due_20_working_days_after_the_draw_over_the_holiday_calendar(committed_campaign, bureau_user):
    with at(date(2025, 9, 26)):  # the Friday before the 2025 National Day week (28 Sep and 11 Oct are workdays)
        campaign = services.draw_campaign(bureau_user, campaign=committed_campaign)
    assert campaign.results_due_on == date(2025, 10, 30) and not campaign.due_approximate


def test_the_time_limit_is_the_value_administrators_set(committed_campaign, bureau_user):
    InspectionTimeLimit.objects.filter(code="results_working_days").update(value=5)
    with at(date(2025, 9, 26)):
        campaign = services.draw_campaign(bureau_user, campaign=committed_campaign)
    assert campaign.results_due_on == date(2025, 10, 10)


def test_the_daily_sweep_marks_overdue_campaigns_once_and_emails_the_authority(
        committed_campaign, bureau_user, django_capture_on_commit_callbacks):
    with at(date(2025, 9, 26)):
        campaign = services.draw_campaign(bureau_user, campaign=committed_campaign)
    with at(date(2025, 10, 30)), django_capture_on_commit_callbacks(execute=True):
        assert services.mark_overdue(actor=SYSTEM) == 0  # the last day is still in time
    with at(date(2025, 10, 31)), django_capture_on_commit_callbacks(execute=True):
        assert services.mark_overdue(actor=SYSTEM) == 1
        assert services.mark_overdue(actor=SYSTEM) == 0
    campaign.refresh_from_db()
    assert campaign.overdue_at is not None
    assert [m.to for m in mail.outbox] == [[bureau_user.email]]
    assert campaign.title in mail.outbox[0].subject
    assert CampaignEvent.objects.filter(campaign=campaign, kind=CampaignEventKind.OVERDUE).count() == 1


def test_the_sweep_is_refused_to_people_other_than_administrators(bureau_user):
    from biaozhun.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        services.mark_overdue(actor=bureau_user)


def test_a_finding_with_evidence_is_served_to_the_authority_and_not_the_public(
        client, sampled_item, inspector_user, bureau_user):
    evidence = SimpleUploadedFile("现场照片.pdf", real_pdf("evidence"), content_type="application/pdf")
    found = services.record_finding(inspector_user, item=sampled_item, check_item=CheckItem.DISCLOSURE,
                                    outcome=Outcome.NON_CONFORMING, note="未公开性能指标", evidence=evidence)
    url = reverse("inspections:work_evidence", args=[found.pk])
    assert client.get(url).status_code == 302
    client.force_login(bureau_user)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_recorded(sampled_item, inspector_user):
    evidence = SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as refused:
        services.record_finding(inspector_user, item=sampled_item, check_item=CheckItem.DISCLOSURE,
                                outcome=Outcome.CONFORMING, evidence=evidence)
    assert refused.value.errors[0]["field"] == "evidence"
    assert not sampled_item.findings.exists()


def test_findings_are_prefilled_from_the_declarations_automatic_checks(bureau, bureau_user, pool, inspector_user):
    enterprise = make_population(1, start=500, checks=[finding(CheckCode.NO_DISCLOSURE)])[0]
    campaign = services.create_campaign(bureau_user, authority=bureau, year=2026, title="预填", rate="1",
                                        region_prefix="320102", check_items=list(CheckItem.values))
    services.commit_campaign(bureau_user, campaign=campaign)
    services.draw_campaign(bureau_user, campaign=campaign)
    item = campaign.items.get(key=enterprise.uscc)
    assert services.results.prefilled_codes(item, CheckItem.DISCLOSURE) == ["no_disclosure"]
    assert services.results.prefilled_codes(item, CheckItem.NUMBERING) == []


def test_the_inspection_cannot_complete_while_findings_are_missing(drawn_campaign, bureau_user):
    with pytest.raises(RequirementsUnmet):
        services.complete_inspection(bureau_user, campaign=drawn_campaign)
    drawn_campaign.refresh_from_db()
    assert drawn_campaign.state == CampaignState.DRAWN


def test_publication_orders_each_non_conforming_enterprise_to_correct(published_campaign):
    orders = CorrectionOrder.objects.filter(item__campaign=published_campaign)
    assert orders.count() == 1
    order = orders.get()
    assert order.check_items == [CheckItem.DISCLOSURE] and order.state == OrderState.OPEN


def test_findings_cannot_change_after_the_inspection_is_complete(published_campaign):
    item = published_campaign.items.order_by("rank").first()
    inspector = item.assignments.first().inspector.user
    with pytest.raises(InvalidTransition):
        services.record_finding(inspector, item=item, check_item=CheckItem.NUMBERING, outcome=Outcome.CONFORMING)


def test_not_corrected_is_refused_before_the_deadline_and_writes_nothing(correction_order, bureau_user):
    with pytest.raises(ValidationFailed):
        services.follow_up_order(bureau_user, order=correction_order, corrected=False)
    correction_order.refresh_from_db()
    assert correction_order.state == OrderState.OPEN and not correction_order.publicly_listed


def test_an_enterprise_that_neither_discloses_nor_corrects_is_listed_publicly(client, correction_order,
                                                                              bureau_user):
    with at(correction_order.deadline + timedelta(days=1)):
        services.follow_up_order(bureau_user, order=correction_order, corrected=False, note="逾期未公开")
    correction_order.refresh_from_db()
    assert correction_order.publicly_listed
    page = client.get(reverse("inspections:non_compliance")).content.decode()
    assert correction_order.item.enterprise.name in page
    api = client.get("/api/v1/inspections/non-compliance/").json()
    assert [row["uscc"] for row in api["items"]] == [correction_order.item.key]


def test_a_corrected_enterprise_is_not_listed_and_the_campaign_closes(client, correction_order, bureau_user):
    campaign = correction_order.item.campaign
    with pytest.raises(RequirementsUnmet):
        services.close_campaign(bureau_user, campaign=campaign)
    services.follow_up_order(bureau_user, order=correction_order, corrected=True, note="已公开指标")
    assert correction_order.item.enterprise.name not in client.get(
        reverse("inspections:non_compliance")).content.decode()
    services.close_campaign(bureau_user, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED

