"""The audit log's filter form and the roles form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin

from .models import AdminRole, AuditKind, Outcome

ANY = [("", _("全部"))]


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=254, required=False)
    kind = forms.ChoiceField(label=_("事件"), choices=ANY + AuditKind.choices, required=False)
    outcome = forms.ChoiceField(label=_("结果"), choices=ANY + Outcome.choices, required=False)
    address = forms.CharField(label=_("地址"), max_length=64, required=False,
                              help_text=_("完整地址，或以“.”结尾的网段，如 10.1."))
    since = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("截止日期不能早于起始日期。"))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments (empty filters when the form is invalid: the page says why)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class RoleForm(BootstrapFormMixin, forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=AdminRole.choices)
