"""The population of a campaign: the enterprises with at least one published declaration matching its filters,
as the records of the published snapshot (rules/draw.py, step 2). One query, read as tuples."""

from __future__ import annotations

from collections.abc import Iterator

from biaozhun.declarations.models import Declaration, DeclarationState, EnterpriseProfile

from .models import Campaign

# The fields of a population record: the draw reads `key` (the enterprise's USCC), `organisation` (the
# same-organisation conflict rule compares it with an inspector's 工作单位) and `region` (GB/T 2260, 6 digits).
FIELDS = ("key", "organisation", "region", "industry")


def declarations_in_scope(campaign: Campaign):
    declarations = Declaration.objects.filter(state=DeclarationState.PUBLISHED)
    if campaign.region_prefix:
        declarations = declarations.filter(region_code__startswith=campaign.region_prefix)
    if campaign.tier:
        declarations = declarations.filter(tier=campaign.tier)
    if campaign.source:
        declarations = declarations.filter(source=campaign.source)
    if campaign.flagged_only:
        declarations = declarations.filter(flagged=True)
    if campaign.product_keyword:
        declarations = declarations.filter(products__name__contains=campaign.product_keyword)
    return declarations


def population_records(campaign: Campaign) -> Iterator[dict[str, str]]:
    """The campaign's population now (taken once, when the campaign is committed)."""
    profiles = EnterpriseProfile.objects.filter(
        organisation_id__in=declarations_in_scope(campaign).values("enterprise_id")).exclude(organisation__uscc="")
    if campaign.region_prefix:
        profiles = profiles.filter(region_code__startswith=campaign.region_prefix)
    if campaign.industry_class:
        profiles = profiles.filter(industry_class__startswith=campaign.industry_class)
    rows = profiles.values_list("organisation__uscc", "organisation__name", "region_code", "industry_class")
    for uscc, name, region, industry in rows.iterator(chunk_size=5000):
        yield {"key": uscc, "organisation": name, "region": region, "industry": industry or ""}
