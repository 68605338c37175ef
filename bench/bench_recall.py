"""Recall of Chinese queries at national scale: the index against a plain substring scan of the titles.

    .venv/bin/python bench/bench_recall.py --db bench/out/db-national/bench.sqlite3 \
        --index bench/out/search-national [--queries 200] [--seed 3]

Picks deterministic query strings of 1–6 CJK characters from random titles of the bench database (plus a few
common terms), and for each compares every standard id the index returns (not just a page) with
`SELECT id FROM catalog_standard WHERE instr(title_zh, ?) > 0`. Prints recall and precision overall (micro,
over all expected ids) and per query (macro), and the worst queries. Issue 3: a Chinese query must find every
record whose title contains it, 2-character queries included.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMON = ["要求", "技术", "方法", "规范", "安全", "检测", "电池", "部分", "第", "的", "锂离子电池", "食品添加剂"]


def pick_queries(db: sqlite3.Connection, count: int, seed: int) -> list[str]:
    from biaozhun.text import cjk_runs

    rng = random.Random(seed)
    last = db.execute("SELECT max(id) FROM catalog_standard").fetchone()[0]
    queries: list[str] = list(COMMON)
    seen = set(queries)
    while len(queries) < count:
        row = db.execute("SELECT title_zh FROM catalog_standard WHERE id >= ? ORDER BY id LIMIT 1",
                         (rng.randint(1, last),)).fetchone()
        runs = [run for run in cjk_runs(row[0] or "") if run] if row else []
        if not runs:
            continue
        run = rng.choice(runs)
        length = min(rng.randint(1, 6), len(run))
        start = rng.randint(0, len(run) - length)
        query = run[start : start + length]
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


def index_ids(engine, text: str) -> set[int]:
    """Every standard the engine matches for `text` (the same query as the search page, all hits)."""
    from biaozhun.search.queries import full_query
    from biaozhun.text import analyse

    searcher = engine._searcher()[0]
    query = full_query(engine.schema, analyse(text), {})
    total = searcher.search(query, 1, count=True).count
    if not total:
        return set()
    found = searcher.search(query, total, count=False)
    return set(searcher.fast_field_values("sid", [address for _score, address in found.hits]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from biaozhun.search.tantivy_engine import TantivyEngine

    db = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    engine = TantivyEngine(Path(args.index).resolve())
    queries = pick_queries(db, args.queries, args.seed)

    rows = []
    scan_s = index_s = 0.0
    for query in queries:
        start = time.perf_counter()
        expected = {r[0] for r in db.execute("SELECT id FROM catalog_standard WHERE instr(title_zh, ?) > 0", (query,))}
        scan_s += time.perf_counter() - start
        start = time.perf_counter()
        got = index_ids(engine, query)
        index_s += time.perf_counter() - start
        found = len(expected & got)
        rows.append((query, len(expected), len(got), found))

    expected_all = sum(r[1] for r in rows)
    got_all = sum(r[2] for r in rows)
    found_all = sum(r[3] for r in rows)
    recall = [r[3] / r[1] if r[1] else 1.0 for r in rows]
    precision = [r[3] / r[2] if r[2] else 1.0 for r in rows]
    by_length: dict[int, list[int]] = {}
    for query, exp, got, found in rows:
        entry = by_length.setdefault(len(query), [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += exp
        entry[2] += got
        entry[3] += found

    print(f"{len(rows)} queries (seed {args.seed}), {expected_all:,} expected ids, {got_all:,} returned")
    print(f"recall    {found_all / expected_all:.6f} overall (micro), {sum(recall) / len(rows):.6f} mean per query, "
          f"{sum(r == 1.0 for r in recall)}/{len(rows)} queries complete")
    print(f"precision {found_all / got_all:.6f} overall (micro), {sum(precision) / len(rows):.6f} mean per query, "
          f"{sum(p == 1.0 for p in precision)}/{len(rows)} queries exact")
    print(f"{'chars':>5}{'queries':>9}{'expected':>12}{'returned':>12}{'recall':>10}{'precision':>11}")
    for length in sorted(by_length):
        n, exp, got, found = by_length[length]
        print(f"{length:>5}{n:>9}{exp:>12,}{got:>12,}{found / exp if exp else 1:>10.6f}{found / got if got else 1:>11.6f}")
    print(f"time: substring scan {scan_s:.1f} s, index {index_s:.1f} s (all ids, not a page)")
    worst = sorted(zip(recall, precision, rows, strict=True), key=lambda x: (min(x[0], x[1]), -x[2][1]))
    print(f"worst {args.worst}:")
    for rec, prec, (query, exp, got, _found) in worst[: args.worst]:
        print(f"  {query!r:<16} expected {exp:>8,} returned {got:>8,} recall {rec:.4f} precision {prec:.4f}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biaozhun.settings")
    main()
