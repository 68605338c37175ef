"""Forms of the committee pages kept by the secretariat and the administration: contacts and 换届."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactsForm(BootstrapFormMixin, forms.Form):
    contact_name = forms.CharField(label=_("秘书处联系人"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    contact_email = forms.CharField(label=_("联系邮箱"), max_length=254, required=False)


class RenewTermForm(BootstrapFormMixin, forms.Form):
    start = forms.DateField(label=_("新一届开始日期"), widget=DATE)
    end = forms.DateField(label=_("新一届结束日期"), widget=DATE, required=False,
                          help_text=_("不填则按任期年限计算。"))
    carry = forms.MultipleChoiceField(label=_("连任委员"), required=False, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("说明"), max_length=500, required=False,
                             help_text=_("如换届批复文号；记入未连任委员的离任记录。"))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["carry"].choices = [(str(m.pk), f"{m.name} · {m.get_role_display()} · {m.organisation}")
                                        for m in members]
        self.fields["carry"].widget.attrs["class"] = "form-check-input"

    def carried(self) -> list:
        return [self.members[pk] for pk in self.cleaned_data["carry"]]
