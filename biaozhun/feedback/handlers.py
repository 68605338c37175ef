"""Who acts for a handling organisation: the secretary or admin of a TC secretariat (its other staff only read, as
everywhere in the platform), any member of a department, bureau, social organisation or the national
administration. And which organisations a person handles feedback for."""

from __future__ import annotations

from typing import Any

from biaozhun.accounts.models import SECRETARIAT_ROLES, Organisation, OrganisationKind

# Kinds of organisation that handle or oversee feedback (a routing rule may name any organisation, though).
HANDLER_KINDS = (OrganisationKind.TC_SECRETARIAT, OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.BUREAU,
                 OrganisationKind.SOCIAL_ORGANISATION, OrganisationKind.NATIONAL_ADMINISTRATION)
# Kinds that receive the periodic export of feedback in their field: regulators and consumer associations.
EXPORT_KINDS = (OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.BUREAU, OrganisationKind.CONSUMER_ASSOCIATION,
                OrganisationKind.NATIONAL_ADMINISTRATION)


def _acting(membership: Any) -> bool:
    if membership.organisation.kind == OrganisationKind.TC_SECRETARIAT:
        return membership.role in SECRETARIAT_ROLES
    return True


def organisations_of(user: Any) -> list[Organisation]:
    """The organisations the user acts for in feedback (any kind), by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = [m.organisation for kind in OrganisationKind for m in user.memberships_of_kind(kind) if _acting(m)]
    return sorted(found, key=lambda o: (o.name, o.pk))


def handler_organisations(user: Any) -> list[Organisation]:
    return [o for o in organisations_of(user) if o.kind in HANDLER_KINDS]


def acts_for(user: Any, organisation_id: int | None) -> bool:
    return organisation_id is not None and any(o.pk == organisation_id for o in organisations_of(user))


def is_national_administration(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_administrator or user.is_national_administration_member)
