"""Template helpers of the public filing pages: an authority's name in the reader's language and a filed
standard's status badge (``{% load filing_public %}``)."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from biaozhun.core.bilingual import EN, ZH, LocalizedText, reads_english

from ..filters import ManyChoiceField
from ..models import FiledStatus

register = template.Library()


@register.filter
def authority_name(organisation) -> LocalizedText:
    """The organisation's English name for an English reader when it has one, else its (Chinese) name."""
    if reads_english() and getattr(organisation, "name_en", ""):
        return LocalizedText(organisation.name_en, EN)
    return LocalizedText(organisation.name, ZH)


@register.simple_tag
def filed_status(standard) -> str:
    """The status badge as the filing platforms name it (现行, 有更新版, 废止, 即将实施), in the catalogue's colours."""
    if standard is None or standard.status not in FiledStatus.values:
        return ""
    return format_html('<span class="badge status-{}">{}</span>', standard.status, FiledStatus(standard.status).label)


@register.simple_tag
def select_field(bound_field) -> str:
    """A choice field's <select>, written here rather than by Django's per-option widget templates (the list's
    filters offer some 800 authorities and cities: bench/bench_filing_list.py). Attributes come from the widget
    (id, class, aria-describedby); the chosen value is selected. A `ManyChoiceField` brings its cached markup."""
    field = bound_field.field
    attrs = flatatt({"name": bound_field.html_name, "id": bound_field.auto_id, **field.widget.attrs})
    value = bound_field.value()
    value = "" if value is None else str(value)
    if isinstance(field, ManyChoiceField):
        first = format_html('<option value="">{}</option>', field.first)
        return format_html("<select{}>{}{}</select>", attrs, first, mark_safe(field.options.marked(value)))  # noqa: S308 (markup escaped where built)
    options = format_html_join("", '<option value="{}"{}>{}</option>', (
        (choice, " selected" if str(choice) == value else "", label) for choice, label in field.choices))
    return format_html("<select{}>{}</select>", attrs, options)
