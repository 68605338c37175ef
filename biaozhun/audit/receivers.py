"""What writes the audit log without being asked: Django's sign-in signals, the account signals
(accounts/signals.py) and the account events that change access (mirrored in the same transaction).

Connected in AuditConfig.ready. Each receiver only translates the signal into one ``records.record`` call.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.db.models.signals import post_save

from biaozhun.accounts import selectors as account_selectors
from biaozhun.accounts import signals as account_signals
from biaozhun.accounts.models import AccountEvent, AccountEventKind
from biaozhun.core.actors import SYSTEM

from .models import AdminRole, AuditKind, Outcome
from .records import record
from .roles import refusal_auditor_superuser
from .selectors import has_role

# Account events that change who may do what; the others (organisation names, ...) stay in the account history.
MIRRORED = {
    AccountEventKind.USER_REGISTERED: AuditKind.ACCOUNT_CREATED,
    AccountEventKind.USER_UPDATED: AuditKind.ACCOUNT_UPDATED,
    AccountEventKind.USER_ACCESS_CHANGED: AuditKind.ACCESS_CHANGED,
    AccountEventKind.MEMBER_ADDED: AuditKind.MEMBERSHIP_CHANGED,
    AccountEventKind.MEMBER_REMOVED: AuditKind.MEMBERSHIP_CHANGED,
    AccountEventKind.MEMBER_ROLE_CHANGED: AuditKind.MEMBERSHIP_CHANGED,
    AccountEventKind.API_TOKEN_CREATED: AuditKind.API_TOKEN_CREATED,
    AccountEventKind.API_TOKEN_REVOKED: AuditKind.API_TOKEN_REVOKED,
}


# --- Signing in and out ---------------------------------------------------------------------------------------
def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(AuditKind.LOGIN, actor=user, target=user, request=request)


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(AuditKind.LOGOUT, actor=user or AnonymousUser(), target=user, request=request)


def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """``credentials`` has the password already masked by Django; the username is kept as typed."""
    typed = ""
    if request is not None and request.method == "POST":
        typed = request.POST.get("username", "")
    typed = typed or str(credentials.get("username", ""))
    account = account_selectors.user_for_login(identifier=typed) if typed else None
    reason = kwargs.get("reason")  # "locked" or "second_factor" from our sign-in; Django's own failures have none
    record(AuditKind.LOGIN_FAILED, actor=AnonymousUser(), outcome=Outcome.FAILURE, username=typed,
           target=account, request=request, data={"reason": reason} if reason else None)


# --- Passwords ------------------------------------------------------------------------------------------------
def on_password_changed(sender: Any, user: Any, request: Any = None, by: Any = None, **kwargs: Any) -> None:
    by = by or user
    record(AuditKind.PASSWORD_CHANGED, actor=by, target=user, request=request,
           data={"by_administrator": by.pk != user.pk})


def on_password_reset_requested(sender: Any, email: str, users: list, request: Any = None, **kwargs: Any) -> None:
    actor = request.user if request is not None and request.user.is_authenticated else AnonymousUser()
    record(AuditKind.PASSWORD_RESET_REQUESTED, actor=actor, target=users[0] if len(users) == 1 else None,
           request=request, data={"email": email, "accounts": [user.pk for user in users]})


def on_password_reset_completed(sender: Any, user: Any, request: Any = None, **kwargs: Any) -> None:
    record(AuditKind.PASSWORD_RESET_DONE, actor=user, target=user, request=request)


# --- Lockout and second factor (sent by the accounts app) -----------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return {"id": value.pk, "repr": str(value)[:200]}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return value


def _account_event(kind: AuditKind, *, system_default: bool = False):
    def receiver(sender: Any, user: Any = None, request: Any = None, **kwargs: Any) -> None:
        kwargs.pop("signal", None)
        by = kwargs.pop("by", None) or kwargs.pop("actor", None)
        if user is None and by is None and not system_default:
            return
        actor = by if by is not None else (SYSTEM if system_default or user is None else user)
        record(kind, actor=actor, target=user, request=request,
               data={name: _plain(value) for name, value in sorted(kwargs.items())})

    receiver.__name__ = f"on_{kind.value}"
    return receiver


ACCOUNT_SIGNALS = {
    account_signals.sign_in_locked: _account_event(AuditKind.ACCOUNT_LOCKED, system_default=True),
    account_signals.sign_in_unlocked: _account_event(AuditKind.ACCOUNT_UNLOCKED, system_default=True),
    account_signals.second_factor_enrolled: _account_event(AuditKind.MFA_ENROLLED),
    account_signals.second_factor_removed: _account_event(AuditKind.MFA_REMOVED),
    account_signals.recovery_codes_issued: _account_event(AuditKind.RECOVERY_CODES_ISSUED),
    account_signals.recovery_code_used: _account_event(AuditKind.RECOVERY_CODE_USED),
    account_signals.session_expired: _account_event(AuditKind.SESSION_EXPIRED),
}


# --- Account events that change access ------------------------------------------------------------------------
def on_account_event(sender: Any, instance: AccountEvent, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """Mirror a security-relevant account event; post_save runs inside the service's transaction, so the audit
    record commits (or rolls back) with the change."""
    kind = MIRRORED.get(instance.kind)
    if not created or raw or kind is None:
        return
    data = {"account_event": instance.pk, "account_event_kind": instance.kind, **instance.data}
    if instance.organisation_id is not None:
        data["organisation"] = {"id": instance.organisation_id, "repr": str(instance.organisation)[:200]}
    record(kind, actor=instance.actor or SYSTEM, target=instance.target_user, data=data)


def refuse_superuser_auditor(sender: Any, user: Any, after: dict[str, Any], **kwargs: Any) -> None:
    """三权分立 from the accounts side: an auditor is not made a superuser (roles.py refuses the other way)."""
    if after.get("is_superuser") and has_role(user, AdminRole.AUDITOR):
        raise refusal_auditor_superuser()


def connect() -> None:
    auth_signals.user_logged_in.connect(on_logged_in, dispatch_uid="audit.login")
    auth_signals.user_logged_out.connect(on_logged_out, dispatch_uid="audit.logout")
    auth_signals.user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    account_signals.password_changed.connect(on_password_changed, dispatch_uid="audit.password_changed")
    account_signals.password_reset_requested.connect(on_password_reset_requested,
                                                     dispatch_uid="audit.password_reset_requested")
    account_signals.password_reset_completed.connect(on_password_reset_completed,
                                                     dispatch_uid="audit.password_reset_completed")
    for signal, receiver in ACCOUNT_SIGNALS.items():
        signal.connect(receiver, dispatch_uid=f"audit.{receiver.__name__}")
    account_signals.user_access_changing.connect(refuse_superuser_auditor, dispatch_uid="audit.superuser_auditor")
    post_save.connect(on_account_event, sender=AccountEvent, dispatch_uid="audit.account_event")
