"""ISO/IEC records import benchmark: 80,000 generated records in ISO Open Data's JSONL layout into a fresh database.

    .venv/bin/python bench/bench_international_import.py                   # SQLite, 80,000 records, 1 run
    .venv/bin/python bench/bench_international_import.py --runs 3 --count 80000
    .venv/bin/python bench/bench_international_import.py --database-url postgres://biaozhun:biaozhun@localhost/bench_intl

Generates the file once (bench/out/), then for each run: a new database (SQLite: a new file; PostgreSQL: the
database is dropped and created by `migrate` on a flushed schema), migrate, seed the reference tables, and time
`manage.py import_international_records` in a child process (wall time and peak RSS), then a second import of the
same file (idempotent: nothing changes). Goal (decision 0034): the first import in ≤ 60 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench_import import run
from benchenv import django_env

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the child and its children, peak RSS MB, stdout): on a loaded machine the
    CPU time says what the import costs, the wall time what it took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, peak, output = run(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, peak, output


def _reset_postgres(url: str, env: dict[str, str]) -> None:
    """Drop every table of the benchmark database (its own database: never the site's)."""
    code = ("from django.db import connection\n"
            "with connection.cursor() as c:\n"
            "    c.execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public')\n")
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=80000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--database-url", help="default: a new SQLite file per run")
    args = parser.parse_args()

    from biaozhun.datagen.iso_deliverables import write_jsonl

    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"iso-deliverables-{args.count}-{args.seed}.jsonl"
    if not source.exists():
        write_jsonl(source, args.count, args.seed)
    size_mb = source.stat().st_size / 1e6
    engine = "postgresql" if args.database_url else "sqlite"
    times, cpus, again, peaks = [], [], [], []
    for number in range(1, args.runs + 1):
        var = OUT / "db-international"
        shutil.rmtree(var, ignore_errors=True)
        var.mkdir(parents=True)
        url = args.database_url or f"sqlite:///{var / 'bench.sqlite3'}"
        env = {**os.environ, "BIAOZHUN_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "biaozhun.settings",
               "DATABASE_URL": url}
        env.update(django_env(ALLOWED_HOSTS="127.0.0.1"))
        if args.database_url:
            _reset_postgres(url, env)
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        run([sys.executable, "manage.py", "seed_reference"], env)
        command = [sys.executable, "manage.py", "import_international_records", str(source), "--no-progress",
                   "--batch-size", str(args.batch_size)]
        seconds, cpu, peak, output = timed(command, env)
        second, cpu_again, _peak, output_again = timed(command, env)
        times.append(seconds)
        cpus.append(cpu)
        again.append(second)
        peaks.append(peak)
        print(f"run {number}: {seconds:.1f} s wall, {cpu:.1f} s CPU ({args.count / seconds:,.0f} records/s), peak "
              f"RSS {peak} MB — {output.splitlines()[0]}; again: {second:.1f} s wall, {cpu_again:.1f} s CPU — "
              f"{output_again.splitlines()[0]}", flush=True)
    print(f"{engine}: {args.count:,} ISO records ({size_mb:.0f} MB JSONL): first import median "
          f"{statistics.median(times):.1f} s wall ({args.count / statistics.median(times):,.0f} records/s), "
          f"{statistics.median(cpus):.1f} s CPU; re-import median {statistics.median(again):.1f} s wall; "
          f"peak RSS {max(peaks)} MB; {args.runs} run(s); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
