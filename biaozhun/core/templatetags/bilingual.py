"""Titles and names in the reader's language: ``{{ standard|localized }}``, ``{{ committee|localized:"name" }}``,
``{{ standard|alternate }}``. Each value also has ``.lang`` for the ``lang`` attribute (biaozhun/core/bilingual.py)."""

from django import template

from biaozhun.core.bilingual import LocalizedText, in_language, other_language

register = template.Library()


@register.filter
def localized(obj, field: str = "title") -> LocalizedText:
    return in_language(obj, field)


@register.filter
def alternate(obj, field: str = "title") -> LocalizedText:
    return other_language(obj, field)
