"""Privacy pages: the notice (/privacy/), accepting a new version, downloading one's data, deleting one's account."""

from __future__ import annotations

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from biaozhun.accounts.forms import BootstrapFormMixin, show_problems
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed

from . import notice
from .consent import accept_privacy_notice, client_address
from .personal_data import delete_account, export_personal_data


class ConsentForm(BootstrapFormMixin, forms.Form):
    """The box a person ticks to accept the privacy notice, with the version they were shown."""

    consent = forms.BooleanField(label=gettext_lazy("我已阅读并同意《隐私政策》"), error_messages={
        "required": gettext_lazy("请阅读《隐私政策》并勾选同意；不同意则无法使用需要登录的功能。")})
    notice_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice_version"].initial = notice.current_version()


class DeleteAccountForm(BootstrapFormMixin, forms.Form):
    password = forms.CharField(label=gettext_lazy("密码"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}), help_text=gettext_lazy("输入登录密码，确认是您本人在注销账号。"),
        error_messages={"required": gettext_lazy("请输入登录密码。")})
    confirm = forms.BooleanField(label=gettext_lazy("我了解：账号注销后无法恢复；我的意见和表决将以化名保留。"),
                                 error_messages={"required": gettext_lazy("请勾选，确认您了解注销的后果。")})


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed and not target.startswith(reverse("privacy:accept")) else ""


def _notice_context(version: int) -> dict:
    return {"notice_template": notice.template_name(version), "version": version,
            "effective_on": notice.effective_on(version), "current_version": notice.current_version(),
            "versions": sorted(notice.VERSIONS.items(), reverse=True), "contact": settings.BIAOZHUN_PRIVACY_CONTACT}


@require_safe
def notice_page(request: HttpRequest) -> HttpResponse:
    """The current notice, or an earlier version with ?version=N (what someone accepted then)."""
    try:
        version = int(request.GET.get("version") or notice.current_version())
    except ValueError:
        raise Http404 from None
    if version not in notice.VERSIONS:
        raise Http404
    user = request.user
    must_accept = user.is_authenticated and user.privacy_version < notice.current_version()
    return render(request, "privacy/notice.html", {**_notice_context(version), "must_accept": must_accept})


@login_required
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest) -> HttpResponse:
    """Accept the current notice (asked by PrivacyConsentMiddleware at the first page after a new version)."""
    form = ConsentForm(request.POST or None)
    next_url = _safe_next(request)
    status, error = 200, ""
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                accept_privacy_notice(actor=request.user, version=form.cleaned_data["notice_version"],
                                      address=client_address(request), language=translation.get_language() or "")
            except ValidationFailed as refusal:  # a newer version took effect meanwhile: show it, ask again
                error, form = refusal.message, ConsentForm()
            else:
                messages.success(request, _("您已同意第 %(version)s 版《隐私政策》。") % {
                    "version": notice.current_version()})
                return redirect(next_url or reverse("accounts:profile"))
    return render(request, "privacy/accept.html", {**_notice_context(notice.current_version()), "form": form,
                                                   "error": error, "next": next_url,
                                                   "accepted": request.user.privacy_version}, status=status)


@login_required
@require_GET
@never_cache
def personal_data(request: HttpRequest) -> HttpResponse:
    """Everything about the signed-in person, as a JSON file (PIPL art. 45: a copy, in a usable format)."""
    data = export_personal_data(actor=request.user, user=request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2, default=str),
                            content_type="application/json; charset=utf-8")
    day = clock.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="biaozhun-personal-data-{day}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def delete(request: HttpRequest) -> HttpResponse:
    """Delete the signed-in person's account after they confirm with their password."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pseudonym = delete_account(actor=request.user, user=request.user, password=form.cleaned_data["password"])
        except ValidationFailed as error:
            show_problems(form, error)
        else:
            logout(request)
            messages.success(request, _("您的账号已注销，个人信息已删除。您提出的意见和表决以“%(pseudonym)s”的名义保留。")
                             % {"pseudonym": pseudonym})
            return redirect("portal:home")
    status = 422 if request.method == "POST" else 200
    return render(request, "privacy/delete.html", {"form": form}, status=status)
