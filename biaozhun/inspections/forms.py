"""Forms of the inspection work pages. They only check input; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Campaign, CheckItem, Outcome
from .services.campaigns import EDITABLE


class CampaignForm(forms.ModelForm):
    check_items = forms.MultipleChoiceField(label=_("检查事项"), choices=CheckItem.choices,
                                            widget=forms.CheckboxSelectMultiple, initial=CheckItem.values)

    class Meta:
        model = Campaign
        fields = list(EDITABLE)
        widgets = {"scope": forms.Textarea(attrs={"rows": 2}), "excluded_enterprises": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "check_items":
                continue
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control")
            field.widget.attrs.setdefault("class", css)


class FindingForm(forms.Form):
    check_item = forms.ChoiceField(choices=CheckItem.choices, widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("检查结论"), choices=Outcome.choices,
                                widget=forms.Select(attrs={"class": "form-select"}))
    note = forms.CharField(label=_("情况说明"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    evidence = forms.FileField(label=_("证据材料（PDF）"), required=False,
                               widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".pdf"}))


class InspectorForm(forms.Form):
    number = forms.CharField(label=_("执法证号"), max_length=40, widget=forms.TextInput(attrs={"class": "form-control"}))
    name = forms.CharField(label=_("姓名"), max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))
    organisation = forms.CharField(label=_("工作单位"), max_length=200, required=False,
                                   widget=forms.TextInput(attrs={"class": "form-control"}))
    region_code = forms.CharField(label=_("所在地区"), max_length=6, required=False,
                                  widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}))
    specialty = forms.CharField(label=_("专业领域"), max_length=100, required=False,
                                widget=forms.TextInput(attrs={"class": "form-control"}))


class FollowUpForm(forms.Form):
    corrected = forms.TypedChoiceField(label=_("跟踪结果"), coerce=lambda v: v == "yes",
                                       choices=[("yes", _("已改正")), ("no", _("逾期未改正"))],
                                       widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    note = forms.CharField(label=_("跟踪情况"), required=False, max_length=1000,
                           widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))


class PoolImportForm(forms.Form):
    file = forms.FileField(label=_("检查人员名录（XLSX）"),
                           widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}))


class AbolitionForm(forms.Form):
    """The authority's decision under law art. 39: which standard, and why. The choices are the enterprise's
    published declarations whose standard may be abolished (services.abolitions.candidates)."""

    declaration = forms.TypedChoiceField(label=_("废止的标准"), coerce=int, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("废止理由"), max_length=2000, widget=forms.Textarea(attrs={
        "rows": 4, "class": "form-control",
        "placeholder": _("不符合哪项强制性国家标准的哪项技术要求；责令改正的期限和跟踪结果。")}))

    def __init__(self, *args, declarations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].choices = [(d.pk, f"{d.identifier} {d.title}") for d in declarations]
