"""Account pages: look up, ask the policy, call a service, respond. No business rules here."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biaozhun.core.caching import no_store
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.core.ratelimit import limit_page

from . import policy, registration, selectors, services, signals
from .forms import (
    LoginForm,
    OrganisationForm,
    PasswordChangeForm,
    PasswordResetForm,
    RegistrationForm,
    RegistrationStartForm,
    SetPasswordForm,
    registration_values,
    show_problems,
)
from .models import Language, OrganisationKind, UnlockReason
from .privacy import notice
from .privacy.consent import client_address
from .security import lockout, second_factor


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _current_language() -> str:
    """The language the visitor is reading in becomes their preferred language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in Language.values else Language.ZH_HANS


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed else default


@method_decorator(limit_page("login", "BIAOZHUN_RATE_LOGIN"), name="dispatch")
class LoginView(auth_views.LoginView):
    """The one sign-in (the admin's too): the form refuses locked names and addresses and counts failures
    (security/lockout.py); someone with a second factor is asked for it before being signed in."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        if second_factor.has_second_factor(user):
            second_factor.begin_pending(self.request, user, next_url=self.get_redirect_url())
            return redirect("accounts:second_factor_verify")
        response = super().form_valid(form)
        lockout.record_signed_in(actor=user, user=user)
        _set_language_cookie(response, user.language)  # the preferred language from now on
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5); the navigation bar's button posts here."""


@require_http_methods(["GET", "HEAD", "POST"])
@limit_page("register", "BIAOZHUN_RATE_REGISTER")
def register(request: HttpRequest) -> HttpResponse:
    """Registration, step 1: the same answer whether or not the address has an account (registration.py)."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationStartForm(request.POST or None)
    next_url = _safe_next(request, "")
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        registration.start_registration(actor=request.user, email=email, language=_current_language(),
                                        next_url=next_url)
        return render(request, "accounts/register_sent.html", {"email": email})
    return render(request, "accounts/register.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "HEAD", "POST"])
@limit_page("register", "BIAOZHUN_RATE_REGISTER")
def register_complete(request: HttpRequest, token: str) -> HttpResponse:
    """Registration, step 2, from the e-mailed link: name, username, password, consent; then signed in."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    try:
        link = registration.read_link(token)
    except registration.InvalidLink as error:
        return render(request, "accounts/register_link_invalid.html",
                      {"message": registration.refused_link_message(error), "registered": error.registered},
                      status=410 if error.registered else 400)
    form, error_message = RegistrationForm(request.POST or None), ""
    if request.method == "POST" and form.is_valid():
        try:
            user = registration.complete_registration(
                actor=request.user, token=token, address=client_address(request), language=_current_language(),
                **registration_values(form))
        except registration.InvalidLink as error:  # registered meanwhile (another tab), or expired
            return render(request, "accounts/register_link_invalid.html",
                          {"message": registration.refused_link_message(error), "registered": error.registered},
                          status=410 if error.registered else 400)
        except ValidationFailed as error:
            if any(p.get("code") == "stale_notice" for p in error.errors):
                # A new privacy notice took effect while the form was open: ask for consent to it afresh.
                form, error_message = RegistrationForm({**request.POST.dict(), "consent": ""}), error.message
                form.is_valid()
            else:
                show_problems(form, error, rename={"password": "password1"})
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, _("注册成功，您已登录。"))
            target = link["next"] if url_has_allowed_host_and_scheme(
                link["next"], {request.get_host()}, require_https=request.is_secure()) else ""
            response = redirect(target or reverse("accounts:profile"))
            _set_language_cookie(response, user.language)
            return response
    return render(request, "accounts/register_complete.html",
                  {"form": form, "email": link["email"], "token": token, "error": error_message,
                   "current_version": notice.current_version()}, status=422 if form.errors else 200)


@login_required
@no_store  # shows a new API token, this once
def profile(request: HttpRequest, *, new_token: str = "", token_error: str = "", status: int = 200) -> HttpResponse:
    enrolled = second_factor.has_second_factor(request.user)
    context = {
        "memberships": selectors.memberships_for(user=request.user),
        "may_create_organisation": policy.can(request.user, "accounts.create_organisation"),
        "tokens": request.user.api_tokens.all(),
        "new_token": new_token,
        "token_error": token_error,
        "second_factor": enrolled,
        "second_factor_required": second_factor.required_for(request.user),
        "recovery_codes_left": second_factor.recovery_codes_left(request.user) if enrolled else 0,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@no_store
@require_http_methods(["POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    """Make a token and show it on the account page, this once (only its digest is kept)."""
    try:
        _record, token = services.create_api_token(actor=request.user, name=request.POST.get("name", ""))
    except ValidationFailed as error:
        return profile(request, token_error=error.message, status=422)
    return profile(request, new_token=token, status=201)


@login_required
@require_http_methods(["POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = request.user.api_tokens.filter(pk=pk).first()
    if token is None:
        raise Http404  # another person's token is simply not found
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("令牌 %(prefix)s… 已撤销。") % {"prefix": token.prefix})
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "accounts.create_organisation")
    kinds = [kind for kind in OrganisationKind if policy.can(request.user, "accounts.create_organisation", kind)]
    form = OrganisationForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        except ValidationFailed as error:
            show_problems(form, error)
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from None
        else:
            messages.success(request, _("已创建组织“%(name)s”，您是它的管理员。") % {"name": organisation.name})
            return redirect("accounts:profile")
    return render(request, "accounts/organisation_form.html", {"form": form})


# --- Django's password views with our forms, templates and e-mail -------------------------------
@method_decorator(limit_page("password_reset", "BIAOZHUN_RATE_PASSWORD_RESET"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    # Named apart from Django's registration/password_reset_*.{html,txt}, which the admin app (listed
    # earlier in INSTALLED_APPS) would otherwise shadow.
    email_template_name = "registration/biaozhun_password_reset_email.txt"
    subject_template_name = "registration/biaozhun_password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        response = super().form_valid(form)  # e-mails every matching account (none: the same answer)
        email = form.cleaned_data["email"]
        signals.password_reset_requested.send(sender=type(self), email=email, users=form.matched, request=self.request)
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(no_store, name="dispatch")  # the reset link's token is in its address and the form
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        signals.password_reset_completed.send(sender=type(self), user=form.user, request=self.request)
        # The link proved the person reads the account's email: a lock after failed sign-ins ends here.
        lockout.unlock_sign_in(actor=form.user, user=form.user, reason=UnlockReason.PASSWORD_RESET, request=self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        signals.password_changed.send(sender=type(self), user=form.user, request=self.request, by=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
