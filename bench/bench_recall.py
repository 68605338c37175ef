"""Recall of Chinese queries at national scale: the index against a plain substring scan of the titles.

    .venv/bin/python bench/bench_recall.py --db bench/out/db-national/bench.sqlite3 \
        --index bench/out/search-national [--queries 200] [--seed 3]

Picks deterministic query strings of 1–6 CJK characters from random titles of the bench database (plus a few
common terms), and for each compares every standard id the index returns (not just a page) with a scan of every
title for the query, spaces and punctuation ignored on both sides (biaozhun.text.squeeze; issue 10), in memory.
Prints recall and precision overall (micro, over all expected ids) and per query (macro), and the worst queries.
Issue 3: a Chinese query must find every record whose title contains it, 2-character queries included.

    .venv/bin/python bench/bench_recall.py --typed --db ... --index ... [--queries 1000]

`--typed` (issue 10): queries typed the way people type them, substrings of real titles with their spaces removed,
most spanning a break between two elements (电动汽车 传导充电系统 -> 汽车传导充电), digits and Latin included. Both modes
also check precision against the plain definition "the title contains the query once spaces are ignored", over
each query's top 20 (the page a reader sees).
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
TYPED_COMMON = ["质量管理体系要求", "锂离子电池安全要求", "电池安全", "传导充电系统第1部分通用要求", "信息技术安全技术"]


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


def pick_typed_queries(db: sqlite3.Connection, count: int, seed: int) -> list[str]:
    """Substrings of random titles with their spaces removed; three in four span a space between two elements."""
    from biaozhun.text import cjk_runs, squeeze

    rng = random.Random(seed)
    last = db.execute("SELECT max(id) FROM catalog_standard").fetchone()[0]
    queries: list[str] = list(TYPED_COMMON)
    seen = set(queries)
    while len(queries) < count:
        row = db.execute("SELECT title_zh FROM catalog_standard WHERE id >= ? ORDER BY id LIMIT 1",
                         (rng.randint(1, last),)).fetchone()
        title = (row[0] or "") if row else ""
        if len(title) < 3:
            continue
        spaces = [i for i, c in enumerate(title) if c.isspace() and 0 < i < len(title) - 1]
        if spaces and rng.random() < 0.75:
            at = rng.choice(spaces)
            start, end = rng.randint(max(0, at - 6), at - 1), rng.randint(at + 2, min(len(title), at + 8))
        else:
            start = rng.randint(0, len(title) - 2)
            end = rng.randint(start + 2, min(len(title), start + 10))
        query = "".join(title[start:end].split())
        if cjk_runs(query) and len(squeeze(query)) >= 2 and query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


class SqueezedTitles:
    """Every title with spaces and punctuation removed, in one string, for a fast substring scan."""

    def __init__(self, db: sqlite3.Connection) -> None:
        import bisect

        from biaozhun.text import squeeze

        self._bisect = bisect.bisect_right
        self.ids: list[int] = []
        self.starts: list[int] = []
        self.titles: dict[int, str] = {}
        parts, position = [], 0
        for standard_id, title in db.execute("SELECT id, title_zh FROM catalog_standard ORDER BY id"):
            squeezed = squeeze(title or "")
            self.ids.append(standard_id)
            self.starts.append(position)
            self.titles[standard_id] = title or ""
            parts.append(squeezed)
            position += len(squeezed) + 1
        self.text = "\n".join(parts)

    def containing(self, query: str) -> set[int]:
        from biaozhun.text import squeeze

        needle = squeeze(query)
        found, start = set(), self.text.find(needle)
        while start != -1:
            found.add(self.ids[self._bisect(self.starts, start) - 1])
            start = self.text.find(needle, start + 1)
        return found


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
    parser.add_argument("--typed", action="store_true", help="space-free queries spanning title elements (issue 10)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from biaozhun.search.engine import SearchQuery
    from biaozhun.search.tantivy_engine import TantivyEngine

    db = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    engine = TantivyEngine(Path(args.index).resolve())
    queries = (pick_typed_queries if args.typed else pick_queries)(db, args.queries, args.seed)
    start = time.perf_counter()
    squeezed = SqueezedTitles(db)
    print(f"{len(squeezed.ids):,} titles squeezed in {time.perf_counter() - start:.1f} s")

    rows = []
    scan_s = index_s = 0.0
    strict_hits = strict_ok = 0
    for query in queries:
        start = time.perf_counter()
        expected = squeezed.containing(query)
        scan_s += time.perf_counter() - start
        start = time.perf_counter()
        got = index_ids(engine, query)
        index_s += time.perf_counter() - start
        found = len(expected & got)
        rows.append((query, len(expected), len(got), found))
        # The page a reader sees: does each of the top 20 contain the query once spaces (only) are ignored?
        typed = "".join(query.split())
        for hit in engine.search(SearchQuery(text=query, page_size=20)).hits:
            strict_hits += 1
            strict_ok += typed in "".join(squeezed.titles[hit.standard_id].split())

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
    if strict_hits:
        print(f"top-20 hits containing the query once spaces alone are ignored: {strict_ok:,}/{strict_hits:,} "
              f"({strict_ok / strict_hits:.6f}); the rest contain it once punctuation is ignored too")
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
    os.environ.setdefault("SECRET_KEY", "bench-only")
    main()
