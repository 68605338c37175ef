"""双随机、一公开: a 5 % draw with exclusions and a 2-inspector assignment over 472,000 enterprises (goal ≤ 5 s).

    .venv/bin/python bench/bench_draw.py [--enterprises 472000] [--inspectors 5000] [--runs 3] [--cli DIR]

Pure functions only (biaozhun.rules.draw), no database. The population is deterministic: USCC-like keys, county
codes spread over 31 provinces, about 10 % flagged as inspected last year and 3 % of an excluded industry (the two
exclusions), every 50th enterprise in a group that also employs inspectors (a real organisation conflict).
Inspectors are spread over the same counties; conflicts: same organisation or same county. Prints the median of
the runs of `draw()` (canonical snapshots and their SHA-256, exclusions, HMAC ranks, sample, assignment) and of its
steps; with --cli DIR it writes the two JSON Lines files there and times `python -m biaozhun.rules.draw verify`
end to end (reading, parsing and printing included).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_seconds  # noqa: E402

from biaozhun.rules.draw import (  # noqa: E402
    ConflictRules,
    Exclusion,
    assign,
    canonical_lines,
    commitment,
    draw,
    sample,
    sample_size,
)

SEED = bytes.fromhex("6b1f0c0e9a4d2e57c3b8a1f09e7d6c5b4a392817f6e5d4c3b2a1908f7e6d5c4b")
EXCLUSIONS = [Exclusion("inspected_last_year", values=("1",)), Exclusion("industry", prefixes=("C39",))]


def _counties(rng: random.Random) -> list[str]:
    provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
                 54, 61, 62, 63, 64, 65]
    return [f"{p:02d}{c:02d}{d:02d}" for p in provinces for c in range(1, rng.randint(5, 15)) for d in
            range(1, rng.randint(3, 12))]


def population(size: int, inspectors: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(12)
    counties = _counties(rng)
    industries = [f"C{n}" for n in range(13, 44)]
    enterprises = []
    for n in range(size):
        key = f"91{rng.choice(counties)}MA{n:08X}"
        enterprises.append({"key": key, "organisation": f"GROUP{n % 997}" if n % 50 == 0 else key,
                            "region": key[2:8], "industry": rng.choice(industries),
                            "inspected_last_year": "1" if rng.random() < 0.10 else "0"})
    pool = [{"key": f"ZF{n:06d}", "organisation": f"GROUP{n % 997}" if n % 10 == 0 else f"BUREAU{n % 400}",
             "region": rng.choice(counties)} for n in range(inspectors)]
    return enterprises, pool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=472_000)
    parser.add_argument("--inspectors", type=int, default=5_000)
    parser.add_argument("--rate", default="0.05")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cli", metavar="DIR", help="also time the command on files written to DIR")
    args = parser.parse_args()
    enterprises, pool = population(args.enterprises, args.inspectors)
    rules = ConflictRules(region_digits=6)

    total, result = median_seconds(lambda: draw(SEED, enterprises, rate=args.rate, exclusions=EXCLUSIONS,
                                         inspectors=pool, per_item=2, rules=rules), args.runs)
    loads = Counter(i for chosen in result.assignments.values() for i in chosen)
    print(f"draw(): {args.enterprises:,} enterprises, {result.eligible:,} eligible, "
          f"{len(result.sample):,} drawn, {len(loads):,} inspectors used (load {min(loads.values())}–"
          f"{max(loads.values())}): median {total:.2f} s of {args.runs}")

    snapshot, _ = median_seconds(lambda: (canonical_lines(enterprises), canonical_lines(pool)), 1)
    eligible = [r for r in enterprises if not any(e.matches(r) for e in EXCLUSIONS)]
    excluding, _ = median_seconds(lambda: [r for r in enterprises if not any(e.matches(r) for e in EXCLUSIONS)], 1)
    n = sample_size(len(eligible), rate=args.rate)
    ranking, keys = median_seconds(lambda: sample(SEED, [r["key"] for r in eligible], n), 1)
    by_key = {r["key"]: r for r in eligible}
    assigning, _ = median_seconds(lambda: assign(SEED, [by_key[k] for k in keys], pool, rules=rules), 1)
    print(f"  steps (one run each): snapshots {snapshot:.2f} s, exclusions {excluding:.2f} s, "
          f"ranks and sample {ranking:.2f} s, assignment {assigning:.2f} s")

    if args.cli:
        folder = Path(args.cli)
        folder.mkdir(parents=True, exist_ok=True)
        for name, records in (("population.jsonl", enterprises), ("inspectors.jsonl", pool)):
            with open(folder / name, "w", encoding="utf-8") as handle:
                handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        command = [sys.executable, "-m", "biaozhun.rules.draw", "verify",
                   "--population", str(folder / "population.jsonl"), "--inspectors", str(folder / "inspectors.jsonl"), "--seed", SEED.hex(),
                   "--commitment", commitment(SEED), "--rate", args.rate, "--exclude", "inspected_last_year=1",
                   "--exclude-prefix", "industry=C39"]
        cli, done = median_seconds(lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=True), args.runs)
        published = json.loads(done.stdout)
        same = [(s["key"], tuple(s["inspectors"])) for s in published["sample"]] == \
            [(k, result.assignments[k]) for k in result.sample]
        print(f"python -m biaozhun.rules.draw verify, end to end: median {cli:.2f} s of {args.runs} "
              f"({len(done.stdout) / 1e6:.1f} MB of JSON; same sample and assignment as draw(): {same})")


if __name__ == "__main__":
    main()
