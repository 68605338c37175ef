"""The label of a stored committee vocabulary value (a proposed seat keeps its category and role as values)."""

from django import template

from biaozhun.committees.models import MemberRole, Stakeholder

register = template.Library()
VOCABULARIES = {"stakeholder": Stakeholder, "role": MemberRole}


@register.simple_tag
def choice_label(kind: str, value: str) -> str:
    choices = VOCABULARIES[kind]
    return str(choices(value).label) if value in choices.values else (value or "—")
