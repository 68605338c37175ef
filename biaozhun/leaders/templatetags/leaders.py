"""The 领跑者 badge on other apps' pages: ``{% load leaders %}{% leader_badge declaration.pk %}`` (one query; for a
list of declarations, read ``selectors.public.badges_for`` once in the view instead)."""

from django import template

from ..selectors.public import badges_for

register = template.Library()


@register.inclusion_tag("leaders/_badge.html")
def leader_badge(declaration_id: int) -> dict:
    return {"badge": badges_for([declaration_id]).get(declaration_id)}
