"""The groups pages' forms: they read and shape input; the services check it and say what is wrong (shown on
the fields they name, accounts.forms.show_problems)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.reference.models import IndustryClass, RegionCode

from .models import AnnouncementKind, GroupProfile
from .selectors import MAX_KEYWORD, province_choices, section_choices
from .services import AnnouncementInput, GroupStandardInput, ProfileInput

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
TEXT = {"class": "form-control"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label=_("名称、团体代号或地区"), required=False, max_length=MAX_KEYWORD,
                        widget=forms.TextInput(attrs={**TEXT, "type": "search", "placeholder": _("如：中国标准化协会、CAS、北京")}))
    province = forms.ChoiceField(label=_("省份"), required=False)
    section = forms.ChoiceField(label=_("行业门类"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("全部"))] + province_choices()
        self.fields["section"].choices = [("", _("全部"))] + section_choices()
        for name in ("province", "section"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def query(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"q": data.get("q", ""), "province": data.get("province", ""), "section": data.get("section", "")}


class ProfileForm(forms.Form):
    code = forms.CharField(label=_("团体代号"), max_length=20, help_text=GroupProfile._meta.get_field("code").help_text,
                           widget=forms.TextInput(attrs={**TEXT, "autocapitalize": "characters"}))
    registration_authority = forms.CharField(label=_("登记管理机关"), max_length=200, widget=forms.TextInput(attrs=TEXT),
                                             help_text=_("如：中华人民共和国民政部、江苏省民政厅。"))
    supervising_unit = forms.CharField(label=_("业务主管单位"), max_length=200, required=False,
                                       widget=forms.TextInput(attrs=TEXT))
    region = forms.ChoiceField(label=_("所在地区"), help_text=_("GB/T 2260 行政区划：省级或地市级。"))
    industry = forms.ChoiceField(label=_("国民经济行业分类"), help_text=_("GB/T 4754 门类或大类。"))
    introduction = forms.CharField(label=_("简介"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    website = forms.CharField(label=_("网站"), required=False, max_length=200, widget=forms.URLInput(attrs=TEXT))
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = RegionCode.objects.order_by("code").values_list("code", "name_zh", "level")
        self.fields["region"].choices = [("", "—")] + [
            (code, f"{code} {name}" if level == RegionCode.Level.PROVINCE else f"　{code} {name}")
            for code, name, level in regions]
        classes = IndustryClass.objects.filter(level__lte=2).order_by("code").values_list("code", "name_zh", "level")
        self.fields["industry"].choices = [("", "—")] + [
            (code, f"{code} {name}" if level == 1 else f"　{code} {name}") for code, name, level in classes]
        for name in ("region", "industry"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def profile_input(self) -> ProfileInput:
        data = self.cleaned_data
        return ProfileInput(code=data["code"], registration_authority=data["registration_authority"],
                            supervising_unit=data["supervising_unit"], region=data["region"],
                            industry=data["industry"], introduction=data["introduction"], website=data["website"])


class GroupStandardForm(forms.Form):
    number = forms.CharField(label=_("顺序号"), max_length=30, widget=forms.TextInput(attrs=TEXT),
                             help_text=_("编号 T/代号 顺序号—年代号 中的顺序号，如 115 或 115.1。"))
    year = forms.IntegerField(label=_("年代号"), min_value=1990, max_value=2100,
                              widget=forms.NumberInput(attrs=TEXT))
    title_zh = forms.CharField(label=_("标准名称"), max_length=500, widget=forms.TextInput(attrs=TEXT))
    title_en = forms.CharField(label=_("英文名称"), max_length=500, required=False, widget=forms.TextInput(attrs=TEXT))
    published_on = forms.DateField(label=_("发布日期"), widget=DATE)
    implemented_on = forms.DateField(label=_("实施日期"), required=False, widget=DATE)
    scope = forms.CharField(label=_("适用范围"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
    main_content = forms.CharField(label=_("主要技术内容"), max_length=5000,
                                   widget=forms.Textarea(attrs={**TEXT, "rows": 4}))
    involves_patents = forms.BooleanField(label=_("涉及专利"), required=False,
                                          widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    patent_note = forms.CharField(label=_("专利说明"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
                                  help_text=_("涉及专利时写明专利名称、专利号和专利权人的许可声明。"))
    ccs = forms.CharField(label=_("中国标准文献分类号"), required=False, max_length=20, widget=forms.TextInput(attrs=TEXT))
    ics = forms.CharField(label=_("国际标准分类号"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXT),
                          help_text=_("多个用分号隔开。"))
    drafting_units = forms.CharField(label=_("起草单位"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
                                     help_text=_("每行一个。"))
    drafters = forms.CharField(label=_("起草人"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
                               help_text=_("每行一个，或用分号隔开。"))
    text_public = forms.BooleanField(label=_("全文公开"), required=False,
                                     widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    text = forms.FileField(label=_("全文（PDF）"), required=False,
                           widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf"}))

    def standard_input(self) -> GroupStandardInput:
        data = self.cleaned_data
        return GroupStandardInput(
            number=data["number"], year=data["year"], title_zh=data["title_zh"], title_en=data["title_en"],
            published_on=data["published_on"], implemented_on=data["implemented_on"], scope=data["scope"],
            main_content=data["main_content"], involves_patents=data["involves_patents"],
            patent_note=data["patent_note"], text_public=data["text_public"], ccs=data["ccs"],
            ics=_lines(data["ics"].replace(",", ";")), drafting_units=_lines(data["drafting_units"]),
            drafters=_lines(data["drafters"]))

    def text_content(self) -> bytes | None:
        upload = self.cleaned_data.get("text")
        return upload.read() if upload else None


class AnnouncementForm(forms.Form):
    kind = forms.ChoiceField(label=_("公告类型"), choices=AnnouncementKind.choices,
                             widget=forms.Select(attrs={"class": "form-select"}))
    title = forms.CharField(label=_("标题"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    standard_title = forms.CharField(label=_("标准名称"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    body = forms.CharField(label=_("正文"), max_length=10000, widget=forms.Textarea(attrs={**TEXT, "rows": 6}))
    comment_start = forms.DateField(label=_("征求意见开始日期"), required=False, widget=DATE)
    comment_end = forms.DateField(label=_("征求意见截止日期"), required=False, widget=DATE)
    draft = forms.FileField(label=_("征求意见稿（PDF，可选）"), required=False,
                            widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf"}))

    def announcement_input(self) -> AnnouncementInput:
        data = self.cleaned_data
        return AnnouncementInput(kind=data["kind"], title=data["title"], standard_title=data["standard_title"],
                                 body=data["body"], comment_start=data["comment_start"], comment_end=data["comment_end"])

    def draft_content(self) -> bytes | None:
        upload = self.cleaned_data.get("draft")
        return upload.read() if upload else None


class CommentForm(forms.Form):
    clause = forms.CharField(label=_("章条号"), required=False, max_length=50, widget=forms.TextInput(attrs=TEXT))
    text = forms.CharField(label=_("意见内容"), max_length=5000, widget=forms.Textarea(attrs={**TEXT, "rows": 4}))
    reason = forms.CharField(label=_("理由或修改建议"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    organisation_name = forms.CharField(label=_("所在单位（可选）"), required=False, max_length=200,
                                        widget=forms.TextInput(attrs=TEXT))
