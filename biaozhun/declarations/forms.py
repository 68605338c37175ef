"""The forms of the enterprise work pages. They check the shape of what was sent and turn it into the services'
input; the services decide, and their ValidationFailed problems go back on the fields (``show_service_problems``).
The indicator table is read from repeated inputs (one of each per row) that a small script adds and removes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin
from biaozhun.core.errors import ValidationFailed

from .models import Comparator, IndicatorCategory, StandardSource
from .services import DeclarationInput, ProductInput, ProfileInput

INDICATOR_FIELDS = ("name", "unit", "comparator", "lower", "upper", "text", "test_method", "category")


class ProfileForm(BootstrapFormMixin, forms.Form):
    region_code = forms.CharField(label=_("所在地区（行政区划代码）"), max_length=6,
                                  help_text=_("6 位 GB/T 2260 代码，到区县，如 320102（南京市玄武区）"))
    industry_class = forms.CharField(label=_("国民经济行业分类"), max_length=6, required=False,
                                     help_text=_("GB/T 4754—2017 的门类、大类或中类代码，如 C38"))
    address = forms.CharField(label=_("地址"), max_length=300, required=False)
    standard_code = forms.CharField(label=_("企业标准代号"), max_length=40, required=False,
                                    help_text=_("本企业标准编号 Q/ 之后的代号，如 Q/ABC 001-2025 中的 ABC；统一社会信用代码也可使用"))

    def profile_input(self) -> ProfileInput:
        return ProfileInput(**{name: self.cleaned_data.get(name) or "" for name in self.fields})


class ProductForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("产品名称"), max_length=200)
    model = forms.CharField(label=_("型号规格"), max_length=200, required=False)
    code = forms.CharField(label=_("产品编码"), max_length=50, required=False,
                           help_text=_("企业内部或商品条码等编码，可不填"))

    def product_input(self) -> ProductInput:
        return ProductInput(**{name: self.cleaned_data.get(name) or "" for name in self.fields})


class DeclarationForm(BootstrapFormMixin, forms.Form):
    source = forms.ChoiceField(label=_("执行的标准"), choices=StandardSource.choices, widget=forms.RadioSelect,
                               initial=StandardSource.CATALOGUE)
    identifier = forms.CharField(label=_("标准号"), max_length=120,
                                 help_text=_("带年代号，如 GB 19147-2016；本企业标准如 Q/ABC 001-2025"))
    title = forms.CharField(label=_("标准名称"), max_length=500, required=False,
                            help_text=_("本企业标准必填；国家、行业、地方、团体标准取自标准目录"))
    products = forms.TypedMultipleChoiceField(label=_("产品"), coerce=int, widget=forms.CheckboxSelectMultiple)
    reference_standards = forms.CharField(label=_("参照的推荐性标准"), max_length=500, required=False,
                                          help_text=_("本企业标准参照的国家或行业推荐性标准，多个以分号分隔，如 GB/T 19001-2016"))
    text = forms.FileField(label=_("标准文本（PDF）"), required=False, allow_empty_file=True)
    reason = forms.CharField(label=_("修改说明"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    expected_version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, products: list, revising=None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "decl-%s")
        super().__init__(*args, **kwargs)
        self.revising = revising
        self.fields["products"].choices = [(p.pk, str(p)) for p in products]
        self.fields["products"].widget.attrs["class"] = "form-check-input"
        self.fields["source"].widget.attrs["class"] = "form-check-input"
        self.fields["text"].widget.attrs["accept"] = ".pdf,application/pdf"
        if revising is None:
            del self.fields["reason"]
        else:
            self.fields["source"].disabled = True
            self.fields["expected_version"].required = True
            self.fields["text"].help_text = _("不上传则沿用已公开的文本")
        self.rows: list[dict[str, str]] = [dict.fromkeys(INDICATOR_FIELDS, "")]
        self.row_errors: dict[int, list[str]] = {}

    def read_rows(self, data) -> None:
        """The indicator table as sent: blank rows dropped, so row n here is row n in the service's messages."""
        columns = {name: data.getlist(f"indicator_{name}") for name in INDICATOR_FIELDS}
        count = max((len(values) for values in columns.values()), default=0)
        rows = []
        for index in range(min(count, 500)):
            row = {name: (values[index] if index < len(values) else "").strip() for name, values in columns.items()}
            if any(row[name] for name in INDICATOR_FIELDS if name not in ("comparator", "category")):
                rows.append(row)
        self.rows = rows

    def declaration_input(self) -> DeclarationInput:
        data = self.cleaned_data
        upload = data.get("text")
        source = self.revising.source if self.revising is not None else data["source"]
        references = [n.strip() for n in (data.get("reference_standards") or "").replace("；", ";").split(";")
                      if n.strip()]
        return DeclarationInput(source=source, identifier=data["identifier"], title=data.get("title") or "",
                                products=data["products"], indicators=self.rows if source == StandardSource.ENTERPRISE
                                else [], reference_standards=references, text=upload.read() if upload else None)

    def show_service_problems(self, error: ValidationFailed) -> None:
        for problem in error.errors:
            field = problem.get("field", "")
            if field.startswith("indicators["):
                row = int(field[len("indicators["):].split("]")[0])
                self.row_errors.setdefault(row, []).append(problem["message"])
            elif field == "version":
                self.add_error(None, error.message)
            else:
                self.add_error(field if field in self.fields else None, problem["message"])

    @property
    def table_rows(self) -> list[dict[str, Any]]:
        return [{"values": row, "errors": self.row_errors.get(n, [])} for n, row in enumerate(self.rows, 1)]


COMPARATORS = Comparator.choices
CATEGORIES = IndicatorCategory.choices
