"""The public list's filters as one form: the page reads it from its GET query (bookmarkable, no script needed)
and the API from its query parameters, so both accept and refuse the same values with the same messages."""

from __future__ import annotations

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
RECENT_LABELS = {1: _("近1个月"), 3: _("近3个月"), 6: _("近6个月"), 12: _("近1年"), 24: _("近2年")}


def _name(organisation: dict[str, Any]) -> str:
    return organisation["name_en"] or organisation["name"] if reads_english() else organisation["name"]


def _choices() -> dict[str, list]:
    """Authorities (grouped: ministries, provincial and city bureaux), industry codes, provinces and cities
    (grouped by province), in the reader's language; cached."""
    key = f"filing:public_choices:{get_language()}"
    choices = cache.get(key)
    if choices is not None:
        return choices
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
    choices = {
        "authority": [(str(label), [(o["id"], _name(o)) for o in authorities if belongs(o)])
                      for label, belongs in groups],
        "industry": [(code, f"{code} {name}") for code, name in
                     IndustryCode.objects.filter(is_active=True).values_list("code", "name_zh").order_by("code")],
        "province": list(provinces.items()),
        "city": [(provinces.get(province, province), codes) for province, codes in cities.items()],
    }
    choices["authority"] = [group for group in choices["authority"] if group[1]]
    cache.set(key, choices, CHOICES_TTL)
    return choices


def _any(label) -> list:
    return [("", label)]


class FilingFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=MAX_KEYWORD, strip=True,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("备案号、标准号或标准名称"),
                                                      "autocomplete": "off"}))
    status = forms.ChoiceField(label=_("状态"), required=False, choices=_any(_("全部状态")) + FiledStatus.choices)
    tier = forms.ChoiceField(label=_("类别"), required=False, choices=_any(_("行业标准和地方标准")) + FilingTier.choices)
    months = forms.TypedChoiceField(
        label=_("备案时间"), required=False, coerce=int, empty_value=None,
        choices=_any(_("不限")) + [(n, RECENT_LABELS[n]) for n in RECENT_MONTHS])
    authority = forms.TypedChoiceField(label=_("备案单位"), required=False, coerce=int, empty_value=None)
    industry = forms.ChoiceField(label=_("行业"), required=False)
    province = forms.ChoiceField(label=_("省份"), required=False)
    city = forms.ChoiceField(label=_("设区的市"), required=False)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=FilingSort.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _choices()
        self.fields["authority"].choices = _any(_("全部备案单位")) + choices["authority"]
        self.fields["industry"].choices = _any(_("全部行业")) + choices["industry"]
        self.fields["province"].choices = _any(_("全部省份")) + choices["province"]
        self.fields["city"].choices = _any(_("全部城市")) + choices["city"]
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
            labels = dict(_flat(field.choices))
            found.append((name, str(value), f"{field.label}: {labels.get(value, value)}"))
        return found

    def problems(self) -> list[dict[str, str]]:
        """Each refused value as {"field", "message"} (the API's 422)."""
        return [{"field": name, "message": str(message)} for name, messages in self.errors.items()
                for message in messages]


def _flat(choices) -> list[tuple[Any, str]]:
    flat = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((value, label))
    return flat


DEFAULT_YEARS = 5  # the statistics show the last five years of filing unless asked otherwise


class StatisticsForm(forms.Form):
    """The statistics' year range, among the years that have accepted filings (`span`: first, last)."""

    year_from = forms.TypedChoiceField(label=_("起始年份"), required=False, coerce=int, empty_value=None)
    year_to = forms.TypedChoiceField(label=_("截止年份"), required=False, coerce=int, empty_value=None)

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
