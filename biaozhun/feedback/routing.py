"""Which organisation handles an item, and which one is above it when it is overdue.

The routing table (RoutingRule rows, administrators edit them) is matched by rules/feedback_routing.py; here each
target is looked up: a standard's committee secretariat by its TC code, its competent department by the industry
code's owner (filing's table of which ministry owns which code) or by the department's name, a local standard's
bureau by its region (the city's, else the province's), a group standard's publisher by its group code.

Escalation goes one level up: a subcommittee's secretariat → its parent committee's; a committee's secretariat →
the standard's competent department; a city bureau → its province; everything else → the national administration.
"""

from __future__ import annotations

from biaozhun.accounts.codes import normalise_region_code, normalise_tc_code
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.catalog.models import Standard
from biaozhun.rules.feedback_routing import Decision, Facts, Rule, Target, route

from .models import RoutingRule


def national_administration() -> Organisation | None:
    return Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION).order_by("pk").first()


def tc_secretariat(tc_code: str) -> Organisation | None:
    code = normalise_tc_code(tc_code)
    if not code:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.TC_SECRETARIAT, tc_code=code).order_by("pk").first()


def competent_department(standard: Standard) -> Organisation | None:
    """The ministry owning an industry standard's code, else the department the standard names (主管部门)."""
    if standard.tier == "industry" and standard.industry_code:
        from biaozhun.filing.models import IndustryCodeOwner

        owner = IndustryCodeOwner.objects.filter(code=standard.industry_code.upper()).select_related(
            "organisation").first()
        if owner is not None:
            return owner.organisation
        found = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
                                            industry_code=standard.industry_code[:2].upper()).order_by("pk").first()
        if found is not None:
            return found
    name = (standard.competent_department or "").strip()
    if not name:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name=name).order_by("pk").first()


def region_bureau(region_code: str) -> Organisation | None:
    code = normalise_region_code(region_code)
    for candidate in (code, code[:2]) if len(code) == 4 else (code,):
        found = Organisation.objects.filter(kind=OrganisationKind.BUREAU, region_code=candidate).order_by("pk").first()
        if found is not None:
            return found
    return None


def publisher(standard: Standard) -> Organisation | None:
    if standard.tier != "group" or not standard.org_code:
        return None
    from biaozhun.groups.models import GroupProfile

    profile = GroupProfile.objects.filter(code=standard.org_code).select_related("organisation").first()
    return profile.organisation if profile is not None else None


def _resolver(standard: Standard):
    def resolve(rule: Rule) -> int | None:
        found = {
            Target.TC_SECRETARIAT: lambda: tc_secretariat(standard.tc_code),
            Target.COMPETENT_DEPARTMENT: lambda: competent_department(standard),
            Target.REGION_BUREAU: lambda: region_bureau(standard.region_code) if standard.tier == "local" else None,
            Target.PUBLISHER: lambda: publisher(standard),
            Target.ORGANISATION: lambda: Organisation.objects.filter(pk=rule.organisation_id).first(),
            Target.NATIONAL_ADMINISTRATION: national_administration,
        }[rule.target]()
        return found.pk if found is not None else None

    return resolve


def active_rules() -> list[Rule]:
    return [Rule(id=row.pk, priority=row.priority, target=Target(row.target), tier=row.tier, category=row.category,
                 tc_prefix=normalise_tc_code(row.tc_prefix) if row.tc_prefix else "",
                 organisation_id=row.organisation_id)
            for row in RoutingRule.objects.filter(active=True)]


def decide(standard: Standard, category: str) -> Decision | None:
    """Where an item of `category` on `standard` goes under the routing table; None if there is nobody at all."""
    fallback = national_administration()
    facts = Facts(tier=standard.tier, category=category, tc_code=normalise_tc_code(standard.tc_code or ""))
    return route(facts, active_rules(), _resolver(standard), fallback.pk if fallback else None)


def supervisor_of(organisation: Organisation, standard: Standard) -> Organisation | None:
    """The body one level above a handler for this standard's item (None above the national administration)."""
    top = national_administration()
    above: Organisation | None = None
    if organisation.kind == OrganisationKind.NATIONAL_ADMINISTRATION:
        return None
    if organisation.kind == OrganisationKind.TC_SECRETARIAT:
        code = organisation.tc_code
        if "/SC " in code:
            above = tc_secretariat(code.split("/SC ")[0])
        if above is None:
            above = competent_department(standard)
    elif organisation.kind == OrganisationKind.BUREAU and len(organisation.region_code) == 4:
        above = region_bureau(organisation.region_code[:2])
    if above is None or above.pk == organisation.pk:
        above = top
    return above
