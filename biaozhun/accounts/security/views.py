"""Second-factor pages: set up the authenticator, verify at sign-in, new recovery codes, turn it off.

Every page here is ``never_cache`` (``Cache-Control: no-store``): they show secrets (the authenticator's key, the
recovery codes). Look up, ask the service, respond: the rules are in ``second_factor.py``.
"""

from __future__ import annotations

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from biaozhun.core.errors import ValidationFailed
from biaozhun.core.ratelimit import client_address, limit_page, wait_text

from . import lockout, second_factor
from .forms import CodeForm, PasswordConfirmForm
from .models import FailureReason, RecoveryCodeDevice

MESSAGE_WRONG_CODE = gettext_lazy("验证码不正确或已用过。请输入验证器应用中当前显示的 6 位数字，或一个未用过的恢复码。")


def _next(request: HttpRequest, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed else default


def _verified(request: HttpRequest) -> bool:
    """This session may change the second factor: verified with it, or it has none yet."""
    user = request.user
    return user.is_verified() or not second_factor.has_second_factor(user)


def _codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    return render(request, "accounts/second_factor_codes.html",
                  {"codes": codes, "next": next_url or reverse("accounts:profile")})


def _throttled(form: CodeForm, error: second_factor.SecondFactorThrottled) -> None:
    form.add_error("code", _("验证码输入得太快了，请在 %(wait)s后再试。") % {"wait": wait_text(error.seconds)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: QR code and key as text, then a code it shows; then the recovery codes, once."""
    user = request.user
    next_url = _next(request)
    if second_factor.has_second_factor(user):
        if not user.is_verified():  # an authenticator exists: it is asked first, never replaced without it
            return redirect(reverse("accounts:second_factor_verify") + "?" + request.GET.urlencode())
        if not request.GET.get("replace") and not request.POST.get("replace"):
            messages.info(request, _("两步验证已经启用。如需更换手机，请在“我的账号”页选择“更换验证器”。"))
            return redirect(next_url or "accounts:profile")
    device = second_factor.start_enrolment(actor=user, user=user)
    form = CodeForm(request.POST or None, enrolling=True)
    if request.method == "POST" and form.is_valid():
        try:
            result = second_factor.confirm_enrolment(actor=user, user=user, code=form.cleaned_data["code"],
                                                     request=request)
        except second_factor.SecondFactorThrottled as error:
            _throttled(form, error)
        else:
            if result is None:
                form.add_error("code", _("验证码不正确。请确认已添加本页的密钥，且手机的时间准确（自动设置），然后输入"
                                         "当前显示的 6 位数字。"))
            else:
                confirmed, codes = result
                django_otp.login(request, confirmed)
                messages.success(request, _("两步验证已启用。以后登录时，输入密码后还需输入验证器中的验证码。"))
                return _codes_page(request, codes, next_url)
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title=_("两步验证设置二维码"))
    context = {
        "form": form, "next": next_url, "qr": mark_safe(qr),  # noqa: S308 (segno's SVG of our own URL)
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "required": second_factor.required_for(user), "replace": request.GET.get("replace") or "",
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "accounts/second_factor_setup.html", context)


def _who_is_verifying(request: HttpRequest):
    """(user, backend, next) for the person whose code is asked: the pending sign-in, or a signed-in session not
    yet verified; None if there is nobody to verify."""
    found = second_factor.pending(request)
    if found is not None:
        user, data = found
        return user, data.get("backend"), data.get("next") or _next(request)
    user = request.user
    if user.is_authenticated and not user.is_verified() and second_factor.has_second_factor(user):
        return user, None, _next(request)
    return None


@never_cache
@limit_page("second_factor", "BIAOZHUN_RATE_MFA")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the authenticator's code or a recovery code."""
    who = _who_is_verifying(request)
    if who is None:
        if request.user.is_authenticated:
            return redirect(_next(request) or settings.LOGIN_REDIRECT_URL)
        messages.info(request, _("请先输入用户名和密码登录。"))
        return redirect("accounts:login")
    user, backend, next_url = who
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        lock = lockout.current_lock(user=user, address=address)
        if lock is None:
            try:
                device = second_factor.verify_second_factor(actor=request.user, user=user,
                                                            code=form.cleaned_data["code"], request=request)
            except second_factor.SecondFactorThrottled as error:
                _throttled(form, error)
                return render(request, "accounts/second_factor_verify.html", {"form": form, "next": next_url})
            if device is not None:
                second_factor.finish_sign_in(request, user, device, backend=backend)
                if isinstance(device, RecoveryCodeDevice):
                    messages.warning(request, _("您用了一个恢复码登录，还剩 %(count)d 个。请在“我的账号”页生成新的恢复码；"
                                                "如手机丢失，请更换验证器。") % {"count": device.remaining})
                response = redirect(next_url or settings.LOGIN_REDIRECT_URL)
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language,
                                    max_age=settings.LANGUAGE_COOKIE_AGE, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                                    secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY)
                return response
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request,
                                   reason=FailureReason.SECOND_FACTOR)
            lock = lockout.record_failed_second_factor(actor=request.user, user=user, address=address,
                                                       request=request)
            if lock is None:
                form.add_error("code", MESSAGE_WRONG_CODE)
        if lock is not None:
            second_factor.forget_pending(request)
            if request.user.is_authenticated:
                logout(request)
            messages.error(request, lock.message())
            return redirect("accounts:login")
    return render(request, "accounts/second_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes (the old ones stop working), shown once."""
    if not _verified(request):
        return redirect(reverse("accounts:second_factor_verify") + "?next=" + reverse("accounts:profile"))
    try:
        codes = second_factor.issue_recovery_codes(actor=request.user, user=request.user, request=request)
    except ValidationFailed as error:
        messages.error(request, error.message)
        return redirect("accounts:profile")
    messages.success(request, _("已生成新的恢复码，原来的恢复码已作废。"))
    return _codes_page(request, codes, reverse("accounts:profile"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def disable(request: HttpRequest) -> HttpResponse:
    """Turn the second factor off (for those not required to use it), after the password again."""
    if not _verified(request):
        return redirect(reverse("accounts:second_factor_verify") + "?next=" + reverse("accounts:profile"))
    form = PasswordConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("密码不正确。"))
        else:
            try:
                second_factor.remove_second_factor(actor=request.user, user=request.user, request=request)
            except ValidationFailed as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("两步验证已停用。您可以随时在“我的账号”页重新启用。"))
            return redirect("accounts:profile")
    return render(request, "accounts/second_factor_disable.html",
                  {"form": form, "required": second_factor.required_for(request.user)})
