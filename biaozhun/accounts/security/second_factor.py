"""The second factor: a TOTP authenticator app (django-otp's TOTP device) and ten single-use recovery codes.

Who must use it: ``required_for(user)``: privileged people (``User.is_privileged``: staff, superusers,
administrators, reviewers, TC secretariats) while ``BIAOZHUN_MFA_REQUIRED`` is on. Others may enable it on their
account page; once enabled, it is asked at every sign-in.

Sign-in: the password step (``views.LoginView``) does not sign in someone who has a second factor: it keeps a
*pending sign-in* in the session (``begin_pending``) and sends them to the verification page, where
``verify_second_factor`` checks the code and ``finish_sign_in`` signs them in (Django's ``user_logged_in`` fires
then). Someone who must enrol and has not yet done so is signed in after the password but
``SecondFactorMiddleware`` keeps them on the enrolment page until they have; a session that was signed in without
the second factor (one older than the requirement) is sent to the verification page the same way. The admin asks
``is_satisfied`` too (``admin_site.py``).

Recovery codes are shown once, when issued, and stored as keyed digests (``RecoveryCodeDevice``).
"""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from biaozhun.core import clock
from biaozhun.core.actors import is_system
from biaozhun.core.errors import ValidationFailed

from .. import events, policy, signals
from ..models import User
from . import lockout
from .models import RecoveryCode, RecoveryCodeDevice, recovery_code_digest

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read off paper without doubt
PENDING = "_biaozhun_pending_sign_in"
PENDING_SECONDS = 300  # the verification page waits this long for the code, then the password is asked again


class SecondFactorThrottled(Exception):
    """Codes were tried too quickly (django-otp's growing delay after wrong codes)."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


# --- Who, and in what state -------------------------------------------------------------------------------
def required_for(user: Any) -> bool:
    return bool(settings.BIAOZHUN_MFA_REQUIRED and user.is_authenticated and user.is_privileged)


def authenticator(user: Any, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-id").first()


def has_second_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()


def is_satisfied(request: HttpRequest) -> bool:
    """May this session act? Everyone may, except a signed-in person who must use a second factor and has not
    verified it in this session."""
    user = request.user
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return True
    return not required_for(user)


# --- Writes -----------------------------------------------------------------------------------------------
def _new_codes() -> list[str]:
    def one() -> str:
        text = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        return f"{text[:5]}-{text[5:]}"

    return [one() for _ in range(RECOVERY_CODE_COUNT)]


def _issue_codes(user: User) -> list[str]:
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = _new_codes()
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, digest=recovery_code_digest(code)) for code in codes])
    return codes


@transaction.atomic
def start_enrolment(*, actor: Any, user: User) -> TOTPDevice:
    """The authenticator being set up: a new secret, or the one already shown if enrolment was not finished."""
    policy.require(actor, "accounts.manage_second_factor", user)
    return authenticator(user, confirmed=False) or TOTPDevice.objects.create(user=user, name="authenticator",
                                                                             confirmed=False)


@transaction.atomic
def confirm_enrolment(*, actor: Any, user: User, code: str,
                      request: HttpRequest | None = None) -> tuple[TOTPDevice, list[str]] | None:
    """Finish setting up the authenticator with a code it shows; returns the device and ten new recovery codes
    (to show once), or None if the code is wrong. Replaces an earlier authenticator."""
    policy.require(actor, "accounts.manage_second_factor", user)
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        return None
    allowed, data = device.verify_is_allowed()
    if not allowed:
        raise SecondFactorThrottled(_seconds_until(data))
    if not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _issue_codes(user)
    events.second_factor_enrolled(user, actor=actor, device="totp")
    signals.second_factor_enrolled.send(sender=__name__, request=request, actor=actor, user=user, device="totp")
    return device, codes


@transaction.atomic
def enrol_known_key(*, actor: Any, user: User, key_hex: str) -> TOTPDevice:
    """Enrol an authenticator whose secret the platform already knows: for demo accounts and tests only (the
    platform acts; a person always enrols with a secret made for them)."""
    if not is_system(actor):
        raise ValueError("enrol_known_key is for the platform's demo data only (actor=SYSTEM)")
    policy.require(actor, "accounts.manage_second_factor", user)
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="authenticator", key=key_hex, confirmed=True)
    events.second_factor_enrolled(user, actor=actor, device="totp")
    signals.second_factor_enrolled.send(sender=__name__, request=None, actor=actor, user=user, device="totp")
    return device


@transaction.atomic
def issue_recovery_codes(*, actor: Any, user: User, request: HttpRequest | None = None) -> list[str]:
    """Ten new recovery codes (the old ones stop working), to show once."""
    policy.require(actor, "accounts.manage_second_factor", user)
    if not has_second_factor(user):
        message = _("请先启用两步验证，再生成恢复码。")
        raise ValidationFailed(message, errors=[{"field": None, "message": message, "code": "no_second_factor"}])
    codes = _issue_codes(user)
    events.recovery_codes_issued(user, actor=actor, count=len(codes))
    signals.recovery_codes_issued.send(sender=__name__, request=request, actor=actor, user=user, count=len(codes))
    return codes


@transaction.atomic
def remove_second_factor(*, actor: Any, user: User, request: HttpRequest | None = None) -> bool:
    """Remove the authenticator and the recovery codes. People who must use a second factor cannot remove their
    own (an administrator resets it when they lost both; they enrol again at their next sign-in)."""
    policy.require(actor, "accounts.manage_second_factor", user)
    if getattr(actor, "pk", None) == user.pk and required_for(user):
        message = _("您的账号必须使用两步验证，不能停用。如需更换手机，请重新设置验证器；如手机和恢复码都已丢失，请联系系统管理员重置。")
        raise ValidationFailed(message, errors=[{"field": None, "message": message, "code": "second_factor_required"}])
    kinds = (["totp"] if TOTPDevice.objects.filter(user=user).exists() else []) + (
        ["recovery_codes"] if RecoveryCodeDevice.objects.filter(user=user).exists() else [])
    if not kinds:
        return False
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    events.second_factor_removed(user, actor=actor, devices=kinds)
    signals.second_factor_removed.send(sender=__name__, request=request, actor=actor, user=user, devices=kinds)
    return True


def _digits(code: str) -> str:
    return "".join((code or "").split())


def _seconds_until(data: dict | None) -> int:
    until = (data or {}).get("locked_until")
    if until is None:
        return 1
    return max(1, int((until - clock.now()).total_seconds()) + 1)


@transaction.atomic
def verify_second_factor(*, actor: Any, user: User, code: str, request: HttpRequest | None = None):
    """The device that accepts ``code`` (the authenticator's 6 digits, or an unused recovery code, which is then
    used up), or None. Raises ``SecondFactorThrottled`` while codes are refused for trying too fast."""
    policy.require(actor, "accounts.sign_in")
    code = _digits(code)
    if code.isdigit():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("-id").first()
    else:
        device = RecoveryCodeDevice.objects.select_for_update().filter(user=user).first()
    if device is None:
        return None
    allowed, data = device.verify_is_allowed()
    if not allowed:
        raise SecondFactorThrottled(_seconds_until(data))
    if not device.verify_token(code):
        return None
    if isinstance(device, RecoveryCodeDevice):
        remaining = device.remaining
        events.recovery_code_used(user, actor=user, remaining=remaining)
        signals.recovery_code_used.send(sender=__name__, request=request, user=user, remaining=remaining)
    return device


# --- The pending sign-in ----------------------------------------------------------------------------------
def begin_pending(request: HttpRequest, user: User, *, next_url: str) -> None:
    """Remember, in this session, who gave the right password: the verification page asks for their code."""
    request.session.cycle_key()
    request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url}


def pending(request: HttpRequest) -> tuple[User, dict] | None:
    """The person whose password was right and whose code is awaited, with the pending data; None if there is none
    or it is too old (they then give their password again)."""
    data = request.session.get(PENDING)
    if not data or time.time() - data.get("at", 0) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    return (user, data) if user is not None else None


def forget_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def finish_sign_in(request: HttpRequest, user: User, device: Any, *, backend: str | None) -> None:
    """Sign in after the second factor: Django's login (``user_logged_in``), then this session is verified."""
    forget_pending(request)
    if request.user.is_authenticated and request.user.pk == user.pk:
        user = request.user  # already signed in with the password only: verify this session
    else:
        auth_login(request, user, backend=backend)
    django_otp.login(request, device)
    lockout.record_signed_in(actor=user, user=user)


# --- Keeping unverified sessions on the enrolment or verification page ----------------------------------------
class SecondFactorMiddleware:
    """A signed-in person who must use a second factor and has not verified it in this session reaches only the
    enrolment or verification page (and signing out, changing language, static files); pages redirect there
    with ``next``, the API answers 403 problem+json. API tokens are not affected (they were made in a verified
    session)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def exempt_paths(self) -> tuple[str, ...]:
        if self._exempt is None:
            self._exempt = (
                reverse("accounts:second_factor_setup"), reverse("accounts:second_factor_verify"),
                reverse("accounts:logout"), reverse("set_language"), "/" + settings.STATIC_URL.lstrip("/"),
            )
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            SESSION_KEY in request.session
            and BACKEND_SESSION_KEY in request.session
            and getattr(request, "token_user", None) is None
            and not request.path.startswith(self.exempt_paths())
            and not is_satisfied(request)
        ):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        enrolled = has_second_factor(request.user)
        if request.path.startswith("/api/"):
            from biaozhun.api.errors import problem

            detail = (_("请在网页上输入验证器中的验证码完成登录后再使用接口。") if enrolled
                      else _("您的账号须先设置两步验证：请在网页上登录并按提示设置。"))
            return problem(403, "second_factor_required", _("需要两步验证。"), detail)
        name = "accounts:second_factor_verify" if enrolled else "accounts:second_factor_setup"
        target = reverse(name) + "?" + urlencode({"next": request.get_full_path()})
        response = HttpResponseRedirect(target)
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
        return response
