"""The public search's form, read from the page's GET query (bookmarkable, no script needed). Regions are chosen
province → city (GB/T 2260, the reference table) → county (its six-digit code)."""

from __future__ import annotations

from html import escape

from django import forms
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from biaozhun.reference.models import RegionCode

from .selectors.search import MAX_KEYWORD, SCOPE_LABELS, DeclarationQuery, Scope

CHOICES_TTL = 300
_OPTIONS: dict[str, str] = {}


def region_choices() -> tuple[list[tuple[str, str]], list[tuple[str, list[tuple[str, str]]]]]:
    """Provinces, and cities grouped by province; cached."""
    key = "declarations:region_choices"
    choices = cache.get(key)
    if choices is None:
        rows = list(RegionCode.objects.values_list("code", "name_zh", "level").order_by("code"))
        provinces = [(code, name) for code, name, level in rows if level == RegionCode.Level.PROVINCE]
        names = dict(provinces)
        cities: dict[str, list[tuple[str, str]]] = {}
        for code, name, level in rows:
            if level == RegionCode.Level.CITY:
                cities.setdefault(code[:2], []).append((code, name))
        choices = (provinces, [(names.get(p, p), items) for p, items in cities.items()])
        cache.set(key, choices, CHOICES_TTL)
    return choices


def _options(choices: list) -> str:
    html = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            items = "".join(f'<option value="{escape(v)}">{escape(str(text))}</option>' for v, text in label)
            html.append(f'<optgroup label="{escape(str(value))}">{items}</optgroup>')
        else:
            html.append(f'<option value="{escape(str(value))}">{escape(str(label))}</option>')
    return "".join(html)


class DeclarationSearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=MAX_KEYWORD, strip=True,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                                      "placeholder": _("企业名称、统一社会信用代码、产品名称或型号、标准号")}))
    scope = forms.ChoiceField(label=_("查询范围"), required=False, initial=Scope.ALL,
                              choices=[(scope.value, label) for scope, label in SCOPE_LABELS.items()])
    province = forms.ChoiceField(label=_("省份"), required=False)
    city = forms.ChoiceField(label=_("城市"), required=False)
    county = forms.RegexField(label=_("区县代码"), required=False, regex=r"^\d{6}$",
                              error_messages={"invalid": _("区县代码为 6 位数字，如 320102。")},
                              widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "320102",
                                                            "maxlength": 6}))
    flagged = forms.BooleanField(label=_("只看有问题的声明"), required=False)
    after = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        provinces, cities = region_choices()
        self.fields["province"].choices = [("", _("全部省份")), *provinces]
        self.fields["city"].choices = [("", _("全部城市")), *cities]
        for name, css in (("q", "form-control"), ("scope", "form-select form-select-sm"),
                          ("province", "form-select form-select-sm"), ("city", "form-select form-select-sm"),
                          ("county", "form-control form-control-sm"), ("flagged", "form-check-input")):
            self.fields[name].widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        county, city, province = data.get("county"), data.get("city"), data.get("province")
        if county and city and not county.startswith(city):
            self.add_error("county", _("区县代码 %(county)s 不属于所选城市，请改选城市或修改代码。") % {"county": county})
        elif city and province and not city.startswith(province):
            self.add_error("city", _("所选城市不属于所选省份，请重新选择。"))
        return data

    def query(self) -> DeclarationQuery:
        """The query of the valid fields (an invalid one is left out, and said beside its field)."""
        data = self.cleaned_data if self.is_bound else {}
        region = data.get("county") or data.get("city") or data.get("province") or ""
        scope = data.get("scope") or Scope.ALL
        return DeclarationQuery(q=data.get("q") or "", scope=Scope(scope), region=region,
                                flagged=bool(data.get("flagged")))

    def options(self, name: str) -> SafeString:
        """The <option> markup of a region select, built once per process and language (Django's widgets take tens
        of milliseconds for the 330 cities), with the chosen value selected."""
        key = f"{name}:{translation.get_language()}"
        html = _OPTIONS.get(key)
        if html is None:
            html = _OPTIONS[key] = _options(self.fields[name].choices)
        value = self.data.get(name, "") if self.is_bound else ""
        if value and value.isdigit():
            html = html.replace(f'<option value="{value}">', f'<option value="{value}" selected>', 1)
        return mark_safe(html)  # noqa: S308 (every value and label escaped above)

    def after_id(self) -> int | None:
        return self.cleaned_data.get("after") if self.is_bound else None
