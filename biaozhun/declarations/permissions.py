"""Who may do what with self-declarations (registered with the policy), and which declarations a person may see.

An enterprise's members (its admin and members) keep its profile, products and declarations; published
declarations are public; withdrawn ones and the work pages' history are seen by the enterprise, the national
administration's reviewers and administrators, and the market-regulation bureaux covering the enterprise's region
(who inspect it; the inspections app adds its own rules for campaigns). Administrators keep the limits table."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.accounts.policy import administrator, is_signed_in_and_active

from .models import Declaration, DeclarationState

ACTING_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.MEMBER})
PUBLIC_STATES = frozenset({DeclarationState.PUBLISHED, DeclarationState.ABOLISHED})


def enterprises_of(user: Any) -> list:
    """The enterprises the user acts for (admin or member)."""
    if not is_signed_in_and_active(user):
        return []
    return [m.organisation for m in user.memberships_of_kind(OrganisationKind.ENTERPRISE) if m.role in ACTING_ROLES]


def acts_for(user: Any, enterprise: Any) -> bool:
    return (
        enterprise is not None
        and enterprise.kind == OrganisationKind.ENTERPRISE
        and user.role_in(enterprise) in ACTING_ROLES
    )


# fmt: off
def _work(user: Any, obj: Any) -> bool:
    """The declaration work pages: an enterprise's members, reviewers and administrators."""
    return (
        user.is_administrator
        or user.is_reviewer
        or bool(enterprises_of(user))
    )


def _act_for_enterprise(user: Any, enterprise: Any) -> bool:
    """An enterprise's profile, products, declarations and bulk files: its own members."""
    return (
        acts_for(user, enterprise)
    )


def _own_declaration(user: Any, declaration: Any) -> bool:
    """A declaration is revised or withdrawn by its enterprise's members."""
    return (
        acts_for(user, declaration.enterprise)
    )


def _oversees(user: Any, declaration: Any) -> bool:
    return (
        user.is_administrator
        or user.is_reviewer
        or user.is_bureau_for(declaration.region_code)
    )


def _work_on(user: Any, declaration: Any) -> bool:
    """A declaration's work page (checks, every version, events): its enterprise and those who oversee it."""
    return (
        acts_for(user, declaration.enterprise)
        or _oversees(user, declaration)
    )


def _view(user: Any, declaration: Any) -> bool:
    """Published declarations are public, and abolished ones (their page names the public notice); a withdrawn one
    stays visible to its enterprise and overseers."""
    return (
        declaration.state in PUBLIC_STATES
        or (is_signed_in_and_active(user) and _work_on(user, declaration))
    )


def _abolish(user: Any, declaration: Any) -> bool:
    """Law art. 39: the enterprise standard a declaration discloses is abolished by a provincial-or-higher
    standardization administration: the national administration, or the bureau of the enterprise's province."""
    return (
        user.is_national_administration_member
        or _provincial_bureau_for(user, declaration.region_code)
    )


def _view_enterprise(user: Any, enterprise: Any) -> bool:
    """An enterprise's work overview (profile, products, all its declarations and their history): its members,
    reviewers, administrators and the bureau whose region covers the enterprise's (who inspects it)."""
    return (
        acts_for(user, enterprise)
        or user.is_administrator
        or user.is_reviewer
        or user.is_bureau_for(_region_of(enterprise))
    )


def _provincial_bureau_for(user: Any, region_code: str) -> bool:
    """A member of a provincial bureau (a 2-digit region code) whose province holds the region."""
    return any(
        len(m.organisation.region_code) == 2 and bool(region_code) and region_code.startswith(m.organisation.region_code)
        for m in user.memberships_of_kind(OrganisationKind.BUREAU)
    )


def _region_of(enterprise: Any) -> str:
    profile = getattr(enterprise, "enterprise_profile", None) if enterprise is not None else None
    return profile.region_code if profile is not None else ""
# fmt: on


def _declarations(user: Any) -> QuerySet:
    """Published declarations for everyone; withdrawn ones for the enterprise and its overseers."""
    declarations = Declaration.objects.all()
    if not is_signed_in_and_active(user):
        return declarations.filter(state__in=sorted(PUBLIC_STATES))
    if user.is_administrator or user.is_reviewer:
        return declarations
    mine = Q(state__in=sorted(PUBLIC_STATES)) | Q(enterprise__in=[e.pk for e in enterprises_of(user)])
    for membership in user.memberships_of_kind(OrganisationKind.BUREAU):
        mine |= Q(region_code__startswith=membership.organisation.region_code)
    return declarations.filter(mine)


RULES = {
    "declarations.work": _work,
    "declarations.edit_profile": _act_for_enterprise,
    "declarations.manage_products": _act_for_enterprise,
    "declarations.declare": _act_for_enterprise,
    "declarations.import": _act_for_enterprise,
    "declarations.revise": _own_declaration,
    "declarations.withdraw": _own_declaration,
    "declarations.work_on": _work_on,
    "declarations.view": _view,
    "declarations.view_enterprise": _view_enterprise,
    "declarations.edit_limits": administrator,
    "declarations.abolish": _abolish,
}
PUBLIC_ACTIONS = {"declarations.view"}
FILTERS = {"declarations.declarations": _declarations}
_MEMBERS_ONLY = _("企业的自我声明由该企业的成员办理。如您是该企业的员工，请企业管理员在“我的组织”中把您加为成员。")
DENIALS = {
    "declarations.work": _("自我声明工作台供企业的成员使用：请先在“我的组织”中登记您的企业（统一社会信用代码），或请企业管理员把您加为成员。"),
    "declarations.edit_profile": _MEMBERS_ONLY,
    "declarations.manage_products": _MEMBERS_ONLY,
    "declarations.declare": _MEMBERS_ONLY,
    "declarations.import": _MEMBERS_ONLY,
    "declarations.revise": _MEMBERS_ONLY,
    "declarations.withdraw": _MEMBERS_ONLY,
    "declarations.work_on": _("这份声明的办理记录只向声明企业、所在地市场监管部门和国家标准委开放。"),
    "declarations.view_enterprise": _MEMBERS_ONLY,
    "declarations.edit_limits": _("标准指标限值表由国家标准委的系统管理员维护。"),
    "declarations.abolish": _("企业标准由省级以上标准化行政主管部门依法废止（《标准化法》第三十九条）。"),
}
