"""The public list's filters as one form, read from the page's GET query (bookmarkable, no script needed).

The authorities and codes offered (some 800 values at national scale) are read once per language and cached as
ready <option> markup with the set of valid values (`ManyChoiceField`): built per request by Django's widgets they
cost ~60 ms of the page (bench/bench_filing_list.py)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django import forms
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.core.bilingual import reads_english
from biaozhun.reference.models import IndustryCode, RegionCode

from .models import FiledStatus, FilingTier
from .selectors.public import MAX_KEYWORD, RECENT_MONTHS, FilingQuery, FilingSort

CHOICES_TTL = 300  # seconds the authorities and codes offered are reused
# A value not offered (a link edited by hand, an authority since removed): said beside its field, and left out.
NOT_OFFERED = {"invalid_choice": _("没有“%(value)s”这一项，此条件未用于筛选。")}
RECENT_LABELS = {1: _("近1个月"), 3: _("近3个月"), 6: _("近6个月"), 12: _("近1年"), 24: _("近2年")}


@dataclass(frozen=True)
class Options:
    """A long list of choices, ready to show: the <option> (and <optgroup>) markup, none selected."""

    html: str
    labels: dict[str, str]  # value -> label, for checking a value and naming it

    def marked(self, value: str) -> str:
        """The markup with `value` selected."""
        if value not in self.labels:
            return self.html
        return self.html.replace(f'<option value="{escape(value)}">', f'<option value="{escape(value)}" selected>', 1)


def _options(groups: list[tuple[str, list[tuple[Any, str]]]]) -> Options:
    """From [(group label or "", [(value, label)...])...]: a group with a label becomes an <optgroup>."""
    html, labels = [], {}
    for group, choices in groups:
        items = "".join(f'<option value="{escape(str(value))}">{escape(label)}</option>' for value, label in choices)
        labels.update((str(value), label) for value, label in choices)
        html.append(f'<optgroup label="{escape(group)}">{items}</optgroup>' if group else items)
    return Options(html="".join(html), labels=labels)


def _name(organisation: dict[str, Any]) -> str:
    return organisation["name_en"] or organisation["name"] if reads_english() else organisation["name"]


def long_choices() -> dict[str, Options]:
    """Authorities (grouped: ministries, provincial and city bureaux), industry codes, provinces and cities
    (grouped by province), in the reader's language; cached."""
    key = f"filing:public_options:{get_language()}"
    options = cache.get(key)
    if options is not None:
        return options
    authorities = list(Organisation.objects.filter(
        kind__in=(OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.BUREAU))
        .values("id", "kind", "name", "name_en", "region_code").order_by("region_code", "name", "id"))
    regions = list(RegionCode.objects.values_list("code", "name_zh", "level", "parent_id").order_by("code"))
    provinces = {code: name for code, name, level, _parent in regions if level == RegionCode.Level.PROVINCE}
    cities: dict[str, list[tuple[str, str]]] = {}
    for code, name, level, parent in regions:
        if level == RegionCode.Level.CITY:
            cities.setdefault(parent or code[:2], []).append((code, name))
    groups = (
        (_("行业主管部门"), lambda o: o["kind"] == OrganisationKind.GOVERNMENT_DEPARTMENT),
        (_("省级市场监管部门"), lambda o: o["kind"] == OrganisationKind.BUREAU and len(o["region_code"]) != 4),
        (_("设区的市市场监管部门"), lambda o: o["kind"] == OrganisationKind.BUREAU and len(o["region_code"]) == 4),
    )
    industries = IndustryCode.objects.filter(is_active=True).values_list("code", "name_zh").order_by("code")
    options = {
        "authority": _options([(str(label), members) for label, belongs in groups
                               if (members := [(o["id"], _name(o)) for o in authorities if belongs(o)])]),
        "industry": _options([("", [(code, f"{code} {name}") for code, name in industries])]),
        "province": _options([("", list(provinces.items()))]),
        "city": _options([(provinces.get(province, province), codes) for province, codes in cities.items()]),
    }
    cache.set(key, options, CHOICES_TTL)
    return options


class ManyChoiceField(forms.TypedChoiceField):
    """A choice among many values, checked against (and shown from) the cached `Options` of its name."""

    def __init__(self, *, first: str, **kwargs: Any) -> None:
        super().__init__(choices=[], error_messages=NOT_OFFERED, **kwargs)
        self.first = first  # the option that means "any"
        self.options = Options(html="", labels={})

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.options.labels


def _any(label) -> list:
    return [("", label)]


class FilingFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=MAX_KEYWORD, strip=True,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("备案号、标准号或标准名称"),
                                                      "autocomplete": "off"}))
    status = forms.ChoiceField(label=_("状态"), required=False, choices=_any(_("全部状态")) + FiledStatus.choices,
                               error_messages=NOT_OFFERED)
    tier = forms.ChoiceField(label=_("类别"), required=False, choices=_any(_("行业标准和地方标准")) + FilingTier.choices,
                             error_messages=NOT_OFFERED)
    months = forms.TypedChoiceField(
        label=_("备案时间"), required=False, coerce=int, empty_value=None, error_messages=NOT_OFFERED,
        choices=_any(_("不限")) + [(n, RECENT_LABELS[n]) for n in RECENT_MONTHS])
    authority = ManyChoiceField(label=_("备案单位"), required=False, coerce=int, empty_value=None,
                                first=_("全部备案单位"))
    industry = ManyChoiceField(label=_("行业"), required=False, first=_("全部行业"))
    province = ManyChoiceField(label=_("省份"), required=False, first=_("全部省份"))
    city = ManyChoiceField(label=_("设区的市"), required=False, first=_("全部城市"))
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=FilingSort.choices, error_messages=NOT_OFFERED)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, options in long_choices().items():
            self.fields[name].options = options
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select form-select-sm"
            if self.is_bound and name in self.errors:
                css += " is-invalid"
                field.widget.attrs["aria-describedby"] = f"{name}-error"
            field.widget.attrs["class"] = css

    def query(self) -> FilingQuery:
        """The filters that are valid (an invalid one is reported beside its field and left out)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return FilingQuery(
            q=data.get("q") or "", status=data.get("status") or "", tier=data.get("tier") or "",
            authority=data.get("authority"), industry=data.get("industry") or "",
            province=data.get("province") or "", city=data.get("city") or "", months=data.get("months"),
            sort=data.get("sort") or FilingSort.FILED,
        )

    def chosen(self) -> list[tuple[str, str, str]]:
        """(field, value, label) of each filter in use, for the chips that undo one (the keyword and order aside)."""
        if not hasattr(self, "cleaned_data"):
            return []
        found = []
        for name in ("status", "tier", "months", "authority", "industry", "province", "city"):
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.fields[name]
            labels = field.options.labels if isinstance(field, ManyChoiceField) else dict(field.choices)
            found.append((name, str(value), f"{field.label}: {labels.get(str(value), labels.get(value, value))}"))
        return found

    def problems(self) -> list[dict[str, str]]:
        """Each refused value as {"field", "message"} (the API's 422)."""
        return [{"field": name, "message": str(message)} for name, messages in self.errors.items()
                for message in messages]


DEFAULT_YEARS = 5  # the statistics show the last five years of filing unless asked otherwise


class StatisticsForm(forms.Form):
    """The statistics' year range, among the years that have accepted filings (`span`: first, last)."""

    year_from = forms.TypedChoiceField(label=_("起始年份"), required=False, coerce=int, empty_value=None,
                                       error_messages=NOT_OFFERED)
    year_to = forms.TypedChoiceField(label=_("截止年份"), required=False, coerce=int, empty_value=None,
                                     error_messages=NOT_OFFERED)

    def __init__(self, *args: Any, span: tuple[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.span = span
        years = [(year, str(year)) for year in range(span[1], span[0] - 1, -1)]
        self.initial.setdefault("year_to", span[1])
        self.initial.setdefault("year_from", max(span[0], span[1] - DEFAULT_YEARS + 1))
        for name in ("year_from", "year_to"):
            self.fields[name].choices = years
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            self.add_error("year_from", _("起始年份不能晚于截止年份"))
        return data

    def years(self) -> tuple[int, int]:
        """(first, last) year asked for, the last five years of filing by default."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        last = data.get("year_to") or self.span[1]
        first = data.get("year_from") or max(self.span[0], last - DEFAULT_YEARS + 1)
        return min(first, last), last
