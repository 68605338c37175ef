"""The use counter under load: standards' pages served by gunicorn while another process writes to the database
in long transactions (as an import's batches do), counting each view at once (BIAOZHUN_USE_FLUSH_SECONDS=0) or
through the per-process buffer (the default, 5 s).

    .venv/bin/python bench/bench_use_counter.py --duration 20 --runs 3

Builds once a site on its own SQLite file (bench/out/use-counter/, the demo catalogue: 3,000 editions), then for
each mode and each of "quiet" / "writer busy" starts gunicorn (--workers sync workers) and drives it with
--clients threads, each fetching a random edition's page as soon as the last one came back, for --duration
seconds; the writer holds a write transaction for --hold seconds, then rests as long, over and over. Reports per
case the median over --runs of the requests/s and of the p50/p95/p99 latency, and checks that every view was
counted: the rows added equal the pages served (after the buffer's last flush)."""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchenv import ROOT, open_site, site_env  # noqa: E402

DB = ROOT / "bench" / "out" / "use-counter" / "bench.sqlite3"


def build() -> list[str]:
    """The site and its catalogue (once); the editions' page paths."""
    open_site(DB)
    from django.core.management import call_command

    from biaozhun.catalog.models import Standard

    if not Standard.objects.exists():
        call_command("seed_reference", verbosity=0)
        catalogue = DB.parent / "demo.jsonl"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--scale", "demo", "--out",
                        str(catalogue)], check=True, stderr=subprocess.DEVNULL)
        call_command("catalog_import", str(catalogue), verbosity=0)
    return [standard.get_absolute_url() for standard in Standard.objects.only("identifier")]


def counted() -> int:
    with sqlite3.connect(DB, timeout=60) as db:
        return db.execute("SELECT coalesce(sum(views), 0) FROM stats_standarduse").fetchone()[0]


def writer(stop: threading.Event, hold: float) -> None:
    """Hold the database's write lock `hold` seconds at a time, with as long a rest between."""
    db = sqlite3.connect(DB, timeout=60, isolation_level=None)
    while not stop.is_set():
        db.execute("BEGIN IMMEDIATE")  # the write lock, as an import batch takes it
        stop.wait(hold)
        db.execute("COMMIT")
        stop.wait(hold)
    db.close()


def drive(port: int, paths: list[str], clients: int, duration: float) -> tuple[list[float], int]:
    """Latencies (ms) of every page served, and how many failed."""
    times: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    end = time.monotonic() + duration

    def client(n: int) -> None:
        rng = random.Random(n)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < end:
            start = time.perf_counter()
            connection.request("GET", rng.choice(paths))
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures[n] += 1
            times[n].append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [t for per in times for t in per], sum(failures)


def one_case(paths: list[str], *, flush: str, busy: bool, args) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, **site_env(DB, BIAOZHUN_USE_FLUSH_SECONDS=flush), "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "biaozhun.wsgi", "-b", f"127.0.0.1:{port}",
                               "-w", str(args.workers), "--access-logfile", "/dev/null"], cwd=ROOT, env=env,
                              stderr=subprocess.DEVNULL)
    stop = threading.Event()
    try:
        for _ in range(300):  # until gunicorn answers
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                probe.request("GET", paths[0])
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        drive(port, paths, args.clients, 5)  # warm every worker
        time.sleep(float(flush) + 1)
        before = counted()
        lock = threading.Thread(target=writer, args=(stop, args.hold))
        if busy:
            lock.start()
        times, failures = drive(port, paths, args.clients, args.duration)
    finally:
        stop.set()
        if busy:
            lock.join()
        server.terminate()  # a graceful stop: each worker flushes its buffer on the way out
        server.wait(60)
    quantiles = statistics.quantiles(times, n=100)
    return {"rate": len(times) / args.duration, "p50": quantiles[49], "p95": quantiles[94], "p99": quantiles[98],
            "max": max(times), "failures": failures, "lost": len(times) - (counted() - before)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--hold", type=float, default=0.5, help="seconds the writer holds the lock, then rests")
    args = parser.parse_args()
    paths = build()
    cases = [(name, flush, busy) for busy in (False, True) for name, flush in
             (("each view written", "0"), ("buffered (5 s)", "5"))]
    results: dict[tuple, list[dict]] = {case: [] for case in cases}
    for _ in range(args.runs):  # interleaved, so a noisy minute falls on every case alike
        for case in cases:
            results[case].append(one_case(paths, flush=case[1], busy=case[2], args=args))
    print(f"{len(paths):,} editions, {args.workers} gunicorn workers, {args.clients} clients, {args.duration:.0f} s "
          f"per run, median of {args.runs}; writer: {args.hold} s held, {args.hold} s rest")
    print(f"{'case':<36}{'req/s':>8}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'failed':>8}{'lost':>6}")
    for (name, _, busy), runs in results.items():
        row = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        label = f"{name}, {'writer busy' if busy else 'quiet'}"
        print(f"{label:<36}{row['rate']:>8.0f}{row['p50']:>7.1f}ms{row['p95']:>7.1f}ms{row['p99']:>7.1f}ms"
              f"{row['max']:>7.0f}ms{row['failures']:>8.0f}{row['lost']:>6.0f}")


if __name__ == "__main__":
    main()
