"""The label of a stored vocabulary value: ``{% choice_label "role" m.role %}``. Faster than ``get_FOO_display`` in
long lists (that one rebuilds the field's choices, translating every label, on each call): the committee page's
members, standards and history use it."""

from django import template

from biaozhun.catalog.models import Status
from biaozhun.committees.models import CommitteeEvent, CommitteeKind, MemberRole, Stakeholder

register = template.Library()
VOCABULARIES = {"stakeholder": Stakeholder, "role": MemberRole, "standard_status": Status,
                "event": CommitteeEvent.Kind, "kind": CommitteeKind}


MEMBERS = {kind: dict(choices._value2member_map_) for kind, choices in VOCABULARIES.items()}


@register.simple_tag
def choice_label(kind: str, value: str) -> str:
    member = MEMBERS[kind].get(value)
    return str(member.label) if member is not None else (value or "—")
