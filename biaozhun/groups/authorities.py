"""Who acts for a social organisation: its members (any role) publish and announce; its admins keep its registry
entry. Read by the policy rules (groups/permissions.py and the catalogue's rule for group standards)."""

from __future__ import annotations

from typing import Any

from biaozhun.accounts.models import MembershipRole, Organisation, OrganisationKind


def group_memberships(user: Any) -> list:
    """The user's memberships of social organisations (cached on the user for the request)."""
    if not getattr(user, "is_authenticated", False) or not hasattr(user, "memberships_of_kind"):
        return []
    return user.memberships_of_kind(OrganisationKind.SOCIAL_ORGANISATION)


def group_organisations(user: Any) -> list[Organisation]:
    return [m.organisation for m in group_memberships(user)]


def is_member(user: Any, organisation: Organisation) -> bool:
    return any(m.organisation_id == organisation.pk for m in group_memberships(user))


def is_admin(user: Any, organisation: Organisation) -> bool:
    return any(m.organisation_id == organisation.pk and m.role == MembershipRole.ADMIN for m in group_memberships(user))


def publishes_code(user: Any, org_code: str) -> bool:
    """Is the user a member of the social organisation registered with this group code (CAS of T/CAS)?"""
    ids = [m.organisation_id for m in group_memberships(user)]
    if not ids or not org_code:
        return False
    from .models import GroupProfile

    return GroupProfile.objects.filter(organisation_id__in=ids, code=org_code.strip().upper()).exists()


def publishes_standard(user: Any, standard: Any) -> bool:
    """A catalogue record (an edition, or a record about to be created) of the group tier whose organisation code
    is one of the user's social organisations' group codes."""
    return (
        standard is not None
        and str(getattr(standard, "tier", "")) == "group"
        and publishes_code(user, getattr(standard, "org_code", "") or "")
    )
