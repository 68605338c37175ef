"""Links that change one part of the current search: toggle a filter value, set the page or the sort."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def toggle_filter(context, name: str, value: str) -> str:
    """The current query with `name=value` added, or removed if present; back to page 1."""
    params: QueryDict = context["request"].GET.copy()
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    params.pop("page", None)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def with_param(context, name: str, value) -> str:
    params: QueryDict = context["request"].GET.copy()
    params[name] = str(value)
    if name != "page":
        params.pop("page", None)
    return "?" + params.urlencode()
