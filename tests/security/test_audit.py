"""Finding 4 of issue 9, "audit log incomplete and editable": sign-ins, failed sign-ins, sign-outs, password
changes and resets and a superuser granted in the admin each write a security audit record with the client's
address and the outcome; history tables refuse UPDATE and DELETE in the database itself (ORM, bulk and raw SQL);
the hash chain detects tampering; the retention purge exports before it deletes and leaves a verifiable chain;
no account holds all three administrative roles.

Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://... pytest --create-db -p no:xdist this file)."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from biaozhun.accounts.models import AccountEvent
from biaozhun.audit import chain, roles
from biaozhun.audit.models import AdminRole, AuditKind, AuditPurge, AuditRecord, Outcome, RoleAssignment
from biaozhun.audit.records import record
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.core.append_only_db import guards_suspended, installed
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.core.models import AppendOnly, AppendOnlyError
from tests.accounts.test_admin import user_form
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Tester/1.0"}
NEW_PASSWORD = "Xin-mi-ma-2026!"


def only(kind: str) -> AuditRecord:
    (found,) = AuditRecord.objects.filter(kind=kind)
    return found


def verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


# --- Who did what, from where -------------------------------------------------------------------------------
def test_a_login_is_recorded_with_address_user_agent_and_outcome(client):
    user = UserFactory(username="zhangsan")
    response = client.post(reverse("accounts:login"), {"username": "zhangsan", "password": DEFAULT_PASSWORD},
                           **ADDRESS)
    assert response.status_code == 302
    entry = only(AuditKind.LOGIN)
    assert (entry.user, entry.username, entry.address, entry.user_agent, entry.outcome) == (
        user, "zhangsan", "203.0.113.7", "Tester/1.0", Outcome.SUCCESS)


def test_a_failed_login_is_recorded_with_the_username_as_typed(client):
    user = UserFactory(username="lisi", email="lisi@example.com")
    response = client.post(reverse("accounts:login"), {"username": "LiSi@Example.com", "password": "wrong"},
                           **ADDRESS)
    assert response.status_code == 200  # the form again, with its error
    entry = only(AuditKind.LOGIN_FAILED)
    assert (entry.user, entry.username, entry.address, entry.outcome, entry.target_id) == (
        None, "LiSi@Example.com", "203.0.113.7", Outcome.FAILURE, str(user.pk))
    assert not AuditRecord.objects.filter(kind=AuditKind.LOGIN).exists()


def test_an_unknown_username_is_recorded_too(client):
    client.post(reverse("accounts:login"), {"username": "nobody", "password": "x"}, **ADDRESS)
    entry = only(AuditKind.LOGIN_FAILED)
    assert (entry.username, entry.target_id) == ("nobody", "")


def test_the_address_comes_from_x_forwarded_for_only_behind_a_trusted_proxy(client, settings):
    UserFactory(username="wangwu")
    form = {"username": "wangwu", "password": "wrong"}
    client.post(reverse("accounts:login"), form, HTTP_X_FORWARDED_FOR="198.51.100.9", **ADDRESS)
    settings.BIAOZHUN_TRUST_X_FORWARDED_FOR = True
    client.post(reverse("accounts:login"), form, HTTP_X_FORWARDED_FOR="198.51.100.9", **ADDRESS)
    assert list(AuditRecord.objects.order_by("seq").values_list("address", flat=True)) == [
        "203.0.113.7", "198.51.100.9"]


def test_a_logout_is_recorded(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:logout"), **ADDRESS)
    entry = only(AuditKind.LOGOUT)
    assert (entry.user, entry.address, entry.outcome) == (user, "203.0.113.7", Outcome.SUCCESS)


def test_a_password_change_is_recorded(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, **ADDRESS)
    assert response.status_code == 302
    entry = only(AuditKind.PASSWORD_CHANGED)
    assert (entry.user, entry.target_id, entry.address, entry.data) == (
        user, str(user.pk), "203.0.113.7", {"by_administrator": False})


def test_a_refused_password_change_writes_no_password_record(client):
    client.force_login(UserFactory())
    client.post(reverse("accounts:password_change"), {
        "old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not AuditRecord.objects.filter(kind=AuditKind.PASSWORD_CHANGED).exists()


def test_a_password_reset_request_and_its_completion_are_recorded(client):
    user = UserFactory(email="zhao@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "zhao@example.com"}, **ADDRESS)
    requested = only(AuditKind.PASSWORD_RESET_REQUESTED)
    assert (requested.address, requested.target_id, requested.data) == (
        "203.0.113.7", str(user.pk), {"email": "zhao@example.com", "accounts": [user.pk]})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                **ADDRESS)
    done = only(AuditKind.PASSWORD_RESET_DONE)
    assert (done.user, done.address, done.outcome) == (user, "203.0.113.7", Outcome.SUCCESS)


def test_a_password_set_by_an_administrator_in_the_admin_is_recorded(admin_client, admin_user):
    user = UserFactory()
    response = admin_client.post(reverse("admin:auth_user_password_change", args=[user.pk]), {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}, **ADDRESS)
    assert response.status_code == 302
    entry = only(AuditKind.PASSWORD_CHANGED)
    assert (entry.user, entry.target_id, entry.data) == (admin_user, str(user.pk), {"by_administrator": True})


def test_granting_superuser_in_the_admin_is_recorded_with_address(admin_client, admin_user):
    user = UserFactory()
    response = admin_client.post(reverse("admin:accounts_user_change", args=[user.pk]),
                                 user_form(user, is_superuser="on"), **ADDRESS)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = only(AuditKind.ACCESS_CHANGED)
    assert (entry.user, entry.target_id, entry.address, entry.outcome) == (
        admin_user, str(user.pk), "203.0.113.7", Outcome.SUCCESS)
    assert entry.data["before"] == {"is_superuser": False} and entry.data["after"] == {"is_superuser": True}
    assert entry.data["account_event"] == AccountEvent.objects.get(kind="user_access_changed").pk


def test_account_signals_of_lockout_and_second_factor_are_recorded():
    from biaozhun.accounts import signals

    user = UserFactory()
    signals.sign_in_locked.send(sender=None, request=None, scope="account", key=user.username, user=user,
                                locked_until=timezone.now(), failures=5)
    signals.second_factor_enrolled.send(sender=None, request=None, actor=user, user=user, device="totp")
    locked, enrolled = AuditRecord.objects.order_by("seq")
    assert (locked.kind, locked.user, locked.target_id) == (AuditKind.ACCOUNT_LOCKED, None, str(user.pk))
    assert (locked.data["scope"], locked.data["failures"]) == ("account", 5)
    assert (enrolled.kind, enrolled.user, enrolled.data) == (AuditKind.MFA_ENROLLED, user, {"device": "totp"})


# --- Append-only in the database ----------------------------------------------------------------------------
def _append_only_tables() -> list[str]:
    return sorted(model._meta.db_table for model in apps.get_models() if issubclass(model, AppendOnly))


def test_every_append_only_model_has_its_triggers_on_this_database():
    """A new event model must get AppendOnlyTriggers in its migration (core/append_only_db.py)."""
    tables = _append_only_tables()
    assert {"audit_auditrecord", "audit_auditpurge", "accounts_accountevent", "catalog_standardevent"} <= set(tables)
    expected = {"update", "delete", "truncate"} if connection.vendor == "postgresql" else {"update", "delete"}
    guarded = installed(connection)
    assert {table: guarded.get(table, set()) for table in tables} == {table: expected for table in tables}


def _refused(sql: str, *params) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_audit_records_refuse_orm_bulk_and_raw_sql_changes():
    entry = record(AuditKind.LOGIN, actor=UserFactory())
    entry.data = {"rewritten": True}
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.filter(pk=entry.pk).update(outcome=Outcome.FAILURE)
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(pk=entry.pk)._raw_delete(connection.alias)  # below the queryset's guard
    _refused("UPDATE audit_auditrecord SET outcome = 'failure' WHERE id = %s", entry.pk)
    _refused("DELETE FROM audit_auditrecord WHERE id = %s", entry.pk)
    entry.refresh_from_db()
    assert entry.outcome == Outcome.SUCCESS and verify().startswith("audit log chain OK")


def test_event_tables_refuse_raw_sql_changes(registered_user):
    from biaozhun.accounts import events

    event = events.user_updated(registered_user, actor=SYSTEM, before={"phone": ""}, after={"phone": "1"})
    _refused("UPDATE accounts_accountevent SET kind = 'user_updated' WHERE id = %s", event.pk)
    _refused("DELETE FROM accounts_accountevent WHERE id = %s", event.pk)
    with pytest.raises(AppendOnlyError):
        AccountEvent.objects.filter(pk=event.pk).update(kind="user_updated")


def test_old_records_are_deleted_only_through_a_purge_anchor_and_never_younger_than_six_months():
    with clock.as_of(timezone.now() - timedelta(days=400)):
        old = record(AuditKind.LOGIN, actor=SYSTEM)
    young = record(AuditKind.LOGIN, actor=SYSTEM)
    _refused("DELETE FROM audit_auditrecord WHERE id = %s", old.pk)  # no purge says so
    AuditPurge.objects.create(at=clock.now(), cutoff=clock.now(), through_seq=young.seq, last_hash=young.hash,
                              records=2, export_file="-", export_sm3="-")  # even a (forged) anchor covering it:
    _refused("DELETE FROM audit_auditrecord WHERE id = %s", young.pk)
    assert AuditRecord.objects.count() == 2


# --- The hash chain -----------------------------------------------------------------------------------------
def _three_records() -> list[AuditRecord]:
    user = UserFactory()
    return [record(kind, actor=user, data={"n": n}) for n, kind in
            enumerate([AuditKind.LOGIN, AuditKind.PASSWORD_CHANGED, AuditKind.LOGOUT])]


def test_records_are_chained_by_sm3():
    first, second, third = _three_records()
    assert first.prev_hash == chain.GENESIS and second.prev_hash == first.hash and third.prev_hash == second.hash
    assert [r.seq for r in (first, second, third)] == [1, 2, 3]
    assert first.hash == chain.sm3(chain.canonical(chain.content(AuditRecord.objects.get(pk=first.pk))))
    assert chain.sm3(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"  # GB/T 32905 A.1
    assert "audit log chain OK: 3 record(s)" in verify()


def _tamper(sql: str, *params) -> None:
    with guards_suspended(connection, ["audit_auditrecord"]), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_reports_a_record_changed_behind_the_triggers():
    _first, second, _third = _three_records()
    _tamper("UPDATE audit_auditrecord SET outcome = 'refused' WHERE id = %s", second.pk)
    with pytest.raises(CommandError, match=r"BROKEN: record #2: content does not match its hash"):
        verify()


def test_verify_reports_a_record_removed_from_the_middle():
    _first, second, _third = _three_records()
    _tamper("DELETE FROM audit_auditrecord WHERE id = %s", second.pk)
    with pytest.raises(CommandError, match=r"BROKEN: record #3: expected #2 here"):
        verify()


def test_verify_reports_records_cut_off_the_end():
    _first, _second, third = _three_records()
    _tamper("DELETE FROM audit_auditrecord WHERE id = %s", third.pk)
    with pytest.raises(CommandError, match=r"BROKEN: the chain head says the last record is #3, but the chain ends "
                                           r"at #2: records were removed from the end"):
        verify()


def test_verify_reports_a_rehashed_record_by_its_successor():
    first, second, _third = _three_records()
    forged = AuditRecord.objects.get(pk=second.pk)
    forged.outcome = Outcome.FAILURE
    _tamper("UPDATE audit_auditrecord SET outcome = %s, hash = %s WHERE id = %s",
            Outcome.FAILURE, chain.digest(forged), second.pk)
    with pytest.raises(CommandError, match=r"BROKEN: record #3: prev_hash does not match"):
        verify()


# --- Retention ----------------------------------------------------------------------------------------------
def test_purge_exports_then_deletes_and_the_chain_still_verifies(tmp_path):
    with clock.as_of(timezone.now() - timedelta(days=400)):
        old = [record(AuditKind.LOGIN, actor=SYSTEM, data={"n": n}) for n in range(3)]
    kept = record(AuditKind.LOGOUT, actor=SYSTEM)
    export = tmp_path / "audit-2026.jsonl"
    call_command("audit_purge", "--export-to", str(export), stdout=io.StringIO())

    lines = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert [(line["seq"], line["hash"]) for line in lines] == [(r.seq, r.hash) for r in old]
    for line in lines:  # each exported line verifies on its own: its hash is SM3 of the rest
        stored = line.pop("hash")
        assert chain.sm3(chain.canonical(line)) == stored
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True)) == [kept.seq, kept.seq + 1]
    anchor = AuditPurge.objects.get()
    assert (anchor.through_seq, anchor.last_hash, anchor.records) == (old[-1].seq, old[-1].hash, 3)
    purged = only(AuditKind.AUDIT_LOG_PURGED)
    assert purged.data["records"] == 3 and purged.data["file_sm3"] == chain.sm3(export.read_bytes())
    assert kept.prev_hash == old[-1].hash
    assert "from purge anchor #3" in verify()
    record(AuditKind.LOGIN, actor=SYSTEM)  # the chain goes on after a purge
    assert "2 record(s)" not in verify() and verify().startswith("audit log chain OK: 3 record(s)")


def test_purge_never_overwrites_a_file_and_deletes_nothing_then(tmp_path):
    with clock.as_of(timezone.now() - timedelta(days=400)):
        record(AuditKind.LOGIN, actor=SYSTEM)
    export = tmp_path / "exists.jsonl"
    export.write_text("keep me")
    with pytest.raises(CommandError, match="exists"):
        call_command("audit_purge", "--export-to", str(export))
    assert export.read_text() == "keep me" and AuditRecord.objects.count() == 1


def test_retention_below_six_months_is_refused_at_startup(tmp_path, settings):
    from biaozhun.audit.apps import check_retention
    from tests.test_settings import project_settings

    refused = project_settings(tmp_path, SECRET_KEY="k", BIAOZHUN_AUDIT_RETENTION_DAYS="90")
    assert refused.returncode != 0
    assert "BIAOZHUN_AUDIT_RETENTION_DAYS=90 is too short: audit records must be kept at least 183 days" in (
        refused.stderr)
    assert project_settings(tmp_path, SECRET_KEY="k", BIAOZHUN_AUDIT_RETENTION_DAYS="365").returncode == 0
    settings.BIAOZHUN_AUDIT_RETENTION_DAYS = 90  # set by a settings module instead: the system check refuses it
    assert [error.id for error in check_retention(None)] == ["audit.E001"]
    with pytest.raises(CommandError, match="at least 183 days"):
        call_command("audit_purge", "--export-to", str(tmp_path / "x.jsonl"))


# --- Separation of duties (三权分立) ----------------------------------------------------------------------------
def test_no_account_gets_the_third_role(security_admin_user):
    person = UserFactory()
    roles.grant_role(actor=security_admin_user, user=person, role=AdminRole.SECURITY_ADMINISTRATOR)
    roles.grant_role(actor=security_admin_user, user=person, role=AdminRole.AUDITOR)
    with pytest.raises(ValidationFailed, match="三个角色") as refused:
        roles.grant_role(actor=security_admin_user, user=person, role=AdminRole.SYSTEM_ADMINISTRATOR)
    assert refused.value.errors[0]["code"] == "all_three_roles"
    assert set(RoleAssignment.objects.filter(user=person).values_list("role", flat=True)) == {
        AdminRole.SECURITY_ADMINISTRATOR, AdminRole.AUDITOR}
    granted = AuditRecord.objects.filter(kind=AuditKind.ROLE_GRANTED).order_by("seq")
    assert [(r.outcome, r.data["role"]) for r in granted] == [
        (Outcome.SUCCESS, "security_administrator"), (Outcome.SUCCESS, "auditor"),
        (Outcome.REFUSED, "system_administrator")]


def test_a_system_administrator_is_not_an_auditor_nor_a_superuser_one(security_admin_user, admin_user):
    person = UserFactory()
    roles.grant_role(actor=security_admin_user, user=person, role=AdminRole.SYSTEM_ADMINISTRATOR)
    with pytest.raises(ValidationFailed, match="系统管理员不能兼任审计员"):
        roles.grant_role(actor=security_admin_user, user=person, role=AdminRole.AUDITOR)
    with pytest.raises(ValidationFailed, match="超级用户"):
        roles.grant_role(actor=security_admin_user, user=admin_user, role=AdminRole.AUDITOR)


def test_an_auditor_is_not_made_a_superuser_in_the_admin(admin_client, auditor_user):
    response = admin_client.post(reverse("admin:accounts_user_change", args=[auditor_user.pk]),
                                 user_form(auditor_user, is_superuser="on"))
    assert response.status_code == 200 and "审计员不能成为超级用户" in response.content.decode()
    auditor_user.refresh_from_db()
    assert not auditor_user.is_superuser
    assert not AuditRecord.objects.filter(kind=AuditKind.ACCESS_CHANGED).exists()


def test_roles_are_granted_by_a_security_administrator_only_and_never_to_themself(security_admin_user, admin_user):
    person = UserFactory()
    with pytest.raises(PermissionDeniedError):
        roles.grant_role(actor=admin_user, user=person, role=AdminRole.AUDITOR)  # a superuser is not enough
    with pytest.raises(PermissionDeniedError):
        roles.grant_role(actor=security_admin_user, user=security_admin_user, role=AdminRole.AUDITOR)
    assert not RoleAssignment.objects.filter(role=AdminRole.AUDITOR).exists()
    assert AuditRecord.objects.filter(kind=AuditKind.ROLE_GRANTED, outcome=Outcome.REFUSED).count() == 2


def test_the_bootstrap_command_grants_the_first_security_administrator_and_keeps_the_last(security_admin_user):
    person = UserFactory(username="anquan")
    call_command("audit_grant_role", "anquan", "security_administrator", stdout=io.StringIO())
    assert RoleAssignment.objects.filter(user=person, role=AdminRole.SECURITY_ADMINISTRATOR).exists()
    roles.withdraw_role(actor=person, user=security_admin_user, role=AdminRole.SECURITY_ADMINISTRATOR)
    with pytest.raises(CommandError, match="最后一位安全管理员"):
        call_command("audit_grant_role", "anquan", "security_administrator", "--withdraw")
    assert [r.kind for r in AuditRecord.objects.order_by("seq")][-3:] == [
        AuditKind.ROLE_GRANTED, AuditKind.ROLE_WITHDRAWN, AuditKind.ROLE_WITHDRAWN]


def test_anonymous_actor_is_stored_as_no_user():
    entry = record(AuditKind.LOGIN_FAILED, actor=AnonymousUser(), username="typed", outcome=Outcome.FAILURE)
    assert (entry.user_id, entry.username) == (None, "typed")
