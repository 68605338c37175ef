"""Search over HTTP at national scale: end-to-end latency per query class, and throughput with wrk.

    .venv/bin/python bench/bench_search_http.py --db bench/out/db-national/bench.sqlite3 \
        --index bench/out/search-national [--workers 4] [--duration 20]

Starts gunicorn (the production WSGI server) on loopback with the given database and search index, then
1. sends every query of a mixed set (common 2-character terms, rare terms, numbers, pinyin, filtered) 20 times,
   one at a time, to /api/v1/search/ (top 20 + total + all facets + highlights) and reports median and p95;
2. runs wrk (Debian package `wrk`) with 2 threads and 16 connections over the same URLs for `--duration`
   seconds and reports requests/s and errors;
3. with --tail N, runs wrk again over N distinct queries (2–4 CJK characters cut from titles of the database,
   deterministic): more than the workers' result caches hold, so nearly every request is computed afresh.
"""

from __future__ import annotations

import argparse
import os
import random
import re
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


def tail_queries(db: str, count: int, seed: int = 7) -> list[dict[str, str]]:
    """`count` distinct 2–4 character CJK substrings of random titles."""
    rng = random.Random(seed)
    run = re.compile("[\u4e00-\u9fff]{2,}")
    with sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True) as conn:
        last = conn.execute("SELECT max(id) FROM catalog_standard").fetchone()[0]
        out: dict[str, None] = {}
        while len(out) < count:
            row = conn.execute("SELECT title_zh FROM catalog_standard WHERE id >= ? ORDER BY id LIMIT 1",
                               (rng.randint(1, last),)).fetchone()
            runs = run.findall(row[0] or "") if row else []
            if runs:
                text = rng.choice(runs)
                length = min(rng.randint(2, 4), len(text))
                start = rng.randint(0, len(text) - length)
                out[text[start : start + length]] = None
    return [{"q": q} for q in out]


def wrk_run(wrk: str, base: str, urls: list[str], duration: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("local paths = {" + ",".join(f'"{u}"' for u in urls) + "}\n"
                     "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                     "  return wrk.format('GET', paths[i])\nend\n")
    done = subprocess.run([wrk, "-t2", "-c16", f"-d{duration}s", "--latency", "-s", script.name, base],
                          capture_output=True, text=True, check=True)
    os.unlink(script.name)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", done.stdout)
    print(done.stdout.strip())
    return f"{float(rate.group(1)):,.0f} requests/s; errors: {errors.group(0) if errors else 'none'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--tail", type=int, default=0, help="also measure N distinct (uncached) queries")
    args = parser.parse_args()

    port = _port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, **django_env(), "DATABASE_URL": f"sqlite:///{Path(args.db).resolve()}",
           "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "BIAOZHUN_SEARCH_PATH": str(Path(args.index).resolve()), "BIAOZHUN_API_ANON_RATE": "100000000/minute"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "biaozhun.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
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

        everything = []
        print(f"{'class':<15}{'median':>10}{'p95':>10}  (end to end over HTTP, {args.workers} gunicorn workers)")
        for name, queries in QUERIES.items():
            times = []
            for _ in range(args.repeat):
                for params in queries:
                    start = time.perf_counter()
                    urllib.request.urlopen(_url(base, params), timeout=30).read()  # noqa: S310
                    times.append((time.perf_counter() - start) * 1000)
            everything += times
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{name:<15}{statistics.median(times):>8.1f}ms{p95:>8.1f}ms")
        print(f"{'all':<15}{statistics.median(everything):>8.1f}ms{statistics.quantiles(everything, n=20)[-1]:>8.1f}ms")

        wrk = shutil.which("wrk")
        if wrk is None:
            print("wrk is not installed (apt-get install wrk): throughput not measured")
            return
        urls = [_url("", params) for queries in QUERIES.values() for params in queries]
        print(f"throughput: {wrk_run(wrk, base, urls, args.duration)}")
        if args.tail:
            urls = [_url("", params) for params in tail_queries(args.db, args.tail)]
            print(f"long tail ({len(urls)} distinct queries): {wrk_run(wrk, base, urls, args.duration)}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
