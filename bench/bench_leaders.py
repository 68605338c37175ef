"""企业标准"领跑者": tiering 1,000,000 declared indicator values (goal ≤ 5 s).

    .venv/bin/python bench/bench_leaders.py [--values 1000000] [--runs 3]

Pure functions only (biaozhun.rules.leaders), no database. Deterministic values: an energy efficiency ratio
(higher is better, requirement ≥ 3.0, two decimals, so ties are common) for 1,000,000 declarations of which about
1 % are below the requirement or not declared. Times, as the median of the runs:
- one indicator, share thresholds (best 5 %, down to the best 20 %, the rest);
- one indicator, fixed thresholds;
- a scheme of 4 indicators (3 key) over 250,000 enterprises: the same 1,000,000 values in all.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_seconds  # noqa: E402

from biaozhun.rules.leaders import (  # noqa: E402
    Direction,
    FixedThresholds,
    Indicator,
    ShareThresholds,
    Tiering,
    tier_indicator,
    tier_scheme,
)

EER_SHARES = Indicator("能效比", Direction.HIGHER, ShareThresholds(("0.05", "0.2")), requirement=3.0)
EER_FIXED = Indicator("能效比", Direction.HIGHER, FixedThresholds((4.6, 3.9)), requirement=3.0)
SCHEME = [
    EER_SHARES,
    Indicator("噪声", Direction.LOWER, ShareThresholds(("0.05", "0.2")), requirement=52),
    Indicator("待机功率", Direction.LOWER, FixedThresholds((0.3, 0.5)), requirement=1.0),
    Indicator("制冷量偏差", Direction.LOWER, FixedThresholds((2.0,)), requirement=5.0, key=False),
]


def _eer(rng: random.Random) -> float | None:
    return None if rng.random() < 0.003 else round(rng.gauss(3.9, 0.35), 2)


def _summary(result: Tiering) -> str:
    return f"{result.status}, tiers {[len(t.keys) for t in result.tiers]}, {len(result.excluded):,} excluded"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2019)
    values = {f"91{rng.randrange(10**6):06d}MA{n:08X}": _eer(rng) for n in range(args.values)}
    for label, indicator in (("shares", EER_SHARES), ("fixed", EER_FIXED)):
        seconds, result = median_seconds(lambda i=indicator: tier_indicator(i, values), args.runs)
        print(f"one indicator, {label} thresholds, {len(values):,} values: median {seconds:.2f} s of {args.runs} "
              f"({_summary(result)})")
    enterprises = args.values // len(SCHEME)
    declarations = {f"91{rng.randrange(10**6):06d}MB{n:08X}": {
        "能效比": _eer(rng), "噪声": rng.randint(36, 53), "待机功率": round(rng.uniform(0.1, 1.02), 2),
        "制冷量偏差": round(rng.uniform(0, 5.1), 1)} for n in range(enterprises)}
    seconds, result = median_seconds(lambda: tier_scheme(SCHEME, declarations), args.runs)
    print(f"scheme of {len(SCHEME)} indicators x {enterprises:,} enterprises = {enterprises * len(SCHEME):,} "
          f"values: median {seconds:.2f} s of {args.runs} ({_summary(result)}, {len(result.leaders):,} leaders)")


if __name__ == "__main__":
    main()
