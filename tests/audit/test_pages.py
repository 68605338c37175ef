"""The auditor's audit log page, its exports (themselves audited), the read-only admin, and the roles page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.audit.models import AdminRole, AuditKind, AuditRecord, Outcome, RoleAssignment
from biaozhun.audit.records import record
from biaozhun.core.actors import SYSTEM
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_records():
    alice = UserFactory(username="alice")
    record(AuditKind.LOGIN, actor=alice)
    record(AuditKind.LOGIN_FAILED, actor=SYSTEM, username="=HYPERLINK(\"x\")", outcome=Outcome.FAILURE)
    return alice


def test_the_auditor_reads_and_filters_the_log(client, auditor_user, some_records):
    client.force_login(auditor_user)
    page = client.get(reverse("audit:log")).content.decode()
    assert "安全审计日志" in page and "alice" in page and "HYPERLINK" in page
    failed = client.get(reverse("audit:log"), {"outcome": "failure"}).content.decode()
    assert "HYPERLINK" in failed and "alice" not in failed
    by_user = client.get(reverse("audit:log"), {"username": "ALICE", "kind": "login"}).content.decode()
    assert "alice" in by_user and "HYPERLINK" not in by_user
    wrong_dates = client.get(reverse("audit:log"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert "截止日期不能早于起始日期" in wrong_dates.content.decode()


@pytest.mark.parametrize("role", ["admin_user", "security_admin_user", "registered_user"])
def test_nobody_but_an_auditor_reads_the_log(client, request, role, some_records):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("audit:log"))
    assert response.status_code == 403
    assert "只有审计员可以查看" in response.content.decode()
    assert client.get(reverse("audit:log"), {"export": "csv"}).status_code == 403
    assert not AuditRecord.objects.filter(kind=AuditKind.AUDIT_LOG_EXPORTED).exists()


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("audit:log"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_csv_export_is_audited_and_keeps_formulas_as_text(client, auditor_user, some_records):
    client.force_login(auditor_user)
    response = client.get(reverse("audit:log"), {"export": "csv", "outcome": "failure"}, REMOTE_ADDR="192.0.2.4")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "alice" not in text
    exported = AuditRecord.objects.get(kind=AuditKind.AUDIT_LOG_EXPORTED)
    assert (exported.user, exported.address, exported.data) == (
        auditor_user, "192.0.2.4", {"format": "csv", "filters": {"outcome": "failure"}, "rows": 1})


def test_an_export_over_the_limit_asks_for_a_narrower_filter(client, auditor_user, some_records, monkeypatch):
    from biaozhun.audit import views

    monkeypatch.setattr(views, "EXPORT_LIMIT", 1)
    client.force_login(auditor_user)
    response = client.get(reverse("audit:log"), {"export": "csv"})
    assert response["Content-Type"].startswith("text/html") and "请缩小日期范围" in response.content.decode()
    assert not AuditRecord.objects.filter(kind=AuditKind.AUDIT_LOG_EXPORTED).exists()


def test_my_account_links_the_log_for_auditors_only(client, auditor_user, admin_user):
    client.force_login(auditor_user)
    assert reverse("audit:log") in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(admin_user)
    assert reverse("audit:log") not in client.get(reverse("accounts:profile")).content.decode()


def test_xlsx_export(client, auditor_user, some_records):
    client.force_login(auditor_user)
    response = client.get(reverse("audit:log"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and len(rows) == 1 + AuditRecord.objects.count() - 1  # the export's own record after


def test_the_admin_shows_records_to_auditors_only_and_never_edits(client, admin_client, auditor_user, some_records):
    entry = AuditRecord.objects.order_by("seq").first()
    assert admin_client.get(reverse("admin:audit_auditrecord_changelist")).status_code == 403  # a superuser
    auditor_user.is_staff = True
    auditor_user.save(update_fields=["is_staff"])
    client.force_login(auditor_user)
    assert client.get(reverse("admin:audit_auditrecord_changelist")).status_code == 200
    change = reverse("admin:audit_auditrecord_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # read-only view
    assert client.post(change, {"outcome": "failure"}).status_code == 403
    assert client.post(reverse("admin:audit_auditrecord_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.outcome == Outcome.SUCCESS


def test_the_security_administrator_grants_roles_on_the_roles_page(client, security_admin_user):
    person = UserFactory(username="shenji")
    client.force_login(security_admin_user)
    response = client.post(reverse("audit:roles"), {"username": "shenji", "role": "auditor", "action": "grant"})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=person, role=AdminRole.AUDITOR).exists()
    RoleAssignment.objects.create(user=person, role=AdminRole.SECURITY_ADMINISTRATOR, granted_at=person.date_joined)
    refused = client.post(reverse("audit:roles"), {"username": "shenji", "role": "system_administrator",
                                                   "action": "grant"})
    assert refused.status_code == 422 and "三权分立" in refused.content.decode()
    own = client.post(reverse("audit:roles"), {"username": security_admin_user.username, "role": "auditor"})
    assert own.status_code == 422 and "不能为自己办理" in own.content.decode()
    client.post(reverse("audit:roles"), {"username": "shenji", "role": "auditor", "action": "withdraw"})
    assert not RoleAssignment.objects.filter(user=person, role=AdminRole.AUDITOR).exists()


def test_the_roles_page_is_for_security_administrators(client, auditor_user):
    client.force_login(auditor_user)
    assert client.get(reverse("audit:roles")).status_code == 403
