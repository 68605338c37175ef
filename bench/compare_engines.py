"""Compare SQLite FTS5, PostgreSQL full-text (ts_rank, and RUM <=> when installed) and tantivy-py on the same
titles indexed as CJK bigrams: ranked top 20 + exact total, for a common 2-character term, a rare term, a number
and a filtered query; and tantivy facet counts (terms aggregation) over large hit sets.

    .venv/bin/python bench/compare_engines.py --records 1000000 --engines fts5,tantivy,pg
    .venv/bin/python bench/compare_engines.py --records 0 ...        # 0 = the whole file (3.44 M)

Figures go to docs/decisions/0004-search-engine.md. PostgreSQL: DSN from --pg (database search_bench).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from biaozhun.text import cjk_bigrams, compact, query_bigrams  # noqa: E402

QUERIES = {  # name -> (bigrams of the query, tier filter or None)
    "common 2-char (要求)": (["要求"], None),
    "rare (锂离子电池)": (query_bigrams("锂离子电池"), None),
    "number (19001)": (["#19001"], None),
    "filtered (安全, tier=national)": (["安全"], "national"),
}


def load(path: Path, limit: int):
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            r = json.loads(line)
            ident = r["identifier"]
            match = re.search(r"[ /](\d+(?:\.\d+)*)", ident)
            number = match.group(1) if match else ""
            tokens = cjk_bigrams(r.get("title_zh") or "") + [f"#{number}", f"#{compact(ident)}"]
            tier = "national" if ident.startswith("GB") else "other"
            rows.append((n + 1, " ".join(tokens), tier))
    return rows


def timed(fn, repeat=7):
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def bench_fts5(rows, workdir):
    db = sqlite3.connect(workdir / "fts.sqlite3")
    db.execute("create virtual table t using fts5(tokens, tier unindexed, tokenize=\"unicode61 tokenchars '#.-'\")")
    t = time.perf_counter()
    db.executemany("insert into t(rowid, tokens, tier) values (?,?,?)", rows)
    db.commit()
    build = time.perf_counter() - t
    out = {}
    for name, (tokens, tier) in QUERIES.items():
        match = '"' + " ".join(tokens) + '"'
        where = "t match ?" + (" and tier = ?" if tier else "")
        args = (match, tier) if tier else (match,)

        def run(where=where, args=args):
            top = db.execute(f"select rowid from t where {where} order by rank limit 20", args).fetchall()  # noqa: S608
            total = db.execute(f"select count(*) from t where {where}", args).fetchone()[0]  # noqa: S608
            return len(top), total

        out[name] = timed(run)
    return build, out


def bench_pg(rows, dsn, rum):
    import psycopg

    conn = psycopg.connect(dsn, autocommit=True)
    conn.execute("drop table if exists t")
    conn.execute("create table t (id int primary key, tier text, tsv tsvector)")
    t = time.perf_counter()
    with conn.cursor() as cur, cur.copy("copy t (id, tier, tsv) from stdin") as copy:
        for rid, tokens, tier in rows:
            copy.write_row((rid, tier, " ".join(f"'{tok}':{i + 1}" for i, tok in enumerate(tokens.split()))))
    if rum:
        conn.execute("create extension if not exists rum")
        conn.execute("create index t_tsv on t using rum (tsv rum_tsvector_ops)")
    else:
        conn.execute("create index t_tsv on t using gin (tsv)")
    conn.execute("vacuum analyze t")
    build = time.perf_counter() - t
    out = {}
    for name, (tokens, tier) in QUERIES.items():
        query = " <-> ".join(f"'{tok}'" for tok in tokens)
        filt = " and tier = %(tier)s" if tier else ""
        order = "tsv <=> q" if rum else "ts_rank(tsv, q) desc"

        def run(query=query, filt=filt, order=order, tier=tier):
            args = {"q": query, "tier": tier}
            top = conn.execute(
                f"select id from t, cast(%(q)s as tsquery) q where tsv @@ q{filt} order by {order} limit 20",  # noqa: S608
                args,
            ).fetchall()
            total = conn.execute(
                f"select count(*) from t, cast(%(q)s as tsquery) q where tsv @@ q{filt}", args  # noqa: S608
            ).fetchone()[0]
            return len(top), total

        out[name] = timed(run)
    return build, out


def bench_tantivy(rows, workdir):
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("tokens", tokenizer_name="whitespace")
    sb.add_text_field("tier", tokenizer_name="raw", fast=True)
    schema = sb.build()
    (workdir / "tantivy").mkdir()
    index = tantivy.Index(schema, path=str(workdir / "tantivy"))
    writer = index.writer(heap_size=512_000_000)
    t = time.perf_counter()
    for _rid, tokens, tier in rows:
        doc = tantivy.Document()
        doc.add_text("tokens", tokens)
        doc.add_text("tier", tier)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - t
    searcher = index.searcher()
    out = {}
    for name, (tokens, tier) in QUERIES.items():
        q = tantivy.Query.term_query(schema, "tokens", tokens[0]) if len(tokens) == 1 else (
            tantivy.Query.phrase_query(schema, "tokens", tokens))
        if tier:
            q = tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, tantivy.Query.const_score_query(
                tantivy.Query.term_query(schema, "tier", tier), 0.0))])

        def run(q=q):
            found = searcher.search(q, 20)
            return len(found.hits), found.count

        out[name] = timed(run)

        def facets(q=q):
            buckets = searcher.aggregate(q, {"tier": {"terms": {"field": "tier"}}})["tier"]["buckets"]
            return len(buckets), sum(b["doc_count"] for b in buckets)

        out[name + " (facet count only)"] = timed(facets)
    return build, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jsonl", type=Path, default=Path("bench/out/catalogue-national-2019.jsonl"))
    parser.add_argument("--records", type=int, default=1_000_000, help="0 = all")
    parser.add_argument("--engines", default="fts5,tantivy,pg")
    parser.add_argument("--pg", default="postgresql://biaozhun:biaozhun@localhost/search_bench")
    parser.add_argument("--rum", action="store_true", help="PostgreSQL with a RUM index ordered by <=>")
    args = parser.parse_args()
    rows = load(args.jsonl, args.records)
    print(f"{len(rows)} records", flush=True)
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        for engine in args.engines.split(","):
            if engine == "fts5":
                build, out = bench_fts5(rows, Path(tmp))
            elif engine == "tantivy":
                build, out = bench_tantivy(rows, Path(tmp))
            else:
                build, out = bench_pg(rows, args.pg, args.rum)
                engine = "pg-rum" if args.rum else "pg-ts_rank"
            print(f"\n{engine}: build {build:.0f} s")
            for name, (ms, (top, total)) in out.items():
                print(f"  {name:38s} {ms:9.1f} ms   top {top}, total {total}", flush=True)


if __name__ == "__main__":
    main()
