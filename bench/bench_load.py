"""Load: the site as deployed, driven by a steady mix of pages, with latency, errors and memory per minute.

    .venv/bin/python bench/bench_load.py --scale national --duration 600          # loads once, then 10 minutes
    .venv/bin/python bench/bench_load.py --scale national --limit 1000000         # the first million records
    .venv/bin/python bench/bench_load.py --scale demo --duration 60               # a quick check

1. Load, each step once per database (a rerun skips what is done; an interrupted import resumes): a PostgreSQL
   database with byte-order collation (docs/deployment.md), migrate, seed_reference, createcachetable, then
   `catalog_import` of the generated catalogue (bench/generate.py; `--limit N`: its first N records) and
   `search_rebuild`. Each step's wall time goes to bench/out/load-<database>.json.
2. Serve as deployed on one machine of several: collectstatic (hashed files, WhiteNoise), gunicorn biaozhun.wsgi
   with `--workers` sync workers (gunicorn.conf.py), DEBUG off, the cache in the database (BIAOZHUN_CACHE=database),
   and the machine's search follower (`search_sync --follow`) beside it. The anonymous API limit is raised: every
   request comes from one address.
3. Drive: `--concurrency` clients, each sending its next request as soon as the last is answered (closed loop, no
   think time), drawn from MIX; and one clerk who checks 10,000 numbers (XLSX) every 30 s. 30 s of warm-up are
   not counted.
4. Report (markdown on stdout, every request in bench/out/load-<stamp>.json): per minute the requests, errors and
   the RSS of each gunicorn worker (and its heap part); per kind of page the requests, errors and p50/p95/p99;
   and the goals: search p95 ≤ 50 ms end to end, 10,000 numbers checked ≤ 2 s, no errors, flat memory (each worker's RSS in the last
   minute within 5 % of the second minute's).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

import psycopg
import requests
from benchenv import django_env

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PGURL = os.environ.get("BENCH_PG", "postgres://biaozhun:biaozhun@127.0.0.1:5432")
COMMON = ["要求", "技术", "方法", "规范", "安全", "检测", "电池", "食品", "钢", "水"]
RARE = ["锂离子电池", "食品添加剂", "智能门锁", "电动汽车", "光伏组件", "压力容器", "lizidianchi", "lzdc"]
FACETS = [{"tier": "national", "status": "current"}, {"ccs1": "K"}, {"tier": "group"},
          {"tier": "local", "province": "11"}, {"status": "abolished"}, {"nature": "mandatory"}]
SEARCH_KINDS = ("search page: Chinese text", "search page: numbers", "search page: facets", "search API")
CLERK_EVERY = 30.0
GOAL_SEARCH_P95_MS = 50.0
GOAL_VALIDITY_S = 2.0
WARM_UP = 30.0


# --- 1. Load --------------------------------------------------------------------------------------------------
def source_file(scale: str, seed: int, limit: int | None) -> Path:
    full = OUT / f"catalogue-{scale}-{seed}.jsonl"
    if not full.exists():
        subprocess.run([sys.executable, "bench/generate.py", "--scale", scale, "--seed", str(seed), "--out",
                        str(full)], cwd=ROOT, check=True)
    if not limit:
        return full
    part = OUT / f"catalogue-{scale}-{seed}-first{limit}.jsonl"
    if not part.exists():
        with open(full, encoding="utf-8") as source, open(part, "w", encoding="utf-8") as target:
            for number, line in enumerate(source):
                if number == limit:
                    break
                target.write(line)
    return part


def load(env: dict[str, str], database: str, source: Path, index: Path) -> dict:
    """Each step that is not done yet, timed; the times of earlier runs are kept in the marker file."""
    marker = OUT / f"load-{database}.json"
    done = json.loads(marker.read_text()) if marker.exists() else {}

    log = OUT / f"load-{database}.log"

    def step(name: str, *command: str) -> None:
        start = time.perf_counter()
        with open(log, "a") as output:  # progress bars and migration lists stay out of the report
            done_ok = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=output,
                                     stderr=subprocess.STDOUT)
        if done_ok.returncode:
            raise SystemExit(f"manage.py {' '.join(command)} failed: see {log}")
        done[name] = round(time.perf_counter() - start, 1)
        marker.write_text(json.dumps(done, indent=1))
        print(f"load: {name} {done[name]:.0f} s", flush=True)

    with psycopg.connect(f"{PGURL}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f"CREATE DATABASE \"{database}\" TEMPLATE template0 LOCALE 'C.UTF-8'")
            done = {}
    step("migrate", "migrate", "--noinput")  # also after a release with new migrations: a no-op otherwise
    if "seed_reference" not in done:
        step("seed_reference", "seed_reference")
        step("createcachetable", "createcachetable")
    with psycopg.connect(f"{PGURL}/{database}") as conn:
        imported = conn.execute("SELECT total_records FROM catalog_importjob WHERE source_name = %s AND state = 'done'",
                                [source.name]).fetchone()
    if not imported:
        step("catalog_import", "catalog_import", str(source), "--batch-size", "5000", "--no-progress")
    if "search_rebuild" not in done or not index.exists():
        step("search_rebuild", "search_rebuild")
    if "collectstatic" not in done:
        step("collectstatic", "collectstatic", "--noinput", "-v", "0")
    with psycopg.connect(f"{PGURL}/{database}") as conn:
        done["records"] = conn.execute("SELECT count(*) FROM catalog_standard").fetchone()[0]
    marker.write_text(json.dumps(done, indent=1))
    return done


# --- 2. Serve -------------------------------------------------------------------------------------------------
class Site:
    def __init__(self, env: dict[str, str], workers: int, var: Path) -> None:
        self.log = var / "gunicorn.log"
        self.log.write_text("")
        with open(self.log, "ab") as log, open(var / "search_sync.log", "ab") as sync_log:
            self.web = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "biaozhun.wsgi", "-b", "127.0.0.1:0", "-w", str(workers),
                 "--access-logfile", "/dev/null", "--error-logfile", "-"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            self.sync = subprocess.Popen([sys.executable, "manage.py", "search_sync", "--follow"], cwd=ROOT, env=env,
                                         stdout=sync_log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while not (match := re.search(r"Listening at: (http://\S+)", self.log.read_text())):
            if self.web.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)
        self.base = match.group(1)
        while requests.get(self.base + "/", timeout=120).status_code != 200:
            time.sleep(1)

    def workers(self) -> dict[int, tuple[int, int]]:
        """(RSS, its anonymous part) in MB of each gunicorn worker (the master's children). The rest of the RSS is
        file pages, mostly the search index's memory-mapped segments as queries touch them: not the heap."""
        found = {}
        children = Path(f"/proc/{self.web.pid}/task/{self.web.pid}/children").read_text().split()
        for pid in map(int, children):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:
                continue
            found[pid] = tuple(int(re.search(rf"{field}:\s+(\d+)", status).group(1)) // 1024
                               for field in ("VmRSS", "RssAnon"))
        return found

    def stop(self) -> None:
        for process in (self.web, self.sync):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (self.web, self.sync):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


# --- 3. Drive -------------------------------------------------------------------------------------------------
def samples(database: str, seed: int) -> dict[str, list[str]]:
    """Numbers and title fragments of the loaded catalogue, deterministic for a database."""
    rng = random.Random(seed)
    with psycopg.connect(f"{PGURL}/{database}") as conn:
        last = conn.execute("SELECT max(id) FROM catalog_standard").fetchone()[0]
        ids = sorted(rng.sample(range(1, last + 1), min(last, 12_000)))
        rows = conn.execute("SELECT identifier, undated, title_zh FROM catalog_standard WHERE id = ANY(%s)",
                            [ids]).fetchall()
        replaced = [r[0] for r in conn.execute(
            "SELECT identifier FROM catalog_standard WHERE status = 'replaced' LIMIT 2000").fetchall()]
    run = re.compile("[\u4e00-\u9fff]{2,}")
    tail = []
    for _, _, title in rows:
        if (found := run.findall(title or "")) and len(tail) < 3000:
            text = rng.choice(found)
            length = min(rng.randint(2, 4), len(text))
            start = rng.randint(0, len(text) - length)
            tail.append(text[start: start + length])
    identifiers = [r[0] for r in rows]
    validity = [r[1] if rng.random() < 0.1 else r[0] for r in rows[:10_000]]
    validity[: len(validity) // 100] = ["GB/T ABC-20"] * (len(validity) // 100)
    validity[-len(replaced[: len(validity) // 5]):] = replaced[: len(validity) // 5]
    return {"identifiers": identifiers, "undated": [r[1] for r in rows], "tail": tail, "validity": validity}


def mix(data: dict[str, list[str]]):
    """(kind, weight, make(rng) -> (method, path, form data or None))."""
    def text(rng):
        return rng.choice(COMMON + RARE) if rng.random() < 0.5 else rng.choice(data["tail"])

    def number(rng):
        value = rng.choice(data["undated"])
        return value if rng.random() < 0.7 else value[: max(len(value) - 2, 4)]  # partial numbers too

    def query(params):
        return "?" + urllib.parse.urlencode(params)

    return [
        ("search page: Chinese text", 25, lambda rng: ("GET", "/standards/" + query({"q": text(rng)}), None)),
        ("search page: numbers", 10, lambda rng: ("GET", "/standards/" + query({"q": number(rng)}), None)),
        ("search page: facets", 10, lambda rng: ("GET", "/standards/" + query(
            {"q": rng.choice(COMMON + [""]), **rng.choice(FACETS)}), None)),
        ("search API", 15, lambda rng: ("GET", "/api/v1/search/" + query(
            {"q": text(rng) if rng.random() < 0.7 else number(rng)}), None)),
        ("edition page", 25, lambda rng: (
            "GET", "/std/" + urllib.parse.quote(rng.choice(data["identifiers"]), safe="/:"), None)),
        ("home", 8, lambda rng: ("GET", "/", None)),
        ("validity check, 20 numbers", 7, lambda rng: ("POST", "/validity/", {
            "numbers": "\n".join(rng.sample(data["validity"], 20)), "format": ""})),
    ]


class Recorder:
    def __init__(self) -> None:
        self.rows: list[tuple[float, str, float, int]] = []  # (seconds since start, kind, ms, status; 0 = failed)
        self.lock = threading.Lock()
        self.start = 0.0
        self.counting = False

    def add(self, kind: str, ms: float, status: int) -> None:
        if self.counting:
            with self.lock:
                self.rows.append((time.monotonic() - self.start, kind, ms, status))


def client(base: str, kinds, seed: int, stop: threading.Event, recorder: Recorder) -> None:
    rng = random.Random(seed)
    session = requests.Session()
    session.get(base + "/validity/", timeout=120)  # the CSRF cookie for the validity form
    weights = [weight for _, weight, _ in kinds]
    while not stop.is_set():
        kind, _, make = rng.choices(kinds, weights)[0]
        send(session, base, kind, make(rng), recorder)


def send(session, base: str, kind: str, request, recorder: Recorder) -> None:
    method, path, form = request
    if form is not None:
        form = {**form, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
    start = time.perf_counter()
    try:
        response = session.request(method, base + path, data=form, timeout=120, allow_redirects=False)
        response.content  # noqa: B018 (the whole body)
        status = response.status_code
    except requests.RequestException:
        status = 0
    recorder.add(kind, (time.perf_counter() - start) * 1000, status)


def clerk(base: str, numbers: list[str], stop: threading.Event, recorder: Recorder) -> None:
    session = requests.Session()
    session.get(base + "/validity/", timeout=120)
    form = {"numbers": "\n".join(numbers), "format": "xlsx"}
    while not stop.wait(CLERK_EVERY):
        send(session, base, f"validity check, {len(numbers):,} numbers (XLSX)", ("POST", "/validity/", form), recorder)


# --- 4. Report ------------------------------------------------------------------------------------------------
def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


def report(recorder: Recorder, memory: list[dict[int, tuple[int, int]]], args, loaded: dict) -> tuple[str, dict]:
    minutes = defaultdict(lambda: [0, 0, []])
    by_kind: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for at, kind, ms, status in recorder.rows:
        if at >= args.duration:
            continue  # answered after the end
        minutes[int(at // 60)][0] += 1
        minutes[int(at // 60)][1] += not 200 <= status < 400
        minutes[int(at // 60)][2].append(ms)
        by_kind[kind].append((ms, status))
    pids = sorted({pid for sample in memory for pid in sample})
    lines = ["| minute | requests | errors | p95 (all) | " + " | ".join(f"worker {n + 1} RSS (heap)"
                                                                       for n in range(len(pids)))
             + " |", "|---|---|---|---|" + "---|" * len(pids)]
    for minute in sorted(minutes):
        rss = memory[minute] if minute < len(memory) else {}
        lines.append(f"| {minute + 1} | {minutes[minute][0]:,} | {minutes[minute][1]} | "
                     f"{percentile(minutes[minute][2], 0.95):.0f} ms | "
                     + " | ".join(f"{rss[pid][0]} MB ({rss[pid][1]})" if pid in rss else "–" for pid in pids) + " |")
    lines += ["", "| kind | requests | errors | p50 | p95 | p99 |", "|---|---|---|---|---|---|"]
    summary = {}
    for kind in sorted(by_kind, key=lambda k: -len(by_kind[k])):
        times = [ms for ms, _ in by_kind[kind]]
        errors = sum(1 for _, status in by_kind[kind] if not 200 <= status < 400)
        summary[kind] = {"requests": len(times), "errors": errors, "p50": percentile(times, 0.5),
                         "p95": percentile(times, 0.95), "p99": percentile(times, 0.99)}
        lines.append(f"| {kind} | {len(times):,} | {errors} | {summary[kind]['p50']:.0f} ms | "
                     f"{summary[kind]['p95']:.0f} ms | {summary[kind]['p99']:.0f} ms |")
    search = [ms for kind in SEARCH_KINDS for ms, _ in by_kind.get(kind, [])]
    clerk_kind = next((kind for kind in by_kind if kind.endswith("(XLSX)")), None)
    clerk_times = [ms / 1000 for ms, _ in by_kind.get(clerk_kind, [])]
    errors = sum(s["errors"] for s in summary.values())
    flat: dict[int, list] = {}  # pid -> [(second minute, last minute, within 5 %) for RSS and for its heap part]
    if len(memory) >= 3:
        for pid in pids:
            second, last = memory[1].get(pid), memory[-1].get(pid)
            flat[pid] = [(second[n], last[n], abs(last[n] - second[n]) / second[n] <= 0.05) if second and last
                         else (0, 0, False) for n in (0, 1)]
    total = len(recorder.rows)
    goals = [
        ("search p95 ≤ 50 ms (all search kinds)", f"{percentile(search, 0.95):.0f} ms",
         percentile(search, 0.95) <= GOAL_SEARCH_P95_MS),
        (f"{clerk_kind or 'validity (XLSX)'}: ≤ 2 s for 10,000 (max)",
         f"{max(clerk_times, default=float('nan')):.2f} s",
         bool(clerk_times) and max(clerk_times) <= GOAL_VALIDITY_S),
        ("no errors", f"{errors} of {total:,}", errors == 0),
        ("flat memory: RSS of the last minute within 5 % of the second",
         ", ".join(f"{rss[0]} → {rss[1]} MB" for rss, _ in flat.values()) or "too short",
         bool(flat) and all(rss[2] for rss, _ in flat.values())),
        ("flat memory: heap (anonymous RSS), the same",
         ", ".join(f"{heap[0]} → {heap[1]} MB" for _, heap in flat.values()) or "too short",
         bool(flat) and all(heap[2] for _, heap in flat.values())),
    ]
    lines += ["", "| goal | measured | held |", "|---|---|---|"]
    lines += [f"| {goal} | {measured} | {'yes' if ok else '**no**'} |" for goal, measured, ok in goals]
    lines += ["", f"{total:,} requests in {args.duration} s ({total / args.duration:.1f}/s), concurrency "
              f"{args.concurrency} + 1 clerk, {args.workers} gunicorn workers, {loaded.get('records', 0):,} editions"]
    return "\n".join(lines), {"summary": summary, "goals": goals, "memory": memory, "loaded": loaded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--limit", type=int, help="import only the first N records of the generated catalogue")
    parser.add_argument("--database", help="default: biaozhun_load_<scale>[_<limit>]")
    parser.add_argument("--duration", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--load-only", action="store_true", help="set up the database and index, then stop")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = args.database or f"biaozhun_load_{args.scale}" + (f"_{args.limit}" if args.limit else "")
    var = OUT / f"var-{database}"
    var.mkdir(exist_ok=True)
    index = var / "search"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "biaozhun.settings", "DATABASE_URL": f"{PGURL}/{database}",
           **django_env(), "ALLOWED_HOSTS": "127.0.0.1",
           "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "BIAOZHUN_CACHE": "database",
           "BIAOZHUN_VAR_DIR": str(var), "BIAOZHUN_SEARCH_PATH": str(index),
           "BIAOZHUN_API_ANON_RATE": "100000000/minute", "LOG_LEVEL": "WARNING",
           # Plain http on one host; the page rate limits would turn the steady load into 429s.
           "SECURE_SSL_REDIRECT": "0", "BIAOZHUN_RATE_SEARCH": "off", "BIAOZHUN_RATE_VALIDITY": "off"}
    loaded = load(env, database, source_file(args.scale, args.seed, args.limit), index)
    if args.load_only:
        print(f"loaded: {loaded}")
        return
    data = samples(database, args.seed)
    site = Site(env, args.workers, var)
    recorder, stop, memory = Recorder(), threading.Event(), []
    try:
        kinds = mix(data)
        threads = [threading.Thread(target=client, args=(site.base, kinds, args.seed + n, stop, recorder))
                   for n in range(args.concurrency)]
        threads.append(threading.Thread(target=clerk, args=(site.base, data["validity"], stop, recorder)))
        for thread in threads:
            thread.start()
        time.sleep(WARM_UP)
        recorder.start, recorder.counting = time.monotonic(), True
        for minute in range(1, args.duration // 60 + 1):
            time.sleep(max(recorder.start + 60 * minute - time.monotonic(), 0))
            memory.append(site.workers())
            print(f"minute {minute}: {len(recorder.rows):,} requests so far; workers (RSS, heap) {memory[-1]} MB",
                  flush=True)
        time.sleep(max(recorder.start + args.duration - time.monotonic(), 0))
        recorder.counting = False
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
    finally:
        stop.set()
        site.stop()
    table, raw = report(recorder, memory, args, loaded)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"load-{stamp}.json").write_text(json.dumps({**raw, "rows": recorder.rows, "args": vars(args)},
                                                       ensure_ascii=False))
    print(table)


if __name__ == "__main__":
    main()
