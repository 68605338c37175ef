"""``{% load policy %}{% can user "catalog.edit" standard as may_edit %}``: ask the policy from a template."""

from typing import Any

from django import template

from .. import policy

register = template.Library()


@register.simple_tag
def can(user: Any, action: str, obj: Any = None) -> bool:
    return policy.can(user, action, obj)
