"""Brute-force protection of sign-in: failed attempts counted per account name and per client address.

After ``BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT`` failures for one account name within
``BIAOZHUN_LOGIN_FAILURE_WINDOW_MINUTES``, that name is locked for ``BIAOZHUN_LOGIN_LOCK_MINUTES``: even the right
password is refused, without being checked. Names that are no account are counted and locked the same way, so the
answers (message, status, work done) never tell whether an account exists. After
``BIAOZHUN_LOGIN_MAX_FAILURES_PER_ADDRESS`` failures from one client address (whatever names were tried; attempts
refused by a lock count too), that address is locked the same way, which slows down an attacker who moves on to
other accounts. A wrong one-time code after the right password counts as a failure of the account.

Attempts during a lock do not extend it. A password reset by email unlocks the account
(``unlock_sign_in(reason=UnlockReason.PASSWORD_RESET)``); an administrator unlocks accounts and addresses in the admin. The
counters are rows of ``SignInThrottle`` (shared by all web processes through the database); the daily task
``purge_sign_in_throttles`` deletes those that no longer matter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from biaozhun.core import clock
from biaozhun.core.ratelimit import wait_text

from .. import events, policy, selectors, signals
from .models import SignInThrottle, ThrottleScope, UnlockReason


@dataclass(frozen=True)
class Lock:
    scope: str
    until: datetime

    def message(self) -> str:
        """What the person reads: why they cannot sign in now, and what to do."""
        seconds = max(1, math.ceil((self.until - clock.now()).total_seconds()))
        if self.scope == ThrottleScope.ADDRESS:
            return _("从您所在的网络地址登录失败的次数过多，已暂停从这里登录。请在 %(wait)s后再试；如果您的单位共用这个"
                     "网络地址，可以请系统管理员解除限制。") % {"wait": wait_text(seconds)}
        return _("登录失败的次数过多，这个账号已暂时锁定。请在 %(wait)s后再试，或者点击“忘记密码”，通过电子邮件重设"
                 "密码，重设后即可登录。") % {"wait": wait_text(seconds)}


def _window() -> timedelta:
    return timedelta(minutes=settings.BIAOZHUN_LOGIN_FAILURE_WINDOW_MINUTES)


def _lock_duration() -> timedelta:
    return timedelta(minutes=settings.BIAOZHUN_LOGIN_LOCK_MINUTES)


def account_key(identifier: str) -> tuple[str, Any]:
    """The counter's key for what was typed as the account name, and the account if there is one: an account is
    counted as itself whichever of its names (username, email in any case) was typed."""
    user = selectors.user_for_login(identifier=identifier or "")
    if user is not None:
        return f"user:{user.pk}", user
    return "name:" + (identifier or "").strip().lower()[:250], None


def current_lock(*, identifier: str | None = None, user: Any = None, address: str = "") -> Lock | None:
    """The lock in force on this account name (or account) or on this address, the address first; None if free."""
    now = clock.now()
    wanted = []
    if address:
        wanted.append((ThrottleScope.ADDRESS, address))
    if user is not None:
        wanted.append((ThrottleScope.ACCOUNT, f"user:{user.pk}"))
    elif identifier is not None:
        wanted.append((ThrottleScope.ACCOUNT, account_key(identifier)[0]))
    for scope, key in wanted:
        row = SignInThrottle.objects.filter(scope=scope, key=key, locked_until__gt=now).first()
        if row is not None:
            return Lock(scope, row.locked_until)
    return None


def _count_failure(scope: str, key: str, *, user: Any, threshold: int, request: HttpRequest | None,
                   shown_key: str) -> Lock | None:
    now = clock.now()
    row, _created = SignInThrottle.objects.select_for_update().get_or_create(
        scope=scope, key=key, defaults={"user": user})
    if row.is_locked(now):
        return Lock(scope, row.locked_until)  # attempts during a lock do not extend it
    if row.window_started_at is None or row.window_started_at + _window() <= now:
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    row.last_failure_at = now
    lock = None
    if row.failures >= threshold:
        failures = row.failures
        row.locked_until = now + _lock_duration()
        row.failures, row.window_started_at = 0, None  # after the lock, a fresh count
        lock = Lock(scope, row.locked_until)
        signals.sign_in_locked.send(sender=__name__, request=request, scope=scope, key=shown_key, user=user,
                                    locked_until=row.locked_until, failures=failures)
    row.save()
    return lock


@transaction.atomic
def record_failed_sign_in(*, actor: Any, identifier: str, address: str, request: HttpRequest | None = None,
                          count_account: bool = True) -> Lock | None:
    """Count a failed sign-in of ``identifier`` (what was typed as the account name) from ``address``; return the
    lock now in force, if any. ``count_account`` False counts the address only (an attempt refused because the
    account was already locked)."""
    policy.require(actor, "accounts.sign_in")
    lock = None
    if address:
        lock = _count_failure(ThrottleScope.ADDRESS, address, user=None, request=request, shown_key=address,
                              threshold=settings.BIAOZHUN_LOGIN_MAX_FAILURES_PER_ADDRESS)
    if count_account:
        key, user = account_key(identifier)
        account_lock = _count_failure(ThrottleScope.ACCOUNT, key, user=user, request=request, shown_key=identifier,
                                      threshold=settings.BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT)
        lock = lock or account_lock
    return lock


def record_failed_second_factor(*, actor: Any, user: Any, address: str,
                                request: HttpRequest | None = None) -> Lock | None:
    """A wrong one-time code after the right password: a failure of the account (and of the address)."""
    return record_failed_sign_in(actor=actor, identifier=user.get_username(), address=address, request=request)


@transaction.atomic
def record_signed_in(*, actor: Any, user: Any) -> None:
    """A complete sign-in (password, and the second factor when the account has one) clears the account's count
    of failures (the address's count stays: one good account must not hide attempts on others)."""
    policy.require(actor, "accounts.sign_in")
    SignInThrottle.objects.filter(scope=ThrottleScope.ACCOUNT, key=f"user:{user.pk}").exclude(
        locked_until__gt=clock.now()).delete()


@transaction.atomic
def unlock_sign_in(*, actor: Any, user: Any = None, address: str = "", reason: str = UnlockReason.ADMINISTRATOR,
                   request: HttpRequest | None = None) -> bool:
    """Lift the lock and forget the failures of an account (``user``) or of a client ``address``. Returns whether
    anything was locked or counted. The owner does this by resetting their password by email; an administrator
    in the admin."""
    policy.require(actor, "accounts.unlock_sign_in", user)
    if (user is None) == (not address):
        raise ValueError("unlock_sign_in: give either a user or an address")
    scope, key = (ThrottleScope.ACCOUNT, f"user:{user.pk}") if user is not None else (ThrottleScope.ADDRESS, address)
    rows = SignInThrottle.objects.select_for_update().filter(scope=scope, key=key)
    if not rows.exists():
        return False
    rows.delete()
    events.sign_in_unlocked(user, actor=actor, reason=reason, address=address)
    signals.sign_in_unlocked.send(sender=__name__, request=request, actor=actor, user=user, address=address,
                                  reason=reason)
    return True


@transaction.atomic
def forget_name(*, actor: Any, key: str) -> bool:
    """An administrator lifts the lock on a name that is no account ("name:..."), e.g. a mistyped username."""
    policy.require(actor, "accounts.unlock_sign_in")
    if not key.startswith("name:"):
        raise ValueError("forget_name: only names that are no account")
    deleted, _by_model = SignInThrottle.objects.filter(scope=ThrottleScope.ACCOUNT, key=key).delete()
    if deleted:
        signals.sign_in_unlocked.send(sender=__name__, request=None, actor=actor, user=None, address="",
                                      reason=UnlockReason.ADMINISTRATOR)
    return bool(deleted)


@transaction.atomic
def purge_sign_in_throttles(*, actor: Any, older_than: timedelta | None = None) -> int:
    """Delete counters whose window has passed and which hold no lock in force (the daily task, as SYSTEM).
    Counters are not history: each attempt is in the security audit log."""
    policy.require(actor, "accounts.unlock_sign_in")
    now = clock.now()
    cutoff = now - (older_than or _window())
    stale = SignInThrottle.objects.exclude(locked_until__gt=now).exclude(last_failure_at__gt=cutoff)
    deleted, _by_model = stale.delete()
    return deleted
