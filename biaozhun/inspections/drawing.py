"""A campaign as the arguments of the pure draw (biaozhun/rules/draw.py), its published snapshots read back, the
offline command anyone runs on the downloaded files, and the server-side verification that re-runs the draw
from the stored snapshots and compares it with what was published. Reads only: nothing here writes."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from biaozhun.rules import draw as pure

from .models import Campaign, ItemInspector, SampledItem

POPULATION_FILE = "population.jsonl"
INSPECTORS_FILE = "inspectors.jsonl"
REGION_DIGITS = pure.REGION_DIGITS


def split_list(text: str) -> tuple[str, ...]:
    return tuple(sorted({part.strip() for part in text.replace("，", ",").replace("\n", ",").split(",")
                         if part.strip()}))


def exclusions(campaign: Campaign) -> list[pure.Exclusion]:
    found = []
    if regions := split_list(campaign.excluded_regions):
        found.append(pure.Exclusion("region", prefixes=regions))
    if enterprises := split_list(campaign.excluded_enterprises):
        found.append(pure.Exclusion("key", values=enterprises))
    return found


def conflict_rules(campaign: Campaign) -> pure.ConflictRules:
    return pure.ConflictRules(campaign.exclude_same_organisation, campaign.exclude_same_region,
                              REGION_DIGITS[campaign.region_level])


def rate_or_size(campaign: Campaign) -> dict[str, Any]:
    if campaign.rate is not None:
        return {"rate": str(Decimal(campaign.rate).normalize()), "size": None}
    return {"rate": None, "size": campaign.size}


def announced_parameters(campaign: Campaign) -> dict[str, Any]:
    """What is announced with the commitment: everything the draw needs besides the seed and the snapshots."""
    return {"algorithm": pure.ALGORITHM, **rate_or_size(campaign),
            "exclusions": [e.as_dict() for e in exclusions(campaign)],
            "inspectors_per_item": campaign.inspectors_per_item, **conflict_rules(campaign).as_dict(),
            "population_filters": {"region_prefix": campaign.region_prefix,
                                   "industry_class": campaign.industry_class, "tier": campaign.tier,
                                   "source": campaign.source, "product_keyword": campaign.product_keyword,
                                   "flagged_only": campaign.flagged_only}}


def read_snapshot(file) -> list[dict[str, Any]]:
    with file.open("rb") as handle:
        return [json.loads(line) for line in handle.read().decode("utf-8").splitlines() if line.strip()]


def read_snapshot_bytes(file) -> bytes:
    with file.open("rb") as handle:
        return handle.read()


def run_draw_snapshots(campaign: Campaign, seed: bytes, population: pure.Snapshot,
                       inspectors: pure.Snapshot) -> pure.Draw:
    """`run_draw` from the stored canonical files as read by `pure.read_canonical` (the same result, faster)."""
    return pure.draw_snapshots(seed, population, **rate_or_size(campaign), exclusions=exclusions(campaign),
                               inspectors=inspectors, per_item=campaign.inspectors_per_item,
                               rules=conflict_rules(campaign))


def run_draw(campaign: Campaign, seed: bytes, population: list, inspectors: list) -> pure.Draw:
    """The draw with the campaign's parameters (raises pure.DrawError, NoEligibleInspectors)."""
    return pure.draw(seed, population, **rate_or_size(campaign), exclusions=exclusions(campaign),
                     inspectors=inspectors, per_item=campaign.inspectors_per_item, rules=conflict_rules(campaign))


def offline_command(campaign: Campaign, *, population: str = POPULATION_FILE,
                    inspectors: str = INSPECTORS_FILE) -> list[str]:
    """The arguments of `python -m biaozhun.rules.draw verify` that re-run this campaign's draw."""
    args = ["verify", "--population", population, "--inspectors", inspectors,
            "--seed", campaign.seed_revealed, "--commitment", campaign.commitment]
    amount = rate_or_size(campaign)
    args += ["--rate", amount["rate"]] if amount["rate"] is not None else ["--size", str(amount["size"])]
    for exclusion in exclusions(campaign):
        if exclusion.prefixes:
            args += ["--exclude-prefix", f"{exclusion.field}={','.join(exclusion.prefixes)}"]
        if exclusion.values:
            args += ["--exclude", f"{exclusion.field}={','.join(exclusion.values)}"]
    rules = conflict_rules(campaign)
    args += ["--inspectors-per-item", str(campaign.inspectors_per_item), "--region-digits", str(rules.region_digits)]
    if not rules.same_organisation:
        args.append("--allow-same-organisation")
    if not rules.same_region:
        args.append("--allow-same-region")
    args += ["--population-sha256", campaign.population_sha256, "--inspectors-sha256", campaign.inspectors_sha256]
    return args


def offline_command_text(campaign: Campaign) -> str:
    return shlex.join(["python", "-m", "biaozhun.rules.draw", *offline_command(campaign)])


@dataclass
class Verification:
    """The outcome of re-running a campaign's draw: `matches` when every check passed; `checks` lists each as
    (code, passed); `problems` the codes that failed."""

    checks: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return bool(self.checks) and all(ok for _, ok in self.checks)

    @property
    def problems(self) -> list[str]:
        return [code for code, ok in self.checks if not ok]


def stored_sample(campaign: Campaign) -> list[tuple[str, tuple[str, ...]]]:
    """(enterprise key, inspector numbers) of each stored item, in rank order."""
    teams: dict[int, list[str]] = {}
    for item_id, number in ItemInspector.objects.filter(item__campaign=campaign).order_by(
            "item_id", "position").values_list("item_id", "inspector__number"):
        teams.setdefault(item_id, []).append(number)
    return [(key, tuple(teams.get(pk, ()))) for pk, key in
            SampledItem.objects.filter(campaign=campaign).order_by("rank").values_list("pk", "key")]


def verify(campaign: Campaign) -> Verification:
    """Re-run the draw from the stored snapshots and the revealed seed; compare with the announcement (commitment,
    digests) and with the stored sample and assignment."""
    result = Verification()
    if not campaign.is_revealed or not campaign.seed_revealed:
        return result
    seed = bytes.fromhex(campaign.seed_revealed)
    result.checks.append(("commitment", pure.verify_commitment(seed, campaign.commitment)))
    try:
        drawn = run_draw(campaign, seed, read_snapshot(campaign.population_file),
                         read_snapshot(campaign.inspectors_file))
    except (pure.DrawError, ValueError, OSError):
        result.checks.append(("rerun", False))
        return result
    result.checks.append(("population_sha256", drawn.population_sha256 == campaign.population_sha256))
    result.checks.append(("inspectors_sha256", drawn.inspectors_sha256 == campaign.inspectors_sha256))
    recomputed = [(key, drawn.assignments[key]) for key in drawn.sample]
    result.checks.append(("sample", recomputed == stored_sample(campaign)))
    return result
