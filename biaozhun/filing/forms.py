"""The forms of the filing work pages. They check the shape of what was sent and turn it into the services'
input (filing/services/submission.FilingInput); the services decide, and their ValidationFailed problems are put
back on the fields (`show_service_problems`)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin, show_problems
from biaozhun.core.errors import ValidationFailed

from .check_text import label
from .checks import CHECK_CODES
from .models import Filing
from .services import FilingInput

# Lists typed in one box: one per line, or separated by semicolons or enumeration commas (、, ，).
_ITEMS = re.compile(r"[\n;；、，,]+")
# Codes typed in one box (ICS, 国民经济行业分类): spaces also separate.
_CODES = re.compile(r"[\s;；、，,]+")
# The record's list fields and how each is typed in the form.
LIST_FIELDS = {"ics": _CODES, "industry_classes": _CODES, "replaces": _ITEMS, "drafting_units": _ITEMS,
               "drafters": _ITEMS}
RECORD_FIELDS = ("identifier", "title_zh", "title_en", "scope", "ccs", "ics", "published_on", "implemented_on",
                 "replaces", "drafting_units", "drafters", "industry_classes")
# A service problem's field → the form's field (the record's own names are the form's).
RENAME = {"issued_by": "approved_by", "file": "text"}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FilingForm(BootstrapFormMixin, forms.Form):
    """Every field of a filing. `authorities`: those the user files for (a choice only when there are several);
    `revising`: the filing a returned one is revised from (its number and authority are fixed, the text optional)."""

    authority = forms.TypedChoiceField(label=_("备案单位"), coerce=int)
    identifier = forms.CharField(label=_("标准号"), max_length=120,
                                 help_text=_("如 JB/T 14567-2026、DB32/T 4567-2026、DB3201/T 88-2026"))
    title_zh = forms.CharField(label=_("中文标题"), max_length=500)
    title_en = forms.CharField(label=_("英文标题"), max_length=500, required=False)
    scope = forms.CharField(label=_("适用范围"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("标准文本第1章的内容；协调性检查据此比对相近的标准"))
    ccs = forms.CharField(label=_("中国标准文献分类号"), max_length=40, required=False,
                          help_text=_("如 T47"))
    ics = forms.CharField(label=_("国际标准分类号"), max_length=200, required=False,
                          help_text=_("如 43.120；多个以空格或分号分隔，第一个为主分类"))
    published_on = forms.DateField(label=_("发布日期"), widget=_date_input())
    implemented_on = forms.DateField(label=_("实施日期"), required=False, widget=_date_input())
    replaces = forms.CharField(label=_("代替标准号"), max_length=500, required=False,
                               help_text=_("修订的标准填写被代替的标准号，如 DB32/T 1234-2018；多个以分号分隔"))
    approved_by = forms.CharField(label=_("批准发布部门"), max_length=200)
    notice_number = forms.CharField(label=_("批准发布公告号"), max_length=100, help_text=_("如 2026年第12号"))
    notice_date = forms.DateField(label=_("公告日期"), widget=_date_input())
    drafting_units = forms.CharField(label=_("起草单位"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=_("每行一个，或以顿号分隔，按标准文本中的顺序"))
    drafters = forms.CharField(label=_("起草人"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("每行一个，或以顿号分隔，按标准文本中的顺序"))
    industry_classes = forms.CharField(label=_("国民经济行业分类"), max_length=200, required=False,
                                       help_text=_("GB/T 4754—2017 的门类、大类或中类代码，如 C38 或 C383；多个以空格分隔"))
    text = forms.FileField(label=_("标准文本（PDF）"), allow_empty_file=True)
    expected_version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, authorities: list, revising: Filing | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filing-%s")
        super().__init__(*args, **kwargs)
        self.revising = revising
        field = self.fields["authority"]
        field.choices = [(a.pk, a.name) for a in authorities]
        if revising is not None:
            field.choices = [(revising.authority_id, revising.authority.name)]
        if len(field.choices) == 1:  # nothing to choose: the one authority, shown as text
            field.initial = field.choices[0][0]
            field.required = False
            field.widget = forms.HiddenInput(attrs={"class": ""})
        self.fields["text"].widget.attrs["accept"] = ".pdf,application/pdf"
        if revising is not None:
            self.fields["identifier"].widget.attrs["readonly"] = True  # another number is another filing
            self.fields["identifier"].help_text = ""
            self.fields["text"].required = False
            self.fields["text"].help_text = _("不上传则沿用已提交的文本")
            self.fields["expected_version"].required = True

    def clean_authority(self) -> int | None:
        choices = self.fields["authority"].choices
        return self.cleaned_data.get("authority") or (choices[0][0] if len(choices) == 1 else None)

    @property
    def single_authority(self) -> str:
        """The one authority's name, when the form does not offer a choice."""
        choices = self.fields["authority"].choices
        return str(choices[0][1]) if len(choices) == 1 else ""

    def filing_input(self) -> FilingInput:
        data = self.cleaned_data
        record: dict[str, Any] = {}
        for name in RECORD_FIELDS:
            value = data.get(name)
            if name in LIST_FIELDS:
                value = [item.strip() for item in LIST_FIELDS[name].split(value or "") if item.strip()]
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            record[name] = value
        upload = data.get("text")
        return FilingInput(record=record, approved_by=data.get("approved_by", ""),
                           notice_number=data.get("notice_number", ""), notice_date=data.get("notice_date"),
                           text=upload.read() if upload else None)

    def show_service_problems(self, error: ValidationFailed) -> None:
        """The service's problems on the fields they name (`replaces[1]` on replaces, the rest above the form)."""
        if any(problem.get("field") == "version" for problem in error.errors):  # revised meanwhile by another
            self.add_error(None, error.message)
            return
        renamed = {}
        for problem in error.errors:
            name = str(problem.get("field", "")).split("[", 1)[0].split(".", 1)[0]
            renamed[problem.get("field", "")] = RENAME.get(name, name)
        show_problems(self, error, rename=renamed)


def initial_from(filing: Filing) -> dict[str, Any]:
    """A returned filing's values, to revise it."""
    record = filing.record
    replaces = [item.get("identifier", "") if isinstance(item, dict) else str(item)
                for item in record.get("replaces") or ()]
    return {
        "authority": filing.authority_id, "identifier": filing.identifier, "title_zh": filing.title_zh,
        "title_en": record.get("title_en", ""), "scope": record.get("scope", ""), "ccs": record.get("ccs", ""),
        "ics": " ".join(record.get("ics") or ()), "published_on": filing.published_on,
        "implemented_on": filing.implemented_on, "replaces": "; ".join(replaces),
        "approved_by": filing.approved_by, "notice_number": filing.notice_number, "notice_date": filing.notice_date,
        "drafting_units": "\n".join(record.get("drafting_units") or ()),
        "drafters": "\n".join(record.get("drafters") or ()),
        "industry_classes": " ".join(record.get("industry_classes") or ()), "expected_version": filing.version,
    }


# --- Actions on a filing ------------------------------------------------------------------------------------
class NoteForm(BootstrapFormMixin, forms.Form):
    """Approve (province) or accept (reviewer), with an optional note."""

    note = forms.CharField(label=_("意见（可不填）"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("撤回原因（可不填）"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ReturnCityForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("市级部门据此修改后重新提交"))


class ReturnForm(BootstrapFormMixin, forms.Form):
    """The reviewer's return: one reason per check (reason_<code>) and a general one; at least one is needed,
    which the service says (field "reasons", shown above the form)."""

    general = forms.CharField(label=_("其他理由"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "return-%s")
        super().__init__(*args, **kwargs)
        for code in CHECK_CODES:
            self.fields[f"reason_{code}"] = forms.CharField(
                label=label(code), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1}))
            self.fields[f"reason_{code}"].widget.attrs["class"] = "form-control"
        self.order_fields([*(f"reason_{code}" for code in CHECK_CODES), "general"])

    def check_fields(self) -> list:
        return [self[f"reason_{code}"] for code in CHECK_CODES]

    def reasons(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        reasons = [{"check": code, "message": data.get(f"reason_{code}", "")} for code in CHECK_CODES]
        reasons.append({"check": "", "message": data.get("general", "")})
        return [r for r in reasons if r["message"].strip()]
