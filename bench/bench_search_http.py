"""Search over HTTP at national scale: end-to-end latency per query class, and throughput with wrk.

    .venv/bin/python bench/bench_search_http.py --db bench/out/db-national/bench.sqlite3 \
        --index bench/out/search-national [--workers 4] [--duration 20]
    .venv/bin/python bench/bench_search_http.py --database-url postgres://biaozhun:biaozhun@127.0.0.1/DB \
        --index DIR ...   (the same catalogue in PostgreSQL: a search reads only the index, and the database
                           a few times a minute for the index's health)

Starts gunicorn (the production WSGI server) on loopback with the given database and search index, then
1. sends every query of a mixed set (common 2-character terms, rare terms, numbers, pinyin, filtered) `--repeat`
   times, one at a time, to /api/v1/search/ (top 20 + exact total + highlights) and reports median and p95;
2. runs wrk (Debian package `wrk`) with 2 threads and 16 connections over the same URLs for `--duration`
   seconds and reports requests/s and errors;
3. with --tail N: N distinct queries (2–4 CJK characters cut from titles of the database, deterministic), more
   than the workers' result caches hold, so nearly every request is computed afresh: the first 500 sent one at a
   time (latency of a first search), then wrk over all N.
Steps 2 and 3 run without and with `facets=true` (all facet counts too), `--runs` times interleaved; the
medians are reported.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchenv import django_env

ROOT = Path(__file__).resolve().parents[1]
QUERIES: dict[str, list[dict[str, str]]] = {
    "common 2-char": [{"q": t} for t in ("要求", "技术", "方法", "规范", "安全", "检测")],
    "rare": [{"q": t} for t in ("锂离子电池", "食品添加剂", "智能门锁", "电动汽车", "光伏组件", "压力容器")],
    "number": [{"q": t} for t in ("GB/T 19001", "19001", "gbt19001-2016", "ISO 9001", "GB 2760", "JB/T 10001")],
    "pinyin": [{"q": t} for t in ("lizidianchi", "shipintianjiaji", "lzdc")],
    "filtered": [
        {"q": "要求", "tier": "national", "status": "current"},
        {"q": "电池", "ccs1": "K"},
        {"q": "安全", "tier": "group"},
        {"q": "", "tier": "local", "province": "11"},
    ],
}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _url(base: str, params: dict[str, str]) -> str:
    return f"{base}/api/v1/search/?{urllib.parse.urlencode(params)}"


def _connect(database_url: str):
    """A read-only DB-API connection to the benchmark's database (SQLite path or URL, or postgres:// URL), and its
    parameter mark."""
    if database_url.startswith("postgres"):
        import psycopg

        return psycopg.connect(database_url), "%s"
    path = database_url.removeprefix("sqlite://")  # sqlite:///abs/path or a plain path
    return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True), "?"


def tail_queries(database_url: str, count: int, seed: int = 7) -> list[dict[str, str]]:
    """`count` distinct 2–4 character CJK substrings of random titles."""
    rng = random.Random(seed)
    run = re.compile("[\u4e00-\u9fff]{2,}")
    conn, mark = _connect(database_url)
    sql = "SELECT title_zh FROM catalog_standard WHERE id >= " + mark + " ORDER BY id LIMIT 1"  # noqa: S608 (mark: ? or %s)
    with conn:
        last = conn.execute("SELECT max(id) FROM catalog_standard").fetchone()[0]
        out: dict[str, None] = {}
        while len(out) < count:
            row = conn.execute(sql, (rng.randint(1, last),)).fetchone()
            runs = run.findall(row[0] or "") if row else []
            if runs:
                text = rng.choice(runs)
                length = min(rng.randint(2, 4), len(text))
                start = rng.randint(0, len(text) - length)
                out[text[start : start + length]] = None
    return [{"q": q} for q in out]


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by gunicorn's master `pid` and its workers (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for process in (str(pid), *children):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker replaced meanwhile
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / ticks


def wrk_run(wrk: str, base: str, urls: list[str], duration: int, server: int | None = None) -> tuple[float, str, str]:
    """(requests/s, errors, where the machine's time went: the server's and wrk's CPU per request, when the
    server's pid is given)."""
    before = server_cpu(server) if server else 0.0
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("local paths = {" + ",".join(f'"{u}"' for u in urls) + "}\n"
                     "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                     "  return wrk.format('GET', paths[i])\nend\n")
    done = subprocess.run([wrk, "-t2", "-c16", f"-d{duration}s", "--latency", "-s", script.name, base],
                          capture_output=True, text=True, check=True)
    os.unlink(script.name)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", done.stdout)
    requests = int(re.search(r"(\d+) requests in", done.stdout).group(1))
    cpu = ""
    if server and requests:
        wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wrk_cpu = (wrk_after.ru_utime + wrk_after.ru_stime) - (wrk_before.ru_utime + wrk_before.ru_stime)
        cpu = (f"CPU per request: server {(server_cpu(server) - before) / requests * 1000:.2f} ms, "
               f"wrk {wrk_cpu / requests * 1000:.2f} ms")
    return float(rate.group(1)), errors.group(0) if errors else "none", cpu


def one_at_a_time(base: str, queries: list[dict[str, str]]) -> list[float]:
    times = []
    for params in queries:
        start = time.perf_counter()
        urllib.request.urlopen(_url(base, params), timeout=30).read()  # noqa: S310 (loopback)
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    database = parser.add_mutually_exclusive_group(required=True)
    database.add_argument("--db", help="the national catalogue in SQLite")
    database.add_argument("--database-url", help="the national catalogue in PostgreSQL (postgres://…)")
    parser.add_argument("--index", required=True)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--wsgi", default="biaozhun.wsgi", help="the WSGI application gunicorn serves (biaozhun.wsgi:full: "
                                                               "every request through the whole middleware chain)")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--tail", type=int, default=0, help="also measure N distinct (uncached) queries")
    parser.add_argument("--runs", type=int, default=3, help="wrk runs of each kind, interleaved (median)")
    parser.add_argument("--tail-only", action="store_true", help="only wrk over the long tail (with --tail): no "
                                                                 "latencies one at a time, no repeated set")
    parser.add_argument("--no-facets", action="store_true", help="wrk without facets=true only")
    args = parser.parse_args()

    port = _port()
    database_url = args.database_url or f"sqlite:///{Path(args.db).resolve()}"
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, **django_env(), "DATABASE_URL": database_url,
           "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "BIAOZHUN_SEARCH_PATH": str(Path(args.index).resolve()), "BIAOZHUN_API_ANON_RATE": "100000000/minute"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", args.wsgi, "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
         "--access-logfile", "/dev/null", "--error-logfile", "-"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(_url(base, {"q": "要求"}), timeout=30).read()  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(3):  # warm every worker's readers and caches
            for queries in QUERIES.values():
                for params in queries:
                    urllib.request.urlopen(_url(base, params), timeout=30).read()  # noqa: S310

        kinds = {} if args.tail_only else {"repeated set": [params for queries in QUERIES.values() for params in queries]}
        if not args.tail_only:
            everything = []
            print(f"{'class':<15}{'median':>10}{'p95':>10}  (end to end over HTTP, {args.workers} gunicorn workers)")
            for name, queries in QUERIES.items():
                times = one_at_a_time(base, queries * args.repeat)
                everything += times
                print(f"{name:<15}{statistics.median(times):>8.1f}ms{p95(times):>8.1f}ms")
            print(f"{'all':<15}{statistics.median(everything):>8.1f}ms{p95(everything):>8.1f}ms")
        if args.tail:
            tail = tail_queries(args.database_url or args.db, args.tail)
            kinds["long tail"] = tail
            for facets, sample in () if args.tail_only else ((False, tail[-500:]), (True, tail[-1000:-500])):
                # each computed afresh here
                first = [{**params, **({"facets": "true"} if facets else {})} for params in sample]
                times = one_at_a_time(base, first)
                print(f"first search of {len(first)} tail queries{' with facets' if facets else ''}, one at a time: "
                      f"median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms")
        wrk = shutil.which("wrk")
        if wrk is None:
            print("wrk is not installed (apt-get install wrk): throughput not measured")
            return
        rates: dict[tuple[str, bool], list[float]] = {}
        for _run in range(args.runs):
            for kind, queries in kinds.items():
                for facets in (False,) if args.no_facets else (False, True):
                    urls = [_url("", {**params, **({"facets": "true"} if facets else {})}) for params in queries]
                    rate, errors, cpu = wrk_run(wrk, base, urls, args.duration, server.pid)
                    rates.setdefault((kind, facets), []).append(rate)
                    print(f"  wrk {kind}{' with facets' if facets else ''}: {rate:,.0f} requests/s, errors: {errors}; "
                          f"{cpu}", flush=True)
        for (kind, facets), values in rates.items():
            print(f"{kind} ({len(kinds[kind]):,} queries){' with facets' if facets else ''}: median "
                  f"{statistics.median(values):,.0f} requests/s over {len(values)} runs "
                  f"({', '.join(f'{v:,.0f}' for v in values)})")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
