"""The application pages' forms: they read and shape input; the services check it and say what is wrong (shown on
the fields they name, accounts.forms.show_problems). Organisations are named by their full name or unified social
credit code (the platform may hold hundreds of thousands: no select lists them all)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin

from .. import selectors
from ..models import CommitteeKind, MemberRole, Stakeholder
from .models import Application
from .services import ApplicationInput, SeatInput

ORGANISATION_HELP = _("填写在本平台登记的单位全称或统一社会信用代码。")


class OrganisationField(forms.CharField):
    """An organisation registered on the platform, by its exact name or its USCC."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", ORGANISATION_HELP)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return getattr(value, "name", value)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = selectors.organisation_named(text)
        if found is None:
            raise forms.ValidationError(_("没有找到“%(text)s”：请填写在本平台登记的单位全称或 18 位统一社会信用代码。"),
                                        params={"text": text}, code="unknown")
        return found


class CommitteeCodeField(forms.CharField):
    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = selectors.committee_by_code(text)
        if found is None:
            raise forms.ValidationError(_("没有编号为“%(text)s”的技术委员会。"), params={"text": text}, code="unknown")
        return found


class EstablishmentForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=CommitteeKind.choices)
    code = forms.CharField(label=_("拟定编号"), max_length=40, help_text=_(
        "如 SAC/TC 601；分技术委员会 SAC/TC 28/SC 43；标准化工作组 SAC/SWG 30；标准化总体组 SAC/CG 3。"))
    name_zh = forms.CharField(label=_("名称"), max_length=200, required=False)
    name_en = forms.CharField(label=_("英文名称"), max_length=300, required=False)
    scope = forms.CharField(label=_("工作领域"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(label=_("必要性和可行性"), required=False, max_length=10000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    international_counterpart = forms.CharField(label=_("对口国际组织"), max_length=200, required=False, help_text=_(
        "如 ISO/TC 176、IEC/TC 8、ISO/IEC JTC 1/SC 7；多个用顿号分隔，没有的留空。"))
    secretariat = OrganisationField(label=_("秘书处承担单位"), required=False)
    guiding_unit = OrganisationField(label=_("业务指导单位"), required=False, help_text=_(
        "国务院有关部门、行业协会、省级市场监管部门或国家标准化管理委员会：填写全称或统一社会信用代码。"))
    contact_name = forms.CharField(label=_("秘书处联系人"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    contact_email = forms.CharField(label=_("联系邮箱"), max_length=254, required=False)

    def application_input(self, seats: tuple[SeatInput, ...]) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(purpose="establish", seats=seats, **{name: data[name] for name in self.fields})

    @staticmethod
    def initial_of(application: Application) -> dict:
        return {name: getattr(application, name) for name in EstablishmentForm.base_fields}


class ChangeForm(BootstrapFormMixin, forms.Form):
    """Restructure (the charter as it should become) or merge (into which committee)."""

    purpose = forms.ChoiceField(label=_("申请事项"), choices=[("restructure", _("调整")), ("merge", _("合并"))],
                                widget=forms.RadioSelect)
    name_zh = forms.CharField(label=_("名称"), max_length=200, required=False)
    name_en = forms.CharField(label=_("英文名称"), max_length=300, required=False)
    scope = forms.CharField(label=_("工作领域"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    international_counterpart = forms.CharField(label=_("对口国际组织"), max_length=200, required=False)
    secretariat = OrganisationField(label=_("秘书处承担单位"), required=False)
    guiding_unit = OrganisationField(label=_("业务指导单位"), required=False)
    merge_into = CommitteeCodeField(label=_("并入"), max_length=40, required=False,
                                    help_text=_("合并时填写接收工作的技术委员会编号，如 SAC/TC 28。"))
    justification = forms.CharField(label=_("理由"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].widget.attrs["class"] = "form-check-input"

    def application_input(self, committee) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(committee=committee, **{name: data[name] for name in self.fields})

    @staticmethod
    def initial_of(application: Application) -> dict:
        values = {name: getattr(application, name) for name in ChangeForm.base_fields if name != "merge_into"}
        return {**values, "merge_into": application.merge_into.code if application.merge_into_id else ""}

    @staticmethod
    def initial_for(committee) -> dict:
        return {"purpose": "restructure", "name_zh": committee.name_zh, "name_en": committee.name_en,
                "scope": committee.scope, "international_counterpart": committee.international_counterpart,
                "secretariat": committee.secretariat, "guiding_unit": committee.guiding_unit}


class SeatForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    organisation = forms.CharField(label=_("工作单位"), max_length=200, required=False)
    stakeholder = forms.ChoiceField(label=_("利益相关方类别"), choices=[("", "—"), *Stakeholder.choices], required=False)
    role = forms.ChoiceField(label=_("职务"), choices=MemberRole.choices, initial=MemberRole.MEMBER, required=False)
    title = forms.CharField(label=_("职称"), max_length=50, required=False)
    voting = forms.BooleanField(label=_("有表决权"), required=False, initial=True)

    def seat(self) -> SeatInput | None:
        data = self.cleaned_data
        if not any(data.get(name) for name in ("name", "organisation", "title")):
            return None  # a blank row
        return SeatInput(name=data["name"], organisation=data["organisation"], stakeholder=data["stakeholder"],
                         role=data["role"] or MemberRole.MEMBER, title=data["title"], voting=data["voting"])


BLANK_ROWS = 3
MAX_ROWS = 200


def seat_formset(data=None, *, application: Application | None = None, extra: int = BLANK_ROWS):
    """The proposed seats: the application's rows and ``extra`` blank ones."""
    factory = forms.formset_factory(SeatForm, extra=max(0, min(extra, MAX_ROWS)), max_num=MAX_ROWS,
                                    absolute_max=MAX_ROWS + 50)
    initial = [{"name": s.name, "organisation": s.organisation, "stakeholder": s.stakeholder, "role": s.role,
                "title": s.title, "voting": s.voting} for s in application.seats.all()] if application else []
    return factory(data, initial=initial or None, prefix="seats")


def seats_of(formset) -> tuple[SeatInput, ...]:
    return tuple(seat for form in formset.forms if (seat := form.seat()) is not None)


class CommentForm(BootstrapFormMixin, forms.Form):
    organisation_name = forms.CharField(label=_("所在单位"), max_length=200, required=False)
    text = forms.CharField(label=_("意见内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("决定"), choices=[("approve", _("批准")), ("reject", _("不予批准"))],
                                widget=forms.RadioSelect)
    decision = forms.CharField(label=_("文号"), max_length=100, required=False, help_text=_("如 国标委函〔2026〕30号。"))
    reason = forms.CharField(label=_("理由或说明"), max_length=5000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}), help_text=_("不予批准时必填。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"


class WithdrawForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=2000, required=False)
