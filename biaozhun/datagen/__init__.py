"""Deterministic, streaming generator of a realistic Chinese standards catalogue (docs/catalog-jsonl.md records).

    from biaozhun.datagen import generate, SCALES
    for record in generate("demo", seed=2019): ...

Pure Python (no Django). The same scale and seed always give the same records in the same order.
"""

import random

from .common import Recent
from .enterprise import Enterprise
from .group import Group
from .industry import Industry
from .international import International
from .local import Local
from .national import National
from .scales import SCALES, TIERS, national_split, resolve

__all__ = ["SCALES", "TIERS", "generate"]

_BUFFER = 64


def _tier_rng(seed, tier):
    return random.Random(f"{seed}:{tier}")


def _records(counts, seed):
    intl = International(counts["international"], 0.22 * counts["national"])
    national_recent, industry_recent = Recent(), Recent()
    national = National(_tier_rng(seed, "national"), national_split(counts["national"]), intl, [national_recent])
    yield from national.generate()
    yield from Industry(_tier_rng(seed, "industry"), counts["industry"], [industry_recent, national_recent]).generate()
    yield from Local(_tier_rng(seed, "local"), counts["local"], [national_recent, industry_recent]).generate()
    yield from Group(_tier_rng(seed, "group"), counts["group"]).generate()
    yield from Enterprise(_tier_rng(seed, "enterprise"), counts["enterprise"]).generate()
    yield from intl.top_up(_tier_rng(seed, "international"))


def generate(scale="demo", seed=2019):
    """Yield catalogue records for a scale name ("tiny", "demo", "national") or a dict of counts per tier.

    Editions of one standard come out in mixed order (a replaced edition may follow the edition replacing it),
    further mixed through a small window so records of neighbouring standards interleave.
    """
    counts = resolve(scale)
    rng = _tier_rng(seed, "order")
    window = []
    for record in _records(counts, seed):
        if len(window) < _BUFFER:
            window.append(record)
            continue
        i = rng.randrange(_BUFFER)
        yield window[i]
        window[i] = record
    rng.shuffle(window)
    yield from window
