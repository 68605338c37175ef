"""Search engine time on the national-scale index: a mixed query set, ranked top 20 + total + facet counts.

    DATABASE_URL=sqlite:///bench/out/db-national/bench.sqlite3 BIAOZHUN_SEARCH_PATH=/tmp/search-national \\
        SECRET_KEY=bench DEBUG=0 .venv/bin/python manage.py search_rebuild          # once (~7 min)
    .venv/bin/python bench/bench_search.py --path /tmp/search-national

Reports, per query class, the median and p95 of the engine's own time (SearchEngine.search: query, top 20,
exact total, all facets, highlighting) and, beside it, tantivy's bare BM25 top 20 + count for the same query
(the reference the engine's overhead is measured against). No database is needed: the index holds the hits.
Every repeat is computed afresh (the per-commit result cache is emptied first) unless --cached.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biaozhun.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from biaozhun.search.engine import SearchQuery  # noqa: E402
from biaozhun.search.queries import full_query  # noqa: E402
from biaozhun.search.tantivy_engine import TantivyEngine  # noqa: E402
from biaozhun.text import analyse  # noqa: E402

QUERIES: dict[str, list[SearchQuery]] = {
    "common 2-char": [SearchQuery(text=t) for t in ("要求", "技术", "方法", "规范", "安全", "检测")],
    "rare": [SearchQuery(text=t) for t in ("锂离子电池", "食品添加剂", "智能门锁", "电动汽车", "石墨烯", "光伏组件")],
    "1-char": [SearchQuery(text=t) for t in ("锂", "钢")],
    "number": [
        SearchQuery(text=t) for t in ("GB/T 19001", "19001", "gbt19001-2016", "DB11/T 1234", "ISO 9001", "GB 2760")
    ],
    "pinyin/initials": [SearchQuery(text=t) for t in ("lizidianchi", "shipintianjiaji", "lzdc", "spbz")],
    "filtered": [
        SearchQuery(text="要求", filters={"tier": ["national"], "status": ["current"]}),
        SearchQuery(text="电池", filters={"ccs1": ["K"]}),
        SearchQuery(text="", filters={"tier": ["local"], "province": ["11"]}),
        SearchQuery(text="安全", filters={"tier": ["group", "industry"]}),
        SearchQuery(text="", filters={"degree": ["IDT"]}),
    ],
    "typed without spaces": [SearchQuery(text=t) for t in ("质量管理体系要求", "锂离子电池安全要求", "电池安全",
                                                            "传导充电系统第1部分通用要求", "信息技术安全技术")],
    "advanced": [
        SearchQuery(text="电池", filters={"published_from": ["2015-01-01"], "published_to": ["2020-12-31"]}),
        SearchQuery(text="", filters={"responsible_unit": ["汽车标准化"]}),
        SearchQuery(text="要求", filters={"responsible_unit": ["标准化技术委员会"], "adopted": ["yes"]}),
        SearchQuery(text="", filters={"city": ["3301"], "fulltext": ["no"]}),
    ],
    "browse (no text)": [SearchQuery(text=""), SearchQuery(text="", sort="date")],
    "sorted": [SearchQuery(text="要求", sort="date"), SearchQuery(text="电池", sort="number")],
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", type=Path, required=True, help="the index PATH (BIAOZHUN_SEARCH_PATH)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cached", action="store_true",
                        help="let repeats hit the engine's per-commit result cache (default: compute every time)")
    args = parser.parse_args()
    engine = TantivyEngine(args.path)
    searcher = engine.index().searcher()
    print(f"index: {searcher.num_docs} documents, {searcher.num_segments} segments\n")
    print(f"{'class':18s} {'queries':>7s} {'median ms':>10s} {'p95 ms':>8s} {'bm25 top20+count median/p95':>30s}  totals")
    everything: list[float] = []
    for name, queries in QUERIES.items():
        times, bare, totals = [], [], []
        for query in queries:
            engine.search(query)  # warm
            tquery = full_query(engine.schema, analyse(query.text), query.filters)
            for _ in range(args.repeat):
                if not args.cached:
                    engine._results.clear()
                    engine._facet_cache.clear()
                result = engine.search(query)
                times.append(result.took_ms)
                started = time.perf_counter()
                searcher.search(tquery, 20)
                bare.append((time.perf_counter() - started) * 1000)
            totals.append(result.total)
        everything += times
        print(
            f"{name:18s} {len(queries):7d} {statistics.median(times):10.1f} {percentile(times, 0.95):8.1f} "
            f"{statistics.median(bare):20.1f} / {percentile(bare, 0.95):6.1f}  {totals}"
        )
    print(f"\nall queries: median {statistics.median(everything):.1f} ms, p95 {percentile(everything, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
