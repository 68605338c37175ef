"""The periodic export for regulators and consumer associations: the feedback on standards in their field, as an XLSX
from the safe writer, without personal data; emailed when its period ends (once), downloadable for any period by
the organisation's people (recorded in the audit log), refused to others."""

import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.audit.models import AuditRecord
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.feedback.exports import is_due, items_for, period_before, workbook
from biaozhun.feedback.models import ExportSubscription, FeedbackSettingEvent
from biaozhun.feedback.services.exports import send_due_exports
from biaozhun.feedback.services.tables import add_subscription, change_subscription
from tests.factories.accounts import UserFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import VISITOR, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def consumer_user(consumer_association):
    return UserFactory(member_of=consumer_association, member_of__role="member")


@pytest.fixture
def items(tc28_committee, tc_secretariat, national_administration):
    """Two items in March 2026 in the subscription's field (ICS 03.120), one elsewhere, one in April."""
    in_field = make_standard("GB/T 19001-2016")  # ICS 03.120.10
    elsewhere = make_standard("GB/T 5271.1-2000", ics=["35.020"], tc_code="SAC/TC 28")
    with time_machine.travel(date(2026, 3, 10), tick=False):
        first = submit(in_field, text="=HYPERLINK(\"http://evil.example\",\"点击\") 第 5 条有误，请核实。")
        submit(elsewhere)
    with time_machine.travel(date(2026, 3, 31), tick=False):
        second = submit(in_field)
    with time_machine.travel(date(2026, 4, 1), tick=False):
        submit(in_field)
    return first, second


def test_the_export_holds_the_fields_items_of_the_period_without_personal_data(items, export_subscription):
    first, second = items
    assert list(items_for(export_subscription, date(2026, 3, 1), date(2026, 3, 31))) == [first, second]
    sheet = load_workbook(io.BytesIO(workbook(export_subscription, date(2026, 3, 1), date(2026, 3, 31)))).active
    rows = list(sheet.values)
    assert rows[0][0] == "查询编号" and len(rows) == 3
    assert rows[1][0] == first.tracking_number and rows[1][8].startswith("反馈人 #")
    cell = sheet.cell(row=2, column=8)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, never a live formula
    flat = " ".join(str(v) for row in rows for v in row if v is not None)
    assert VISITOR.name not in flat and VISITOR.email not in flat and VISITOR.phone not in flat


def test_a_monthly_export_is_due_on_the_first_and_sent_once(items, export_subscription, consumer_user,
                                                             django_capture_on_commit_callbacks):
    assert period_before(export_subscription, date(2026, 4, 15)) == (date(2026, 3, 1), date(2026, 3, 31))
    mail.outbox.clear()
    with time_machine.travel(date(2026, 4, 1), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_due_exports(actor=SYSTEM) == 1
        assert send_due_exports(actor=SYSTEM) == 0
    [email] = mail.outbox
    assert email.to == [consumer_user.email] and "2026-03-01" in email.subject
    [(name, content, kind)] = email.attachments
    assert name.endswith("-20260301-20260331.xlsx") and len(list(load_workbook(io.BytesIO(content)).active.values)) == 3
    event = FeedbackSettingEvent.objects.get(kind="export_sent")
    assert (event.actor, event.data["items"], event.data["recipients"]) == (None, 2, 1)
    export_subscription.refresh_from_db()
    assert export_subscription.last_sent_on == date(2026, 4, 1)
    assert not is_due(export_subscription, date(2026, 4, 30)) and is_due(export_subscription, date(2026, 5, 1))


def test_a_weekly_export_covers_the_week_before_monday(export_subscription, admin_user):
    weekly = change_subscription(actor=admin_user, subscription=export_subscription, changes={"frequency": "weekly"})
    assert period_before(weekly, date(2026, 3, 11)) == (date(2026, 3, 2), date(2026, 3, 8))


def test_a_subscription_needs_a_regulator_or_consumer_association_and_a_field(admin_user, enterprise, ministry):
    with pytest.raises(ValidationFailed) as refused:
        add_subscription(actor=admin_user, data={"organisation": enterprise, "tc_codes": "sac/tc 28"})
    assert [p["field"] for p in refused.value.errors] == ["organisation"]
    with pytest.raises(ValidationFailed) as refused:
        add_subscription(actor=admin_user, data={"organisation": ministry})
    assert [p["field"] for p in refused.value.errors] == ["ics_prefixes"]
    subscription = add_subscription(actor=admin_user, data={"organisation": ministry, "tc_codes": "sac/tc 28， SAC/TC 46"})
    assert subscription.tc_codes == ["SAC/TC 28", "SAC/TC 46"]
    assert ExportSubscription.objects.count() == 1


def test_the_organisations_people_download_any_period_and_the_download_is_audited(client, items, export_subscription,
                                                                                  consumer_user):
    client.force_login(consumer_user)
    page = client.get(reverse("feedback:exports")).content.decode()
    assert "中国消费者协会" in page
    url = reverse("feedback:export_download", args=[export_subscription.pk])
    response = client.get(url, {"start": "2026-03-01", "end": "2026-04-30"})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert len(list(load_workbook(io.BytesIO(response.content)).active.values)) == 4
    record = AuditRecord.objects.get(kind="data_exported")
    assert (record.user, record.data["start"], record.data["end"]) == (consumer_user, "2026-03-01", "2026-04-30")


def test_others_may_not_download_a_subscription(client, export_subscription, ministry_user, registered_user):
    for person in (ministry_user, registered_user):
        client.force_login(person)
        assert client.get(reverse("feedback:export_download", args=[export_subscription.pk])).status_code == 403
    with pytest.raises(PermissionDeniedError):
        send_due_exports(actor=ministry_user)
    assert not AuditRecord.objects.filter(kind="data_exported").exists()
