"""Sign-in security records: failed sign-in counters and locks, and recovery-code devices.

Imported by ``accounts/models.py``, so they belong to the accounts app (and its migrations). Written only by the
services in ``lockout.py`` and ``second_factor.py``.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


class ThrottleScope(models.TextChoices):
    ACCOUNT = "account", _("账号")
    ADDRESS = "address", _("网络地址")


class UnlockReason(models.TextChoices):
    ADMINISTRATOR = "administrator", _("系统管理员解除")
    PASSWORD_RESET = "password_reset", _("重设密码解除")


class FailureReason(models.TextChoices):
    """The ``reason`` our sign-in adds to Django's ``user_login_failed`` (accounts/signals.py)."""

    LOCKED = "locked", _("账号或网络地址已锁定")
    SECOND_FACTOR = "second_factor", _("两步验证码错误")


class SessionEnd(models.TextChoices):
    """The ``reason`` of ``accounts.signals.session_expired``."""

    IDLE = "idle", _("长时间未操作")
    LIFETIME = "lifetime", _("登录时间过长")


class SignInThrottle(models.Model):
    """Failed sign-ins of one account name (any name typed, existing or not) or one client address within the
    current window, and the lock they led to. One row per (scope, key); kept in the database so that every web
    process counts the same failures. Counters, not history: the security audit log records each attempt."""

    scope = models.CharField(_("范围"), max_length=10, choices=ThrottleScope.choices)
    # "user:<id>" for an existing account (whatever name or email was typed), "name:<lower-case name>" otherwise;
    # the address for the address scope.
    key = models.CharField(_("标识"), max_length=300)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("账号"))
    failures = models.PositiveIntegerField(_("失败次数"), default=0)
    window_started_at = models.DateTimeField(_("计数开始"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("最近失败"), null=True, blank=True)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        ordering = ["-last_failure_at", "id"]
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="accounts_signin_throttle_unique")]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

    def is_locked(self, at=None) -> bool:
        return self.locked_until is not None and self.locked_until > (at or timezone.now())

    is_locked.boolean = True  # admin column
    is_locked.short_description = _("锁定中")


def recovery_code_digest(code: str, key: str | None = None) -> str:
    """Keyed SHA-256 of a normalised recovery code (codes carry 50 random bits: a slow hash is not needed, and a
    keyed one makes a stolen table useless without the secret key). Codes made before a key rotation still work
    while the old key is in SECRET_KEY_FALLBACKS."""
    normalised = "".join(code.split()).replace("-", "").lower()
    secret = settings.SECRET_KEY if key is None else key
    return hmac.new(secret.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def recovery_code_digests(code: str) -> list[str]:
    """The code's digest under the secret key and each fallback key."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [recovery_code_digest(code, key) for key in keys]


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """The person's ten single-use recovery codes, as one django-otp device. Only their keyed digests are kept
    (django-otp's own static tokens are stored in clear)."""

    class Meta(Device.Meta):
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def verify_token(self, token: str) -> bool:
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        found = self.codes.filter(digest__in=recovery_code_digests(str(token)), used_at__isnull=True).first()
        if found is None:
            self.throttle_increment(commit=True)
            return False
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    @property
    def remaining(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def __str__(self) -> str:
        return f"{self.device_id} {'used' if self.used_at else 'unused'}"
