"""Declaration search at national scale (issue 12: p95 ≤ 50 ms at 3.2M declarations / 5.3M products, embedded
SQLite), on the database bench/generate_declarations.py writes.

    .venv/bin/python bench/generate_declarations.py --scale 1            # once: ~15 min, ~10 GB
    .venv/bin/python bench/bench_declaration_search.py [--queries 400] [--runs 3] [--db ...] [--pages]

A realistic mix drawn (deterministically) from the data: fragments of enterprise names (2–4 characters), product
names and pieces of models, standard numbers in several spellings (dated, undated, compact, Q/ numbers), USCCs,
region filters alone (province, city, county) and with words, the flagged filter, browsing, and deep pages (keyset
`after` far down a common query). Each query is timed `--runs` times (bench/timing.py: the median of the runs) as
the selector answers it (page of 20 rows with enterprise and products + capped count); p50/p95/p99 are over the
queries' medians, overall and per kind. `--pages` also times the search page over Django's test client.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from benchenv import django_env
from timing import median_seconds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = ROOT / "bench/out/db-declarations/bench.sqlite3"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def fragment(rng: random.Random, text: str, low: int = 2, high: int = 4) -> str:
    size = min(len(text), rng.randint(low, high))
    start = rng.randint(0, len(text) - size)
    return text[start : start + size]


def query_mix(count: int, seed: int) -> list[tuple[str, dict]]:
    """(kind, search kwargs) pairs sampled from the database."""
    from django.db import connection

    from biaozhun.declarations.selectors.search import DeclarationQuery, Scope

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM declarations_declaration")
        top = cursor.fetchone()[0]
        sample_ids = [rng.randint(1, top) for _ in range(count * 2)]
        marks = ",".join("%s" for _ in sample_ids)
        cursor.execute(f"SELECT d.id, o.name, o.uscc, d.identifier, d.undated, d.region_code, d.title"  # noqa: S608
                       f" FROM declarations_declaration d JOIN accounts_organisation o ON o.id = d.enterprise_id"
                       f" WHERE d.id IN ({marks})", sample_ids)
        rows = cursor.fetchall()
        cursor.execute(f"SELECT p.name, p.model FROM declarations_declarationproduct dp JOIN declarations_product p"  # noqa: S608
                       f" ON p.id = dp.product_id WHERE dp.declaration_id IN ({marks})", sample_ids)
        products = cursor.fetchall()
    mix: list[tuple[str, dict]] = []
    kinds = ["enterprise", "enterprise", "product", "product", "model", "number", "number", "q_number", "uscc",
             "region", "region_words", "flagged", "browse", "deep", "title"]
    while len(mix) < count:
        kind = kinds[len(mix) % len(kinds)]
        d_id, name, uscc, identifier, undated, region, title = rng.choice(rows)
        product, model = rng.choice(products)
        if kind == "enterprise":
            q = DeclarationQuery(q=fragment(rng, name[2:-4] or name), scope=rng.choice([Scope.ALL, Scope.ENTERPRISE]))
        elif kind == "product":
            q = DeclarationQuery(q=product, scope=rng.choice([Scope.ALL, Scope.PRODUCT]))
        elif kind == "model":
            q = DeclarationQuery(q=fragment(rng, model, 4, 8))
        elif kind == "number":
            from biaozhun.datagen.declarations import CATALOGUE

            number = rng.choice(CATALOGUE)[0]
            q = DeclarationQuery(q=rng.choice([number, number.rsplit("-", 1)[0], number.replace("/", "").replace(" ", "")
                                               .rsplit("-", 1)[0].lower()]))
        elif kind == "q_number":
            q = DeclarationQuery(q=rng.choice([identifier, undated]))
        elif kind == "uscc":
            q = DeclarationQuery(q=uscc)
        elif kind == "region":
            q = DeclarationQuery(region=region[: rng.choice([2, 4, 6])])
        elif kind == "region_words":
            q = DeclarationQuery(q=rng.choice([product, fragment(rng, name[2:-4] or name)]), region=region[:rng.choice([2, 4])])
        elif kind == "flagged":
            q = DeclarationQuery(flagged=True, region=region[:2])
        elif kind == "browse":
            q = DeclarationQuery()
        elif kind == "deep":
            mix.append((kind, {"query": DeclarationQuery(q=product), "after": rng.randint(1, top)}))
            continue
        else:
            q = DeclarationQuery(q=fragment(rng, title, 2, 5), scope=Scope.STANDARD)
        mix.append((kind, {"query": q}))
    return mix


def report(title: str, timings: dict[str, list[float]]) -> None:
    everything = [t for values in timings.values() for t in values]
    print(f"\n{title}: {len(everything)} queries, ms")
    print(f"{'kind':<14}{'n':>5}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
    for kind, values in sorted(timings.items()) + [("ALL", everything)]:
        ms = [v * 1000 for v in values]
        print(f"{kind:<14}{len(ms):>5}{statistics.median(ms):>9.2f}{percentile(ms, 95):>9.2f}"
              f"{percentile(ms, 99):>9.2f}{max(ms):>9.2f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--pages", action="store_true", help="also time the search page over the test client")
    args = parser.parse_args(argv)
    os.environ.update(django_env(DJANGO_SETTINGS_MODULE="biaozhun.settings", DATABASE_URL=f"sqlite:///{args.db}",
                                 BIAOZHUN_VAR_DIR=str(args.db.parent), ALLOWED_HOSTS="testserver",
                                 SECURE_SSL_REDIRECT="0"))
    import django

    django.setup()
    from django.db import connection

    from biaozhun.declarations.selectors.search import search_declarations

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM declarations_declaration")
        print(f"declarations: {cursor.fetchone()[0]:,}")
    mix = query_mix(args.queries, args.seed)
    for _kind, kwargs in mix[:50]:  # warm the page cache as a running server's would be
        search_declarations(**kwargs)
    timings: dict[str, list[float]] = defaultdict(list)
    ways: dict[str, set[str]] = defaultdict(set)
    for kind, kwargs in mix:
        seconds, page = median_seconds(lambda kwargs=kwargs: search_declarations(**kwargs), args.runs)
        timings[kind].append(seconds)
        ways[kind].add(page.way.value)
    report(f"selector (median of {args.runs} runs per query)", timings)
    print("answered by:", {kind: sorted(way) for kind, way in sorted(ways.items())})
    if args.pages:
        from urllib.parse import urlencode

        from django.core.management import call_command
        from django.test import Client

        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        page_timings: dict[str, list[float]] = defaultdict(list)
        for kind, kwargs in mix[: max(60, args.queries // 4)]:
            q = kwargs["query"]
            params = {"q": q.q, "scope": q.scope.value}
            if len(q.region) == 2:
                params["province"] = q.region
            elif len(q.region) == 4:
                params["city"] = q.region
            elif q.region:
                params["county"] = q.region
            if q.flagged:
                params["flagged"] = "on"
            if kwargs.get("after"):
                params["after"] = kwargs["after"]
            url = "/declarations/?" + urlencode(params)
            seconds, response = median_seconds(lambda url=url: client.get(url), args.runs)
            assert response.status_code == 200, (url, response.status_code)
            page_timings[kind].append(seconds)
        report("search page over the test client", page_timings)


if __name__ == "__main__":
    main()
