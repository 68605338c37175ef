"""Forms of the administration's set-up pages: a key product, and a scheme with its indicators (one small form per
indicator, in a formset). They check only the shape of what was sent; the services decide, and their problems come
back on the fields they name (``indicators[i].thresholds`` → the thresholds of the i-th indicator filled in)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin, show_problems
from biaozhun.core.errors import ValidationFailed

from .models import Direction, MatchMode, ThresholdKind
from .schemes import MAX_THRESHOLDS, IndicatorInput
from .services.products import KeyProductInput

MAX_INDICATORS = 20
SEPARATORS = re.compile(r"[\n\r,，、;；]+")


def split_terms(text: str) -> list[str]:
    """One term per line, or separated by commas, 、 or semicolons."""
    return [term.strip() for term in SEPARATORS.split(text or "") if term.strip()]


def split_numbers(text: str) -> list[str]:
    """Thresholds as typed: "40, 50", "40 50" or "40／50"."""
    return [term for term in re.split(r"[\s,，、;；/／]+", text or "") if term]


def joined(terms: list[str]) -> str:
    return "\n".join(terms)


class KeyProductForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("重点产品"), max_length=200, help_text=_("如：家用电冰箱"))
    domain = forms.CharField(label=_("重点领域"), max_length=200, required=False, help_text=_("如：家用电器"))
    keywords = forms.CharField(
        label=_("产品名称关键词"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("声明中产品名称含其中一个词的参与评估。每行一个，或用逗号、顿号分隔，如：电冰箱、冷藏箱"))
    product_codes = forms.CharField(
        label=_("产品编码范围"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("产品编码以其中之一开头的参与评估（编码的开头部分即一个范围或类别），如 8418 表示以 8418 开头的全部编码"))
    standards = forms.CharField(
        label=_("执行标准"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("执行其中一项标准（任一版本）的参与评估，如 GB 12021.2-2015"))
    match = forms.ChoiceField(label=_("匹配方式"), choices=MatchMode.choices, initial=MatchMode.ANY,
                              widget=forms.RadioSelect)
    note = forms.CharField(label=_("说明"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "product-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["match"].widget.attrs["class"] = "form-check-input"
        self.fields["year"].widget.attrs["inputmode"] = "numeric"

    @classmethod
    def for_product(cls, product) -> KeyProductForm:
        return cls(initial={"year": product.year, "name": product.name, "domain": product.domain,
                            "keywords": joined(product.keywords), "product_codes": joined(product.product_codes),
                            "standards": joined(product.standards), "match": product.match, "note": product.note,
                            "expected_version": product.version})

    def product_input(self) -> KeyProductInput:
        data = self.cleaned_data
        return KeyProductInput(year=data["year"], name=data["name"], domain=data.get("domain") or "",
                               keywords=split_terms(data.get("keywords")), standards=split_terms(data.get("standards")),
                               product_codes=split_terms(data.get("product_codes")), match=data["match"],
                               note=data.get("note") or "")


class SchemeForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("方案名称"), max_length=200, help_text=_("如：2026 年度家用电冰箱评估方案"))
    note = forms.CharField(label=_("说明"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "scheme-%s")
        super().__init__(*args, **kwargs)


class IndicatorForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("指标名称"), max_length=200, required=False)
    unit = forms.CharField(label=_("单位"), max_length=40, required=False, help_text=_("与声明中的单位相同才比较，不换算"))
    direction = forms.ChoiceField(label=_("方向"), choices=Direction.choices, initial=Direction.HIGHER)
    key = forms.BooleanField(label=_("关键指标（决定综合分档）"), required=False, initial=True)
    threshold_kind = forms.ChoiceField(label=_("分档方式"), choices=ThresholdKind.choices, initial=ThresholdKind.FIXED)
    thresholds = forms.CharField(
        label=_("分档界限"), required=False, max_length=200,
        help_text=_("从最好的一档开始，1 至 %(n)d 个，用逗号分隔（分成界限数 + 1 档）。固定值如 40, 50；比例如 0.05, 0.2")
        % {"n": MAX_THRESHOLDS})
    requirement = forms.CharField(label=_("标准要求"), required=False, max_length=40,
                                  help_text=_("国家标准或行业标准的限值；最低一档不得低于它"))
    requirement_source = forms.CharField(label=_("要求出处"), required=False, max_length=200,
                                         help_text=_("标准编号和条款，如 GB 12021.2-2015 4.2"))
    aliases = forms.CharField(label=_("声明中的其他名称"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("企业声明这个指标时可能用的其他名称，每行一个，如：能源效率指数"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("thresholds", "requirement"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    @property
    def filled(self) -> bool:
        """Whether anything was typed (a blank extra indicator is left out, not refused)."""
        data = getattr(self, "cleaned_data", {})
        return any((data.get(name) or "").strip() for name in ("name", "unit", "thresholds", "requirement",
                                                               "requirement_source", "aliases"))

    def indicator_input(self) -> IndicatorInput:
        data = self.cleaned_data
        return IndicatorInput(name=data.get("name") or "", unit=data.get("unit") or "", direction=data["direction"],
                              key=bool(data.get("key")), threshold_kind=data["threshold_kind"],
                              thresholds=split_numbers(data.get("thresholds")),
                              requirement=(data.get("requirement") or "").strip() or None,
                              requirement_source=data.get("requirement_source") or "",
                              aliases=split_terms(data.get("aliases")))


class BaseIndicatorFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheme_errors: list[str] = []
        self.positions: list[int] = []  # the service's indicator i is form positions[i]

    def indicator_inputs(self) -> list[IndicatorInput]:
        """The indicators filled in and not marked for removal, in order (the formset must be valid)."""
        self.positions = [index for index, form in enumerate(self.forms)
                          if form.filled and not self._should_delete_form(form)]
        return [self.forms[index].indicator_input() for index in self.positions]


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=0, can_delete=True,
                                         max_num=MAX_INDICATORS, validate_max=True, absolute_max=MAX_INDICATORS)


def indicator_initial(inputs: list[IndicatorInput]) -> list[dict[str, Any]]:
    return [{"name": i.name, "unit": i.unit, "direction": i.direction, "key": i.key, "threshold_kind": i.threshold_kind,
             "thresholds": ", ".join(str(t) for t in i.thresholds), "requirement": i.requirement or "",
             "requirement_source": i.requirement_source, "aliases": joined(i.aliases)} for i in inputs]


def show_scheme_problems(form: SchemeForm, indicators: BaseIndicatorFormSet, error: ValidationFailed) -> None:
    """A service's problems on the fields they name: the scheme's own, an indicator's, or the indicators as a
    whole (above them)."""
    own = []
    for problem in error.errors:
        found = re.fullmatch(r"indicators\[(\d+)\]\.(\w+)", problem.get("field", ""))
        if found and int(found.group(1)) < len(indicators.positions):
            target = indicators.forms[indicators.positions[int(found.group(1))]]
            name = found.group(2)
            target.add_error(name if name in target.fields else None, problem["message"])
        elif problem.get("field") == "indicators" or (found is not None):
            indicators.scheme_errors.append(problem["message"])
        else:
            own.append(problem)
    if own:
        show_problems(form, ValidationFailed(error.message, own))
    elif not error.errors:
        form.add_error(None, error.message)
