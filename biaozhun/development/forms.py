"""The forms of the development pages. The project page's sections build them empty; the views that receive them
check them and pass their data to the services, which decide (a form only checks the shape of what was sent)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.accounts.forms import BootstrapFormMixin
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.models import Degree, Nature, Standard
from biaozhun.committees.models import Committee
from biaozhun.identifiers import IdentifierError, Tier, parse
from biaozhun.reference.selectors import code_tables

from . import selectors
from .models import STAGE_CHOICES, Ballot, Disposition, DocumentKind, ProjectKind, ReviewConclusion, VoteChoice
from .services.comments import TEXT_MAX


# --- Moves, WTO/TBT, publication (the manage section) -----------------------------------------------------
class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=STAGE_CHOICES)
    expected_version = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=2000)
    plan_number = forms.CharField(label=gettext_lazy("计划号"), required=False, max_length=30)
    period_days = forms.IntegerField(label=gettext_lazy("期限（日）"), required=False, min_value=1, max_value=366)


class TbtForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("通报号"), max_length=40)
    notified_on = forms.DateField(label=gettext_lazy("通报日期"))


class PublishForm(forms.Form):
    expected_version = forms.IntegerField(min_value=1)
    identifier = forms.CharField(label=gettext_lazy("标准号"), max_length=120)
    published_on = forms.DateField(label=gettext_lazy("发布日期"))
    implemented_on = forms.DateField(label=gettext_lazy("实施日期"))
    title_en = forms.CharField(label=gettext_lazy("英文名称"), required=False, max_length=300)
    confirm_title_change = forms.BooleanField(label=gettext_lazy("确认标准更名"), required=False)


class WithdrawPublicationForm(forms.Form):
    expected_version = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=gettext_lazy("撤销原因"), max_length=2000)


# --- Extensions (the deadlines section) -------------------------------------------------------------------
class ExtensionRequestForm(forms.Form):
    months = forms.IntegerField(label=gettext_lazy("延期月数"))
    reason = forms.CharField(label=gettext_lazy("延期理由"), max_length=2000)


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("审核结果"),
                                 choices=[("approve", gettext_lazy("批准")), ("refuse", gettext_lazy("不批准"))])
    reason = forms.CharField(label=gettext_lazy("审核意见"), required=False, max_length=2000)


# --- Documents ----------------------------------------------------------------------------------------------
class UploadForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("文件类型"), choices=DocumentKind.choices)
    # Empty files reach the service, whose message says what is expected.
    upload = forms.FileField(label=gettext_lazy("文件"), allow_empty_file=True,
                             help_text=gettext_lazy("PDF 或 Word（.docx）；意见汇总处理表也可为 Excel（.xlsx）。最大 50 MB。"))
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "document-%s")
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs["accept"] = ".pdf,.docx,.xlsx"


# --- Comments -----------------------------------------------------------------------------------------------
class CommentForm(BootstrapFormMixin, forms.Form):
    clause = forms.CharField(label=gettext_lazy("章条编号"), required=False, max_length=100,
                             help_text=gettext_lazy("如 5.2.1、第5章、附录A；不填表示对全文的意见。"))
    text = forms.CharField(label=gettext_lazy("意见内容"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    proposal = forms.CharField(label=gettext_lazy("修改建议"), required=False, max_length=TEXT_MAX,
                               widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(label=gettext_lazy("提出单位"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=gettext_lazy("以个人名义"))

    def __init__(self, user, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_of(user=user)


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label=gettext_lazy("处理意见"), choices=Disposition.choices)
    reason = forms.CharField(label=gettext_lazy("处理理由"), required=False, max_length=TEXT_MAX)


# --- Ballots ------------------------------------------------------------------------------------------------
class OpenBallotForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("审查方式"), choices=Ballot.Method.choices)
    closes_on = forms.DateField(label=gettext_lazy("截止日期"), required=False)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=gettext_lazy("表决意见"), choices=VoteChoice.choices)
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=4000)


class RecordVoteForm(VoteForm):
    member = forms.IntegerField(label=gettext_lazy("委员"))


# --- Periodic review ----------------------------------------------------------------------------------------
class ConclusionForm(forms.Form):
    conclusion = forms.ChoiceField(label=gettext_lazy("复审结论"), choices=ReviewConclusion.choices)
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=2000)
    abolish_on = forms.DateField(label=gettext_lazy("废止日期"), required=False)


# --- Proposing a project ------------------------------------------------------------------------------------
class ProposeForm(BootstrapFormMixin, forms.Form):
    committee = forms.ChoiceField(label=gettext_lazy("技术委员会"))
    title_zh = forms.CharField(label=gettext_lazy("项目名称"), max_length=300)
    title_en = forms.CharField(label=gettext_lazy("英文名称"), required=False, max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("制修订"), choices=ProjectKind.choices)
    nature = forms.ChoiceField(label=gettext_lazy("性质"), choices=Nature.choices)
    revises = forms.CharField(label=gettext_lazy("被修订的标准"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=gettext_lazy("修订或修改单项目填写，每行一个标准号，如 GB/T 19001-2016"))
    adopts = forms.CharField(label=gettext_lazy("采用的国际标准"), required=False, max_length=120,
                             help_text=gettext_lazy("采用国际标准的项目填写，如 ISO 9001:2015"))
    degree = forms.ChoiceField(label=gettext_lazy("一致性程度"), required=False,
                               choices=[("", "—"), *Degree.choices])
    ccs = forms.CharField(label=gettext_lazy("中国标准文献分类号"), required=False, max_length=10,
                          help_text=gettext_lazy("三级类目，如 L70；修订项目不填则沿用被修订标准的分类"))
    ics_codes = forms.CharField(label=gettext_lazy("国际标准分类号"), required=False, max_length=200,
                                help_text=gettext_lazy("如 35.020；多个以空格或分号分隔，第一个为主分类"))
    competent_department = forms.CharField(label=gettext_lazy("主管部门"), required=False, max_length=200)
    drafting_units = forms.CharField(label=gettext_lazy("起草单位"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=gettext_lazy("每行一个，或以顿号分隔，按标准文本中的顺序"))
    drafters = forms.CharField(label=gettext_lazy("起草人"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=gettext_lazy("每行一个，或以顿号分隔，按标准文本中的顺序"))
    references = forms.CharField(label=gettext_lazy("规范性引用文件"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=gettext_lazy("每行一个标准号：注日期的如 GB/T 191-2008，不注日期的如 GB/T 191；"
                                                        "所引用的标准有变化时会提示本项目"))
    trade_relevant = forms.BooleanField(label=gettext_lazy("涉及贸易（须WTO/TBT通报）"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "—"), *((code, f"{code} {name}")
                                                         for code, name in selectors.active_committee_choices())]

    def clean_committee(self) -> Committee:
        return selectors.active_committee(code=self.cleaned_data["committee"])

    def clean_revises(self) -> list[Standard]:
        found, problems = [], []
        tables = None
        for line, text in enumerate(self.cleaned_data["revises"].splitlines(), start=1):
            if not text.strip():
                continue
            tables = tables or code_tables()
            try:
                ident = parse(text, tables)
            except IdentifierError:
                problems.append(_("第 %(line)d 行：“%(text)s”不是有效的标准号") % {"line": line, "text": text.strip()})
                continue
            standard = selectors.catalogue_edition(ident=ident)
            if standard is None:
                problems.append(_("第 %(line)d 行：标准目录中没有 %(number)s") % {"line": line, "number": ident.canonical})
            else:
                found.append(standard)
        if problems:
            raise forms.ValidationError(problems)
        return found

    def clean_adopts(self) -> str:
        text = self.cleaned_data["adopts"].strip()
        if not text:
            return ""
        try:
            ident = parse(text)
        except IdentifierError:
            ident = None
        if ident is None or ident.tier != Tier.INTERNATIONAL:
            raise forms.ValidationError(_("“%(text)s”不是国际标准编号，应形如 ISO 9001:2015") % {"text": text})
        return ident.canonical

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == ProjectKind.ADOPTION and not data.get("degree"):
            self.add_error("degree", _("采用国际标准的项目须选择一致性程度"))
        return data
