"""Change propagation at national scale (issue 13; goal: abolishing a standard cited by 30,000 others flags them all
within 60 s, without blocking the request that abolished it).

    .venv/bin/python bench/bench_propagation.py [--citing 30000] [--runs 3] [--fresh]

Builds once (`--fresh` rebuilds) bench/out/db-propagation/bench.sqlite3 with the scene of bench/propagation_scene.py:
the catalogue's national, industry, local and group tiers at end-2023 size (269k editions, ~840k references),
GB/T 47777-2010 cited by `--citing` of them (dated and undated), its owners and the other things citing it.

Each run starts from a copy of that database, in processes of its own, as production runs:
1. the request: the committee's secretary concludes the periodic review of GB/T 47777-2010 with "abolish" through
   the page (Django's test client, DEBUG off, the database task backend): its time, and what it queued;
2. the task worker (`manage.py db_worker --batch`, started right after the request, emails to memory): its wall time
   from the request's commit until the queue is empty, and the change's own times (detected → every flag written);
   meanwhile another process reads a citing standard's page every 0.2 s, to show the site is not blocked;
Reported: median and spread of `--runs`, and the load average before and after each run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchenv import site_env

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench/out/db-propagation"
DB = OUT / "bench.sqlite3"


def env_for(db: Path) -> dict[str, str]:
    return {**os.environ, **site_env(db, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")}


def log(text: str) -> None:
    print(text, flush=True)


def build(citing: int) -> None:
    """The scene, written once into DB (in this process)."""
    os.environ.update(env_for(DB))
    import django

    django.setup()
    from django.core.management import call_command
    from propagation_scene import build as build_scene

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    names = build_scene(citing=citing, log=log)
    from biaozhun.core.db_statistics import refresh_statistics

    refresh_statistics()
    (OUT / "scene.json").write_text(json.dumps(names))
    log(f"scene built in {time.perf_counter() - started:.0f} s")


def request(db: Path) -> None:
    """Step 1, in its own process: the abolition through the page; prints its figures as JSON."""
    os.environ.update(env_for(db))
    import django

    django.setup()
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from biaozhun.accounts.models import User
    from biaozhun.catalog.models import Standard
    from biaozhun.core import clock

    names = json.loads((OUT / "scene.json").read_text())
    client = Client()
    client.force_login(User.objects.get(pk=names["secretary"]))
    url = f"/projects/reviews/{names['target']}/conclude/"
    for _ in range(2):  # a warm process, as a running site's: the secretary's review list first
        assert client.get(f"/projects/reviews/?committee={names['committee']}").status_code == 200
    started = time.perf_counter()
    response = client.post(url, {"conclusion": "abolish", "abolish_on": clock.today().isoformat(),
                                 "reason": "复审结论：废止", "committee": ""})
    took = time.perf_counter() - started
    assert response.status_code == 302, (response.status_code, response.content[:500])
    assert Standard.objects.get(pk=names["target"]).status == "abolished"
    queued = list(DBTaskResult.objects.values_list("task_path", flat=True))
    print(json.dumps({"request_ms": took * 1000, "queued": queued, "committed_at": time.time()}))


def probe(db: Path, identifier: str, stop: threading.Event, times: list[float]) -> None:
    """Read a citing standard's page every 0.2 s (its own process) while the worker runs."""
    code = ("import os,sys,time,django;django.setup();from django.test import Client;c=Client();"
            f"p='/std/{identifier}'\n"
            "while True:\n"
            " s=time.perf_counter();r=c.get(p);assert r.status_code==200;"
            "print((time.perf_counter()-s)*1000,flush=True);time.sleep(0.2)")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env_for(db), stdout=subprocess.PIPE,
                               text=True)
    while not stop.is_set():
        line = process.stdout.readline()
        if not line:
            break
        times.append(float(line))
    process.terminate()
    process.wait(timeout=10)


def figures(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        change = conn.execute("SELECT id, detected_at, finished_at, flag_count, counts FROM propagation_change "
                              "WHERE identifier = 'GB/T 47777-2010'").fetchone()
        owners = conn.execute("SELECT COUNT(DISTINCT owner_id) FROM propagation_flag WHERE change_id = ?",
                              [change[0]]).fetchone()[0]
        notified = conn.execute("SELECT MIN(at), MAX(at), COUNT(*) FROM propagation_changeevent WHERE change_id = ? "
                                "AND kind = 'notified'", [change[0]]).fetchone()
        batches = conn.execute("SELECT COUNT(*) FROM propagation_changeevent WHERE change_id = ? AND kind = 'flagged'",
                               [change[0]]).fetchone()[0]
        tasks = conn.execute("SELECT task_path, enqueued_at, started_at, finished_at, status, return_value FROM "
                             "django_tasks_database_dbtaskresult ORDER BY enqueued_at").fetchall()
        flagged = conn.execute("SELECT at, data FROM propagation_changeevent WHERE change_id = ? AND kind IN "
                               "('detected', 'flagged') ORDER BY id", [change[0]]).fetchall()

    def at(text: str) -> float:
        """A time the site stored: SQLite holds UTC without its offset (USE_TZ), whatever this process's zone."""
        from datetime import UTC, datetime

        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()

    steps = [(path.rsplit(".", 1)[-1], at(started) - at(queued), at(finished) - at(started), status, value)
             for path, queued, started, finished, status, value in tasks]
    per_step: dict[str, float] = {}
    for (before, _data), (after, data) in zip(flagged, flagged[1:], strict=False):
        source = json.loads(data)["source"]
        per_step[source] = per_step.get(source, 0) + at(after) - at(before)
    return {"tasks": steps, "per_step": per_step, "change_s": at(change[2]) - at(change[1]), "flags": change[3], "counts": json.loads(change[4]),
            "owners": owners, "batches": batches, "detected_at": at(change[1]), "finished_at": at(change[2]),
            "notified_owners": notified[2], "notify_s": (at(notified[1]) - at(notified[0])) if notified[2] else 0}


def run_once(number: int) -> dict:
    work = OUT / f"run-{number}.sqlite3"
    for path in OUT.glob(f"run-{number}.sqlite3*"):
        path.unlink()
    with sqlite3.connect(DB) as source, sqlite3.connect(work) as copy:
        source.backup(copy)
    load_before = os.getloadavg()[0]
    step = subprocess.run([sys.executable, __file__, "--request", str(work)], cwd=ROOT / "bench", env=env_for(work),
                          capture_output=True, text=True, check=True)
    asked = json.loads(step.stdout.strip().splitlines()[-1])
    names = json.loads((OUT / "scene.json").read_text())
    stop, page_times = threading.Event(), []
    reader = threading.Thread(target=probe, args=(work, names["citing_sample"], stop, page_times), daemon=True)
    reader.start()
    subprocess.run([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"], cwd=ROOT,
                   env=env_for(work), check=True, capture_output=True)
    worker_done = time.time()
    stop.set()
    reader.join(timeout=15)
    found = figures(work)
    for path in OUT.glob(f"run-{number}.sqlite3*"):
        path.unlink()
    return {**found, "request_ms": asked["request_ms"], "queued": asked["queued"],
            "commit_to_flags_s": found["finished_at"] - asked["committed_at"],
            "worker_wall_s": worker_done - asked["committed_at"], "load_before": load_before,
            "load_after": os.getloadavg()[0], "page_ms": page_times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--citing", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    parser.add_argument("--request", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    if args.request:
        request(Path(args.request))
        return
    if args.fresh:
        shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    if not DB.exists():
        build(args.citing)
        from django.db import connections

        connections.close_all()
    if not (OUT / "static" / "staticfiles.json").exists():  # the site's static files, as `make setup` does
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                       env=env_for(DB), check=True)
    main_runs(args.runs)


def main_runs(runs: int) -> None:
    if runs <= 0:
        return
    results = []
    for number in range(runs):
        result = run_once(number)
        results.append(result)
        pages = sorted(result["page_ms"][1:]) or [0]  # the first read is the probe process's cold start
        log(f"run {number + 1}: request {result['request_ms']:.0f} ms (queued {result['queued']}); "
            f"{result['flags']:,} flags {result['counts']} for {result['owners']:,} owners in "
            f"{result['batches']} batches; change detected → flagged {result['change_s']:.1f} s; request commit → "
            f"all flagged {result['commit_to_flags_s']:.1f} s; worker done {result['worker_wall_s']:.1f} s "
            f"(emails to {result['notified_owners']:,} owners {result['notify_s']:.1f} s); page reads during it: "
            f"{len(pages)}, median {statistics.median(pages):.0f} ms, p95 {pages[int(0.95 * (len(pages) - 1))]:.0f} ms, "
            f"max {pages[-1]:.0f} ms; load average "
            f"{result['load_before']:.1f} → {result['load_after']:.1f}")
        for name, waited, ran, status, value in result["tasks"]:
            log(f"    task {name}: waited {waited:.1f} s, ran {ran:.1f} s ({status}, returned {value})")
        log("    batches: " + ", ".join(f"{name} {took:.1f} s" for name, took in result["per_step"].items()))
    for key, label in (("request_ms", "request (ms)"), ("change_s", "change detected → all flagged (s)"),
                       ("commit_to_flags_s", "request commit → all flagged (s)"),
                       ("worker_wall_s", "request commit → worker done, emails sent (s)")):
        values = [r[key] for r in results]
        log(f"{label:<50} median {statistics.median(values):8.2f}   min {min(values):8.2f}   max {max(values):8.2f}")


if __name__ == "__main__":
    main()
