"""Import benchmark: a generated catalogue into a fresh embedded SQLite database, timed, with peak memory.

    .venv/bin/python bench/bench_import.py --scale national            # 3.5M records
    .venv/bin/python bench/bench_import.py --scale demo --runs 3       # quick check

Generates the JSONL once (kept in bench/out/), then for each run: a new database, migrate, seed the reference
tables, and `manage.py catalog_import` in a child process whose wall time and peak RSS are reported.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchenv import django_env

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB of the child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"catalogue-{args.scale}-{args.seed}.jsonl"
    if not source.exists():
        seconds, _, _ = run([sys.executable, "bench/generate.py", "--scale", args.scale, "--seed", str(args.seed),
                             "--out", str(source)], dict(os.environ))
        print(f"generated {source.name} in {seconds:.0f} s", flush=True)
    with open(source, encoding="utf-8") as handle:
        records = sum(1 for _ in handle)
    size_mb = source.stat().st_size / 1e6

    times, peaks = [], []
    for number in range(1, args.runs + 1):
        var = OUT / f"db-{args.scale}"
        shutil.rmtree(var, ignore_errors=True)
        var.mkdir(parents=True)
        env = {**os.environ, "BIAOZHUN_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "biaozhun.settings",
               "DATABASE_URL": f"sqlite:///{var / 'bench.sqlite3'}"}
        env.update(django_env(ALLOWED_HOSTS="127.0.0.1"))
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        run([sys.executable, "manage.py", "seed_reference"], env)
        seconds, peak, output = run([sys.executable, "manage.py", "catalog_import", str(source), "--no-progress",
                                     "--batch-size", str(args.batch_size)], env)
        times.append(seconds)
        peaks.append(peak)
        db_mb = sum(p.stat().st_size for p in var.glob("bench.sqlite3*")) / 1e6
        print(f"run {number}: {seconds:.1f} s, {records / seconds:,.0f} records/s, peak RSS {peak} MB, "
              f"database {db_mb:,.0f} MB — {output}", flush=True)
    print(f"{args.scale}: {records:,} records ({size_mb:,.0f} MB JSONL), median {statistics.median(times):.1f} s "
          f"({records / statistics.median(times):,.0f} records/s), peak RSS {max(peaks)} MB, {args.runs} run(s)")


if __name__ == "__main__":
    main()
