"""Conversion (转化) of industry and local standards into standards of another tier. Pure: no Django.

An industry standard becomes a national standard (行业标准上升为国家标准) or, since the 2017 reform of recommended
standards, a group standard (转化为团体标准); a local standard may also become an industry standard. Several
standards may be merged into one target. The catalogue stores each as a `converted_to` relation from the converted
(source) edition to the edition it became (catalog.models.RelationKind), so both pages show it.
"""

from __future__ import annotations

# The tiers a standard of each tier may be converted into. Conversion within a tier is a replacement (代替).
CONVERTS_TO: dict[str, tuple[str, ...]] = {
    "industry": ("national", "group"),
    "local": ("national", "industry", "group"),
}


def may_convert(source_tier: str, target_tier: str) -> bool:
    return target_tier in CONVERTS_TO.get(str(source_tier), ())


def convertible_tiers(source_tier: str) -> tuple[str, ...]:
    """The tiers a standard of `source_tier` may be converted into (none for national, group... standards)."""
    return CONVERTS_TO.get(str(source_tier), ())
