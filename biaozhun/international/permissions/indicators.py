"""Who may do what with indicator comparisons (registered with the policy through permissions/).

A comparison is written by the Chinese standard's technical committee secretariat (its secretaries and admins) and
by the national administration; it is read by them while it is a draft, and by everyone once it is published (the
comparison of a standard's requirements with a foreign standard's is public information in the spirit of
work-plan item 111; docs/decisions/0037)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import SECRETARIAT_ROLES, OrganisationKind
from biaozhun.accounts.policy import is_signed_in_and_active


def _tc_codes(user: Any) -> list[str]:
    return [m.organisation.tc_code for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)
            if m.role in SECRETARIAT_ROLES and m.organisation.tc_code]


def _standard_of(obj: Any) -> Any:
    """A comparison's Chinese standard, or the standard itself."""
    return getattr(obj, "standard", obj)


# fmt: off
def _write(user: Any, obj: Any) -> bool:
    """``obj``: a comparison, a Chinese standard, or None ("may they write any comparison?")."""
    standard = _standard_of(obj)
    return (
        user.is_administrator
        or user.is_national_administration_member
        or (obj is None and bool(_tc_codes(user)))
        or (standard is not None and bool(standard.tc_code) and user.is_secretariat_of(standard.tc_code))
    )


def _view(user: Any, comparison: Any) -> bool:
    """Public once published; a draft to those who write it."""
    return (
        comparison.public
        or (is_signed_in_and_active(user) and _write(user, comparison))
    )
# fmt: on


def _comparisons(user: Any) -> QuerySet:
    from biaozhun.international.models import Comparison

    comparisons = Comparison.objects.all()
    if not is_signed_in_and_active(user):
        return comparisons.filter(public=True)
    if user.is_administrator or user.is_national_administration_member:
        return comparisons
    return comparisons.filter(Q(public=True) | Q(standard__tc_code__in=_tc_codes(user)))


RULES = {
    "indicators.write": _write,  # create, edit rows, import, publish (the Chinese standard's secretariat)
    "indicators.view": _view,  # one comparison: public once published
}
PUBLIC_ACTIONS = ("indicators.view",)
FILTERS = {"indicators.comparisons": _comparisons}
DENIALS = {
    "indicators.write": _("技术指标对比由该我国标准所属技术委员会的秘书处和国家标准委编写；如您是秘书处人员，"
                          "请联系管理员在您的账号中登记所属秘书处。"),
}
