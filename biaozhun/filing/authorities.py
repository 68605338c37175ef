"""Filing authorities: which organisation may file which numbers.

A government department (ministry) files the industry standards of the codes it owns: its own
``Organisation.industry_code`` and those an administrator assigned to it (``IndustryCodeOwner``). A market
regulation bureau files the local standards of exactly its region code: a province files DB32 numbers, a city
bureau DB3201 numbers (with its province's approval recorded first, filing/services/province.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from biaozhun.accounts.codes import normalise_region_code
from biaozhun.accounts.models import MembershipRole, Organisation, OrganisationKind

from .models import FilingTier, IndustryCodeOwner

AUTHORITY_KINDS = (OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.BUREAU)
# Roles that act for an authority (every member files; the organisation's admin manages its members).
ACTING_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.MEMBER})


@dataclass(frozen=True, slots=True)
class Target:
    """What a filing would be filed for: the authority and the number's tier and code."""

    authority: Organisation
    tier: str
    code: str  # the industry code (JB) or the region code (32, 3201)


def industry_codes_of(organisation: Organisation) -> set[str]:
    if organisation.kind != OrganisationKind.GOVERNMENT_DEPARTMENT:
        return set()
    codes = set(IndustryCodeOwner.objects.filter(organisation=organisation).values_list("code", flat=True))
    if organisation.industry_code:
        codes.add(organisation.industry_code)
    return codes


def owns(organisation: Organisation, tier: str, code: str) -> bool:
    """May this organisation file numbers of this tier and code?"""
    if tier == FilingTier.INDUSTRY:
        return code.upper() in industry_codes_of(organisation)
    if tier == FilingTier.LOCAL:
        return organisation.kind == OrganisationKind.BUREAU and bool(code) and (
            normalise_region_code(organisation.region_code) == normalise_region_code(code))
    return False


def authorities_of(user: Any) -> list[Organisation]:
    """The filing authorities the user acts for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [m.organisation for kind in AUTHORITY_KINDS for m in user.memberships_of_kind(kind)
            if m.role in ACTING_ROLES]


def acts_for(user: Any, organisation: Organisation) -> bool:
    return any(o.pk == organisation.pk for o in authorities_of(user))


def province_of(region_code: str) -> str:
    return normalise_region_code(region_code)[:2]


def is_province_bureau_for(user: Any, region_code: str) -> bool:
    """Acts for the provincial bureau above a city code (3201 → the bureau of 32)."""
    province = province_of(region_code)
    return any(o.kind == OrganisationKind.BUREAU and normalise_region_code(o.region_code) == province
               for o in authorities_of(user))


def standard_code(standard: Any) -> str:
    """The code that decides who owns a catalogue edition: its industry code (JB) or region code (32, 3201)."""
    return (standard.industry_code or standard.region_code or "") if standard is not None else ""


def owns_standard(user: Any, standard: Any) -> bool:
    """Does the user act for the authority that owns this industry or local edition's code?"""
    return any(owns(authority, standard.tier, standard_code(standard)) for authority in authorities_of(user))


def owning_authority(user: Any, standard: Any) -> Organisation | None:
    """The authority the user acts for that owns this edition's code, if any."""
    return next((a for a in authorities_of(user) if owns(a, standard.tier, standard_code(standard))), None)


class Owners:
    """Who owns which codes, read once (for sweeps over many standards): ``of(tier, code)`` → the authority."""

    def __init__(self) -> None:
        self.industry: dict[str, Organisation] = {}
        self.region: dict[str, Organisation] = {}
        for organisation in Organisation.objects.filter(kind__in=AUTHORITY_KINDS).order_by("pk"):
            if organisation.kind == OrganisationKind.GOVERNMENT_DEPARTMENT and organisation.industry_code:
                self.industry.setdefault(organisation.industry_code.upper(), organisation)
            elif organisation.kind == OrganisationKind.BUREAU and organisation.region_code:
                self.region.setdefault(normalise_region_code(organisation.region_code), organisation)
        for row in IndustryCodeOwner.objects.select_related("organisation"):
            self.industry[row.code.upper()] = row.organisation

    def of(self, tier: str, code: str) -> Organisation | None:
        if tier == FilingTier.INDUSTRY:
            return self.industry.get((code or "").upper())
        if tier == FilingTier.LOCAL:
            return self.region.get(normalise_region_code(code))
        return None
