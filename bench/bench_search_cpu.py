"""CPU cost of a search API request in one process, for comparing designs on a machine shared with other work.

    .venv/bin/python bench/bench_search_cpu.py --database-url postgres://biaozhun:biaozhun@127.0.0.1:5432/DB \
        --index bench/out/var-DB/search [--queries 1000] [--runs 5] \
        [--compare /tmp/before:bench/out/before-index]    # interleaved with another checkout and its index

Wall-clock figures (wrk over HTTP) swing by a third when other processes share the two cores; the CPU time a
process spends on the same requests moves much less. Each measurement is a fresh child process that imports the
code of its root (this checkout, or the --compare root), opens its index, warms up on 200 other tail queries,
then sends `--queries` long-tail queries (the HTTP benchmark's, bench_search_http.tail_queries: the last ones of
its 3,000) through the WSGI application — the lean way, as gunicorn's workers do — once without and once with
`facets=true`, caches emptied before each pass, and reports the process's CPU time (user + system) per request,
and the part of it spent counting facets (tantivy_engine.count_facets, in both versions).
Children of the two roots alternate, `--runs` each; medians and the ratio are printed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("results", "facets", "count_facets")


def child(root: str, index: str, database_url: str, queries: int) -> None:
    """Runs in the child: prints {"results": ms, "facets": ms} (CPU per request)."""
    sys.path.insert(0, root)
    sys.path.insert(1, str(ROOT / "bench"))
    from bench_search_http import tail_queries
    from benchenv import django_env

    os.environ.update(django_env(ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", DATABASE_URL=database_url,
                                 BIAOZHUN_API_ANON_RATE="100000000/minute", BIAOZHUN_SEARCH_PATH=index))
    os.environ["DJANGO_SETTINGS_MODULE"] = "biaozhun.settings"
    import warnings

    warnings.simplefilter("ignore")  # no collected static files here
    from biaozhun.search.engine import get_engine
    from biaozhun.wsgi import application

    tail = tail_queries(database_url, 3000)

    def call(params: dict) -> None:
        status = []
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/api/v1/search/", "QUERY_STRING": urllib.parse.urlencode(params),
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
                   "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
                   "REMOTE_ADDR": "127.0.0.1"}
        b"".join(application(environ, lambda s, _headers: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{params}: {status[0]}")

    for params in tail[:200]:
        call(params)
        call({**params, "facets": "true"})
    engine = get_engine()
    import biaozhun.search.tantivy_engine as engine_module

    counting = engine_module.count_facets
    spent = [0.0]

    def timed(*args, **kwargs):  # the facet step alone (CPU), inside the requests with facets
        start = time.process_time()
        try:
            return counting(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    engine_module.count_facets = timed
    out = {}
    for name, extra in (("results", {}), ("facets", {"facets": "true"})):
        engine._results.clear()
        engine._facet_cache.clear()
        spent[0] = 0.0
        start = time.process_time()
        for params in tail[-queries:]:
            call({**params, **extra})
        out[name] = (time.process_time() - start) / queries * 1000
    out["count_facets"] = spent[0] / queries * 1000
    print(json.dumps(out))


def measure(root: str, index: str, database_url: str, queries: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", root, "--index", index, "--database-url", database_url,
                           "--queries", str(queries)], capture_output=True, text=True, check=True, cwd=root)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compare", help="ROOT:INDEX of another checkout and the index its code reads (A/B)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.index, args.database_url, args.queries)
        return
    sides = {"this checkout": (str(ROOT), str(Path(args.index).resolve()))}
    if args.compare:
        root, _, index = args.compare.partition(":")
        sides = {"compared": (str(Path(root).resolve()), str(Path(index).resolve())), **sides}
    figures: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for run in range(args.runs):
        for name, (root, index) in sides.items():
            figures[name].append(measure(root, index, args.database_url, args.queries))
            print(f"run {run + 1} {name}: results {figures[name][-1]['results']:.3f} ms, "
                  f"with facets {figures[name][-1]['facets']:.3f} ms CPU per request "
                  f"(count_facets {figures[name][-1]['count_facets']:.3f} ms)", flush=True)
    medians = {name: {kind: statistics.median(f[kind] for f in runs) for kind in KINDS}
               for name, runs in figures.items()}
    for name, values in medians.items():
        print(f"{name}: median CPU per request, results only {values['results']:.3f} ms, "
              f"with facets {values['facets']:.3f} ms, of which count_facets {values['count_facets']:.3f} ms "
              f"({args.runs} runs of {args.queries} tail queries)")
    if args.compare:
        before, after = medians["compared"], medians["this checkout"]
        for kind in KINDS:
            print(f"ratio this checkout / compared, {kind}: {after[kind] / before[kind]:.2f}")


if __name__ == "__main__":
    main()
