"""Forms of the second-factor pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import BootstrapFormMixin


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=20,
        help_text=_("验证器应用中当前显示的 6 位数字；手机不在身边时，可输入一个恢复码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True,
                                      "autocapitalize": "none", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, enrolling: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if enrolling:
            self.fields["code"].help_text = _("在验证器应用中添加账号后，输入它显示的 6 位数字。")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"


class PasswordConfirmForm(BootstrapFormMixin, forms.Form):
    password = forms.CharField(label=_("当前密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
