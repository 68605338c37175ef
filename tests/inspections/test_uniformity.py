"""The app's sampling is uniform: over many seeds every enterprise is drawn about equally often. Pearson's
chi-square over the draw counts of N = 40 enterprises (n = 4 drawn, 1,500 seeds: 150 expected draws each) stays
under the 0.1 % critical value for 39 degrees of freedom (72.05, fixed), and a sampler with a realistic bug, ranks
cut to their first 4 bits so that ties go to the smaller key, exceeds it by far. No database: the campaign is built
in memory and the app's own draw arguments are used."""

import hashlib
import random

from biaozhun.inspections import drawing
from biaozhun.inspections.models import Campaign
from biaozhun.rules import draw as pure

N, DRAWN, SEEDS = 40, 4, 1500
CRITICAL = 72.05  # chi-square, 39 degrees of freedom, p = 0.001
POPULATION = [{"key": f"91320100{n:010d}", "organisation": f"企业{n}", "region": "320102"} for n in range(N)]
POOL = [{"key": "A", "organisation": "", "region": ""}, {"key": "B", "organisation": "", "region": ""}]


def _seeds():
    return [hashlib.sha256(f"uniformity-{n}".encode()).digest() for n in range(SEEDS)]


def _chi_square(counts: dict[str, int]) -> float:
    expected = SEEDS * DRAWN / N
    return sum((counts.get(r["key"], 0) - expected) ** 2 / expected for r in POPULATION)


def _app_sampler(seed: bytes) -> list[str]:
    campaign = Campaign(size=DRAWN, inspectors_per_item=1, exclude_same_organisation=False,
                        exclude_same_region=False)
    return list(drawing.run_draw(campaign, seed, POPULATION, POOL).sample)


def _truncated_rank_sampler(seed: bytes) -> list[str]:
    ranked = sorted((pure.hmac.digest(seed, pure.SAMPLE_DOMAIN.encode() + r["key"].encode(), "sha256")[0] >> 4, r["key"])
                    for r in POPULATION)
    return [key for _, key in ranked[:DRAWN]]


def _counts(sampler) -> dict[str, int]:
    counts: dict[str, int] = {}
    for seed in _seeds():
        for key in sampler(seed):
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_the_apps_sample_is_uniform_over_many_seeds():
    counts = _counts(_app_sampler)
    assert sum(counts.values()) == SEEDS * DRAWN
    assert _chi_square(counts) < CRITICAL


def test_the_same_threshold_fails_a_biased_sampler():
    assert _chi_square(_counts(_truncated_rank_sampler)) > CRITICAL


def test_the_same_threshold_fails_a_sampler_that_favours_the_first_enterprises():
    rng = random.Random(7)

    def favouring(seed: bytes) -> list[str]:
        weights = [1.5 if n < N // 4 else 1.0 for n in range(N)]
        chosen: list[str] = []
        while len(chosen) < DRAWN:
            key = rng.choices(POPULATION, weights)[0]["key"]
            if key not in chosen:
                chosen.append(key)
        return chosen

    assert _chi_square(_counts(favouring)) > CRITICAL
