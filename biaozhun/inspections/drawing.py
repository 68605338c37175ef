"""A campaign as the arguments of the pure draw (biaozhun/rules/draw.py), its published snapshots read back, the
offline command anyone runs on the downloaded files, and the server-side verification that re-runs the draw
from the stored snapshots and compares it with what was published. Reads only: nothing here writes to the database
(a verification is kept in the cache)."""

from __future__ import annotations

import hashlib
import json
import shlex
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.utils import timezone

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
    verified_at: datetime | None = None  # when the draw was re-run (a cached result keeps its time)

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


@dataclass(frozen=True)
class Rerun:
    """What re-running a campaign's draw from its stored files gives: the files' digests and a digest of the sample
    with its assignment (`sample_digest`); `failed` when the files could not be drawn from. It depends only on the
    stored files, the revealed seed and the announced parameters, none of which changes after the draw."""

    population_sha256: str = ""
    inspectors_sha256: str = ""
    sample_sha256: str = ""
    failed: bool = False
    at: datetime | None = None


def sample_digest(pairs: list[tuple[str, tuple[str, ...]]]) -> str:
    """SHA-256 of (enterprise key, inspector numbers) in rank order, as compact JSON."""
    text = json.dumps([[key, list(team)] for key, team in pairs], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@pure.paused_collector()
def rerun(campaign: Campaign) -> Rerun:
    """Re-run the draw from the stored snapshots and the revealed seed: the slow, independent path, which reads the
    files line by line and canonicalises them again as the offline command does (seconds at national scale)."""
    try:
        drawn = run_draw(campaign, bytes.fromhex(campaign.seed_revealed), read_snapshot(campaign.population_file),
                         read_snapshot(campaign.inspectors_file))
    except (pure.DrawError, ValueError, OSError):
        return Rerun(failed=True, at=timezone.now())
    return Rerun(drawn.population_sha256, drawn.inspectors_sha256 or "",
                 sample_digest([(key, drawn.assignments[key]) for key in drawn.sample]), at=timezone.now())


def verification(campaign: Campaign, drawn: Rerun) -> Verification:
    """Compare a re-run with the announcement (commitment, digests) and with the sample and assignment stored now."""
    result = Verification(verified_at=drawn.at)
    if not campaign.is_revealed or not campaign.seed_revealed:
        return result
    result.checks.append(("commitment", pure.verify_commitment(campaign.seed_revealed, campaign.commitment)))
    if drawn.failed:
        result.checks.append(("rerun", False))
        return result
    result.checks.append(("population_sha256", drawn.population_sha256 == campaign.population_sha256))
    result.checks.append(("inspectors_sha256", drawn.inspectors_sha256 == campaign.inspectors_sha256))
    result.checks.append(("sample", drawn.sample_sha256 == sample_digest(stored_sample(campaign))))
    return result


def verify(campaign: Campaign) -> Verification:
    """Re-run the draw from the stored snapshots and the revealed seed; compare with the announcement (commitment,
    digests) and with the stored sample and assignment."""
    if not campaign.is_revealed or not campaign.seed_revealed:
        return Verification()
    return verification(campaign, rerun(campaign))


# The public page re-runs the draw on request. The re-run depends only on what never changes after the draw (the
# stored files, the seed, the parameters), so it is kept in the cache, keyed by what the draw is made of, and runs
# once per campaign and cache lifetime; each request still compares it with the commitment and with the sample
# stored now (one read of the sample). The view rate-limits the requests that would re-run it
# (BIAOZHUN_RATE_VERIFY), and one re-run per campaign runs at a time.
RERUN_SECONDS = 30 * 86400
RUNNING_SECONDS = 300  # a re-run that died leaves its mark this long at most


def _rerun_key(campaign: Campaign) -> str:
    made_of = "\n".join([str(campaign.pk), campaign.seed_revealed, campaign.commitment, campaign.population_sha256,
                         campaign.inspectors_sha256, json.dumps(campaign.parameters, sort_keys=True)])
    return f"inspections:rerun:{campaign.pk}:{hashlib.sha256(made_of.encode()).hexdigest()[:32]}"


def cached_rerun(campaign: Campaign) -> Rerun | None:
    """The re-run of a revealed draw if one was made within the cache's lifetime, else None."""
    if not campaign.is_revealed or not campaign.seed_revealed:
        return None
    return cache.get(_rerun_key(campaign))


def rerun_once(campaign: Campaign) -> Rerun | None:
    """Re-run the draw and keep the result; None when another request is re-running this campaign's right now."""
    key = _rerun_key(campaign)
    if not cache.add(key + ":running", 1, timeout=RUNNING_SECONDS):
        return None
    try:
        drawn = rerun(campaign)
        cache.set(key, drawn, timeout=RERUN_SECONDS)
        return drawn
    finally:
        cache.delete(key + ":running")
