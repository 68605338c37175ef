"""Record counts per tier for each named scale; a dict scale gives custom counts."""

TIERS = ("national", "industry", "local", "group", "enterprise", "international")

SCALES = {
    "tiny": {"national": 80, "industry": 60, "local": 50, "group": 50, "enterprise": 40, "international": 20},
    "demo": {"national": 800, "industry": 600, "local": 500, "group": 500, "enterprise": 400, "international": 200},
    # End-2023 stock (SAMR / SAC annual figures) plus the ISO/IEC documents national standards adopt.
    "national": {
        "national": 44_499, "industry": 80_828, "local": 69_709, "group": 74_240,
        "enterprise": 3_165_625, "international": 5_000,
    },
}

# Shares of the national tier by nature (2,064 GB, 41,844 GB/T, 591 GB/Z at end-2023).
NATIONAL_NATURE = {"mandatory": 2_064, "recommended": 41_844, "guidance": 591}
# 472,459 enterprises declared 3,165,625 standards: about 6.7 each.
STANDARDS_PER_ENTERPRISE = 3_165_625 / 472_459


def resolve(scale):
    """Counts per tier for a scale name or a dict of counts (missing tiers are 0)."""
    if isinstance(scale, str):
        try:
            return dict(SCALES[scale])
        except KeyError:
            raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}") from None
    if not isinstance(scale, dict):
        raise TypeError("scale must be a name or a dict of counts per tier")
    unknown = sorted(set(scale) - set(TIERS))
    if unknown:
        raise ValueError(f"unknown tier(s) {', '.join(unknown)}; tiers are {', '.join(TIERS)}")
    counts = {tier: int(scale.get(tier, 0)) for tier in TIERS}
    if any(n < 0 for n in counts.values()):
        raise ValueError("counts must not be negative")
    return counts


def national_split(total):
    """Split a national count into mandatory / recommended / guidance like the real stock."""
    whole = sum(NATIONAL_NATURE.values())
    mandatory = round(total * NATIONAL_NATURE["mandatory"] / whole)
    guidance = round(total * NATIONAL_NATURE["guidance"] / whole)
    if total >= 20:
        mandatory, guidance = max(mandatory, 1), max(guidance, 1)
    return {"mandatory": mandatory, "recommended": total - mandatory - guidance, "guidance": guidance}
