"""Forms of the pages that follow filing (periodic review, supersession flags, conversions). They check the shape of
what was sent; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReviewOutcome

DECISIONS = [("confirm", _("确认")), ("dismiss", _("排除"))]


class ConclusionForm(forms.Form):
    standard = forms.TypedMultipleChoiceField(coerce=int, choices=(), error_messages={
        "required": _("请勾选要作出结论的标准"), "invalid_choice": _("所选标准不在本页清单中，请刷新后重试")})
    outcome = forms.ChoiceField(label=_("复审结论"), choices=ReviewOutcome.choices,
                                error_messages={"required": _("请选择复审结论")})
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000)
    notice_number = forms.CharField(label=_("公告号"), required=False, max_length=100)
    notice_date = forms.DateField(label=_("公告日期"), required=False)
    abolished_on = forms.DateField(label=_("废止日期"), required=False)
    note = forms.CharField(label=_("公告说明"), required=False, max_length=2000)

    def __init__(self, *args, standard_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [(pk, pk) for pk in standard_ids]


class FlagDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=DECISIONS)
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000)


class ConversionForm(forms.Form):
    sources = forms.CharField(label=_("被转化的标准"), widget=forms.Textarea(attrs={"rows": 3}), max_length=6000,
                              help_text=_("行业标准或地方标准的标准号，每行一个；多项标准合并转化时逐一列出"),
                              error_messages={"required": _("请填写被转化的标准号")})
    target = forms.CharField(label=_("转化后的标准"), max_length=120,
                             help_text=_("国家标准或团体标准（地方标准也可转化为行业标准）的标准号"),
                             error_messages={"required": _("请填写转化后的标准号")})
    note = forms.CharField(label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def numbers(self) -> list[str]:
        lines = self.cleaned_data["sources"].replace("；", "\n").replace(";", "\n").replace("，", "\n").splitlines()
        return [" ".join(line.split()) for line in lines if line.strip()]
