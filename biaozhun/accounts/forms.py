"""Forms for the account pages. They collect and shape input; services validate the records and write."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation, user_login_failed
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from biaozhun.core.errors import ValidationFailed
from biaozhun.core.ratelimit import client_address

from . import selectors
from .models import SCOPE_FIELD_BY_KIND, FailureReason, Organisation, OrganisationKind, User
from .privacy import notice
from .security import lockout, reset


class BootstrapFormMixin:
    """Bootstrap 5 classes on every widget, and ``is-invalid`` on fields with errors.

    Django itself adds ``aria-invalid`` and ``aria-describedby`` (``<id>_helptext``, ``<id>_error``), which the
    ``accounts/_field.html`` include renders."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields and "is-invalid" not in self.fields[name].widget.attrs["class"]:
                self.fields[name].widget.attrs["class"] += " is-invalid"


def show_problems(form: forms.Form, error: ValidationFailed, *, rename: dict[str, str] | None = None) -> None:
    """Put a service's ``ValidationFailed`` problems on the form's fields (others above the form)."""
    rename = rename or {}
    for problem in error.errors:
        field = rename.get(problem["field"], problem["field"])
        form.add_error(field if field in form.fields else None, problem["message"])
    if not error.errors:
        form.add_error(None, error.message)


def form_problems(form: forms.Form) -> ValidationFailed:
    """The form's own field errors as a ``ValidationFailed``, so views handle them like a service's refusal."""
    return ValidationFailed(str(_("请修正下面标出的问题。")), [
        {"field": name, "message": str(message)} for name, errors in form.errors.items() for message in errors])


def field_messages(error: Exception) -> dict[str, str]:
    """Field name → message of a refusal's problems (empty for refusals without field problems)."""
    return {p["field"]: p["message"] for p in getattr(error, "data", {}).get("errors", ()) if "field" in p}


class LoginForm(BootstrapFormMixin, auth_forms.AuthenticationForm):
    """Sign in with a username or an e-mail address (any case)."""

    username = auth_forms.UsernameField(
        label=_("用户名或电子邮箱"), widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    error_messages = {
        "invalid_login": _("用户名（或电子邮箱）与密码不匹配。请注意密码区分大小写。"),
        "inactive": _("这个账号已停用。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].max_length = 254  # long enough for an e-mail address
        self.fields["username"].widget.attrs["maxlength"] = 254
        self.fields["password"].label = _("密码")

    def clean(self) -> dict[str, Any]:
        """Refuse a locked account name or address without checking the password; count each failure (names
        that are no account are counted and locked alike: the answer never tells whether an account exists)."""
        identifier = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if identifier:
            user = selectors.user_for_login(identifier=identifier)
            if user is not None:
                self.cleaned_data["username"] = user.get_username()
        if not (identifier and password):
            return super().clean()
        actor = getattr(self.request, "user", None) or AnonymousUser()
        address = client_address(self.request) if self.request is not None else ""
        lock = lockout.current_lock(identifier=identifier, address=address)
        if lock is not None:
            lockout.record_failed_sign_in(actor=actor, identifier=identifier, address=address, request=self.request,
                                          count_account=False)  # the password was not checked
            user_login_failed.send(sender=__name__, credentials={"username": identifier}, request=self.request,
                                   reason=FailureReason.LOCKED)
            raise ValidationError(lock.message(), code="locked")
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login":
                raise
            lock = lockout.record_failed_sign_in(actor=actor, identifier=identifier, address=address,
                                                 request=self.request)
            if lock is not None:
                raise ValidationError(lock.message(), code="locked") from None
            raise


class RegistrationStartForm(BootstrapFormMixin, forms.Form):
    """Registration, step 1: the address the completion link goes to."""

    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        help_text=_("我们会向这个邮箱发送一封邮件，通过邮件中的链接完成注册。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class RegistrationForm(BootstrapFormMixin, forms.Form):
    """Registration, step 2 (from the e-mailed link): who the person is, a password, consent to the notice."""

    real_name = forms.CharField(
        label=_("真实姓名"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True})
    )
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        help_text=_("登录时使用（也可以用电子邮箱登录）；150 个字符以内，可用字母、数字和 @ . + - _。"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("请再输入一次密码。"),
    )
    consent = forms.BooleanField(error_messages={
        "required": _("请阅读《隐私政策》并勾选同意；不同意则无法注册。")})
    notice_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice_version"].initial = notice.current_version()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        return cleaned


class OrganisationForm(BootstrapFormMixin, forms.Form):
    """Kind, name and USCC; the scope codes appear only when one of the offered kinds needs them."""

    kind = forms.ChoiceField(label=_("类型"))
    name = forms.CharField(label=_("名称"), max_length=200, help_text=_("与营业执照或登记证书一致。"))
    name_en = forms.CharField(label=_("英文名称"), max_length=200, required=False)
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,  # room for spaces people type; the service keeps 18 characters
        required=False,
        help_text=Organisation._meta.get_field("uscc").help_text,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    industry_code = forms.CharField(
        label=_("行业标准代号"),
        max_length=10,
        required=False,
        help_text=Organisation._meta.get_field("industry_code").help_text,
    )
    region_code = forms.CharField(
        label=_("行政区划代码"),
        max_length=10,
        required=False,
        help_text=Organisation._meta.get_field("region_code").help_text,
    )
    tc_code = forms.CharField(
        label=_("技术委员会编号"),
        max_length=40,
        required=False,
        help_text=Organisation._meta.get_field("tc_code").help_text,
    )

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, OrganisationKind(k).label) for k in kinds]
        for kind, field_name in SCOPE_FIELD_BY_KIND.items():
            if kind not in kinds:
                del self.fields[field_name]


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    """Django's reset form, with its emails throttled per account and per address (security/reset.py)."""

    address = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("注册时填写的电子邮箱")
        self.matched: list = []

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        self.address = client_address(request) if request is not None else ""
        return super().save(*args, request=request, **kwargs)

    def get_users(self, email: str) -> Iterator[User]:
        """The accounts to email: active, with a usable password and this address, found through the blind index
        (Django's own ``email__iexact`` cannot look into the encrypted column), within the reset-email throttle.
        ``matched`` keeps every account the address matched (for the audit log), so nobody needs to ask again,
        which would count against the throttle twice."""
        self.matched = []
        for user in User.objects.with_email(email).filter(is_active=True):
            if not user.has_usable_password():
                continue
            self.matched.append(user)
            if reset.may_send_reset(user=user, address=self.address):
                yield user


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


def registration_values(form: RegistrationForm) -> dict[str, Any]:
    """The completion service's keyword arguments from a valid registration form."""
    data = form.cleaned_data
    return {
        "real_name": data["real_name"],
        "username": data["username"],
        "password": data["password1"],
        "notice_version": data["notice_version"],
    }
