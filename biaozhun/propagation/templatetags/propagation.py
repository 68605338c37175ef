"""{% citations_for_overseer user standard as citing %}: the counts of what cites a standard now, for those who may
oversee the propagation (None for everyone else, who are not asked the database anything)."""

from django import template

from biaozhun.accounts import policy

from ..selectors import citations_of

register = template.Library()


@register.simple_tag
def citations_for_overseer(user, standard):
    if standard is None or not policy.can(user, "propagation.oversee"):
        return None
    return citations_of(standard)
