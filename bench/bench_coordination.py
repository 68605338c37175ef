"""The filing coordination check measured: precision and recall at 10, MRR and flag accuracy over the labelled set
(bench/data/coordination/), and the latency of all the checks of one filing.

    .venv/bin/python bench/bench_coordination.py                       # small catalogue (built once, ~2 min)
    .venv/bin/python bench/bench_coordination.py --catalogue national --latency 300 [--sweep] [--baseline]
        # the national-scale database of bench_import.py and an index of its own (built once: import of the
        # hand-made catalogue into that database, then search_rebuild: 5-17 min)

The small catalogue is the demo-scale generated catalogue plus the hand-made one, with generated-demo.jsonl; the
national one is the 3.44 M-edition generated catalogue plus the hand-made one, with generated-national.jsonl.
Each query is a filing (number, tier, title, scope); the check's candidates (coordination.candidates: at most 10,
above its thresholds) are compared with the relevant standards in force (a hand-made filing whose standards are
not in force in the catalogue is left out):

* P@10: of all candidates shown over the set, the share that are relevant (negatives included: everything shown
  to them counts against); macro P@10 averages it over the queries that show anything.
* R@10: per query with relevant standards, relevant shown / min(relevant, 10), averaged.
* MRR: the reciprocal rank of the first relevant candidate (0 if none shown), averaged over those queries.
* negatives clean: the share of negative queries shown nothing.
* "judged only": the hand-made queries meet generated standards nobody judged, some on their very subject
  (锅炉大气污染物排放标准 is a generated title too); these figures leave them out of the lists (condensed lists).
* flags: precision and recall of mandatory_conflict and national_exists per query, against the flags the labels
  call for (hand-made: written beside each pair; generated: a relevant national standard in force calls for
  national_exists, a mandatory one for a local filing mandatory_conflict).

--sweep prints the same figures over thresholds from one scoring pass; --param NAME=VALUE sets a constant for the
run (search.queries, text.overlap, filing.checks.coordination); --baseline scores the check as it was before
decision 0013 (title character pairs from the whole index, unweighted Dice, any status) for comparison.
--latency N times run_checks (all the checks) over N filings of the set, first, in the fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import django_env  # noqa: E402
from coordination_set import relevance_key  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DATA = ROOT / "bench" / "data" / "coordination"
FLAGS = ("mandatory_conflict", "national_exists")


def env_for(db: Path, index: Path) -> dict[str, str]:
    return {**os.environ, **django_env(ALLOWED_HOSTS="127.0.0.1"), "DJANGO_SETTINGS_MODULE": "biaozhun.settings",
            "DATABASE_URL": f"sqlite:///{db}", "BIAOZHUN_VAR_DIR": str(db.parent), "BIAOZHUN_SEARCH_PATH": str(index)}


def manage(env: dict[str, str], *command: str) -> None:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    print(f"  manage.py {command[0]}: {time.perf_counter() - started:.0f} s {done.stdout.strip()[-200:]}", flush=True)


def prepare(args) -> None:
    """Build what the catalogue needs, once (a stamp file beside the index says it is done)."""
    stamp = args.index / "coordination-prepared"
    if stamp.exists():
        return
    env = env_for(args.db, args.index)
    print(f"preparing {args.catalogue}: {args.db}, {args.index}", flush=True)
    if args.catalogue == "small":
        args.db.parent.mkdir(parents=True, exist_ok=True)
        demo = OUT / "catalogue-demo-2019.jsonl"
        if not demo.exists():
            subprocess.run([sys.executable, "bench/generate.py", "--scale", "demo", "--out", str(demo)], cwd=ROOT,
                           check=True, capture_output=True)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_reference")
        manage(env, "catalog_import", str(demo), "--no-progress")
    manage(env, "catalog_import", str(DATA / "hand-catalogue.jsonl"), "--no-progress")
    manage(env, "search_rebuild", "--no-progress")
    stamp.write_text(date.today().isoformat())


def setup_django(args) -> None:
    os.environ.update(env_for(args.db, args.index))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load_queries(path: Path, kind: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for row in rows:
        row["kind"] = kind
    return rows


def subject_of(query: dict, authority_id: int):
    from biaozhun.filing.checks import Subject
    from biaozhun.identifiers import parse

    parsed = parse(query["identifier"])
    edition = parsed.canonical
    code = parsed.industry_code if query["tier"] == "industry" else parsed.region_code
    return Subject(identifier=parsed.canonical, edition=edition, written_identifier=query["identifier"],
                   tier=query["tier"], code=code or "", year=parsed.year, nature=parsed.nature.value if parsed.nature
                   else "", title_zh=query["title_zh"], scope=query.get("scope", ""), published_on=date(2025, 6, 1),
                   replaces="", authority_id=authority_id, submitted_on=date(2025, 7, 1))


class Relevance:
    """Standards in force of the three tiers, by relevance key and by number."""

    def __init__(self) -> None:
        from biaozhun.catalog.models import Standard, Status

        rows = Standard.objects.filter(tier__in=["national", "industry", "local"],
                                       status__in=[Status.CURRENT, Status.UPCOMING]).values_list(
            "id", "identifier", "title_zh", "tier", "nature")
        self.by_key: dict[str, list[tuple]] = {}
        self.by_identifier: dict[str, tuple] = {}
        for row in rows.iterator(chunk_size=20000):
            self.by_key.setdefault(relevance_key(row[2]), []).append(row)
            self.by_identifier[row[1]] = row
        self.info = {row[0]: row for rows in self.by_key.values() for row in rows}
        with open(DATA / "hand-catalogue.jsonl", encoding="utf-8") as handle:
            numbers = [json.loads(line)["identifier"] for line in handle]
        self.judged = {self.by_identifier[n][0] for n in numbers if n in self.by_identifier}

    def relevant(self, query: dict) -> list[tuple]:
        allowed = {"industry": ("national", "industry"), "local": ("national", "industry", "local")}[query["tier"]]
        if query["kind"] == "hand":
            rows = [self.by_identifier[i] for i in query["relevant"] if i in self.by_identifier]
        elif query.get("source_title"):
            rows = self.by_key.get(relevance_key(query["source_title"]), [])
        else:
            rows = []
        return [row for row in rows if row[3] in allowed]

    @staticmethod
    def expected_flags(query: dict, relevant: list[tuple]) -> set[str]:
        if query["kind"] == "hand":
            return set(query["flags"])
        flags = set()
        for _id, _identifier, _title, tier, nature in relevant:
            if tier == "national" and nature == "mandatory" and query["tier"] == "local":
                flags.add("mandatory_conflict")
            elif tier == "national":
                flags.add("national_exists")
        return flags


def baseline_candidates(subject) -> list[dict]:
    """The check before decision 0013: title character pairs through the whole index (BM25), tier filter, any
    status, unweighted Dice over title bigrams 0.7 + scope 0.3, threshold 0.30, top 10."""
    from tantivy import Occur, Query

    from biaozhun.catalog.models import Standard
    from biaozhun.filing.checks import coordination
    from biaozhun.search.engine import get_engine
    from biaozhun.search.queries import closest_query
    from biaozhun.text import analyse
    from biaozhun.text.overlap import overlap as scored_overlap
    from biaozhun.text.similarity import title_units

    engine = get_engine()
    tquery = closest_query(engine.schema, analyse(subject.title_zh))
    if tquery is None:
        return []
    tiers = [str(t) for t in coordination.TIERS[subject.tier]]
    tier_filter = Query.const_score_query(Query.term_set_query(engine.schema, "tier", tiers), 0.0)
    searcher = engine._searcher()[0]
    found = searcher.search(Query.boolean_query([(Occur.Must, tquery), (Occur.Must, tier_filter)]), 50)
    ids = [searcher.doc(address).get_first("sid") for _score, address in found.hits]
    rows = Standard.objects.filter(pk__in=ids).values("id", "identifier", "title_zh", "scope", "tier", "nature",
                                                       "status")
    out = []
    for row in rows:
        a, b = title_units(subject.title_zh), title_units(row["title_zh"])
        total = sum(a.values()) + sum(b.values())
        title = 2 * sum((a & b).values()) / total if total else 0.0
        score = title
        if subject.scope.strip() and row["scope"].strip():
            scope = scored_overlap(subject.scope, "", row["scope"], "").title  # unweighted Dice of the scopes
            score = 0.7 * title + 0.3 * scope
        flag = coordination._flag(subject, row, score)
        out.append({"standard_id": row["id"], "score": round(score, 4), "flag": flag})
    out.sort(key=lambda c: -c["score"])
    return out


def score_all(queries: list[dict], authority_id: int, baseline: bool) -> list[dict]:
    """Every query's candidates with scores, no threshold and no cut (thresholds are applied afterwards), and
    the ids the index returned before scoring."""
    from biaozhun.filing.checks import coordination

    results = []
    for query in queries:
        subject = subject_of(query, authority_id)
        if baseline:
            ranked = baseline_candidates(subject)
            retrieved = {c["standard_id"] for c in ranked}
        else:
            compared, rows, title_weight, scope_weight = coordination.retrieve(subject)
            retrieved = {row["id"] for row in rows}
            ranked = coordination.rank(compared, rows, title_weight, scope_weight, min_score=0.0, relative=0.0,
                                       shown=1000)
        results.append({"query": query, "ranked": ranked, "retrieved": retrieved})
    return results


def flags_at(subject_tier: str, shown: list[dict], conflict: float, national: float, baseline: bool,
             info: dict) -> set[str]:
    flags = set()
    for candidate in shown:
        row = info.get(candidate["standard_id"])
        if row is None:  # not in force
            continue
        _id, _identifier, _title, tier, nature = row
        if tier != "national":
            continue
        if subject_tier == "local" and nature == "mandatory" and candidate["score"] >= conflict:
            flags.add("mandatory_conflict")
        elif candidate["score"] >= national:
            flags.add("national_exists")
    return flags


def measure(results: list[dict], relevance: Relevance, *, min_score: float, conflict: float, national: float,
            relative: float = 0.0, condensed: bool = False, baseline: bool = False, shown_max: int = 10) -> dict:
    """The figures of the module docstring at these thresholds. condensed: the hand-made queries' lists without
    the generated standards nobody judged, as if the catalogue held only judged ones there (condensed lists)."""
    shown_total = relevant_shown_total = 0
    precisions, recalls, reciprocal, retrieval = [], [], [], []
    negatives = clean = 0
    flag_counts = {flag: [0, 0, 0] for flag in FLAGS}  # true positives, false positives, false negatives
    skipped = 0
    for result in results:
        query = result["query"]
        relevant = relevance.relevant(query)
        relevant_ids = {row[0] for row in relevant}
        if query["kind"] == "hand" and query["relevant"] and not relevant_ids:
            skipped += 1  # its standards are not in force in this catalogue (a generated edition replaced them)
            continue
        ranked = result["ranked"]
        if condensed and query["kind"] == "hand":
            ranked = [c for c in ranked if c["standard_id"] in relevance.judged]
        best = ranked[0]["score"] if ranked else 0.0
        cut = max(min_score, relative * best)
        shown = [c for c in ranked if c["score"] >= cut][:shown_max]
        hits = [c["standard_id"] in relevant_ids for c in shown]
        shown_total += len(shown)
        relevant_shown_total += sum(hits)
        if relevant_ids:
            if shown:
                precisions.append(sum(hits) / len(shown))
            recalls.append(sum(hits) / min(len(relevant_ids), shown_max))
            reciprocal.append(next((1 / (i + 1) for i, hit in enumerate(hits) if hit), 0.0))
            retrieval.append(len(relevant_ids & result["retrieved"]) / len(relevant_ids))
        else:
            negatives += 1
            clean += not shown
        expected = Relevance.expected_flags(query, relevant)
        got = flags_at(query["tier"], shown, conflict, national, baseline, relevance.info)
        for flag in FLAGS:
            counts = flag_counts[flag]
            counts[0] += flag in got and flag in expected
            counts[1] += flag in got and flag not in expected
            counts[2] += flag not in got and flag in expected
    mean = statistics.fmean
    out = {
        "queries": len(results) - skipped, "positives": len(recalls), "negatives": negatives,
        "P@10": relevant_shown_total / shown_total if shown_total else 0.0,
        "P@10 macro": mean(precisions) if precisions else 0.0, "R@10": mean(recalls) if recalls else 0.0,
        "MRR": mean(reciprocal) if reciprocal else 0.0, "shown/query": shown_total / max(len(results) - skipped, 1),
        "negatives clean": clean / negatives if negatives else 1.0,
        "retrieved": mean(retrieval) if retrieval else 0.0,
    }
    for flag, (tp, fp, fn) in flag_counts.items():
        out[f"{flag} P"] = tp / (tp + fp) if tp + fp else 1.0
        out[f"{flag} R"] = tp / (tp + fn) if tp + fn else 1.0
        out[f"{flag} n"] = tp + fn
    return out


def authority() -> int:
    """A provincial bureau for the checks that read the submitter (ownership)."""
    from biaozhun.accounts.models import Organisation, OrganisationKind

    found = Organisation.objects.filter(name="基准测试省市场监督管理局").first()
    if found is None:
        found = Organisation.objects.create(kind=OrganisationKind.BUREAU, name="基准测试省市场监督管理局", region_code="11")
    return found.pk


def latency(queries: list[dict], authority_id: int, count: int) -> tuple[float, float, float, float]:
    """(first call, median, p95, max) in ms of run_checks over `count` filings after the first (each filing once
    while there are enough)."""
    from biaozhun.filing.checks import run_checks

    subjects = [subject_of(q, authority_id) for q in queries]
    subjects = (subjects * (count // len(subjects) + 1))[:count + 1]
    started = time.perf_counter()
    run_checks(subjects[0])
    first = (time.perf_counter() - started) * 1000
    times = []
    for subject in subjects[1:]:
        started = time.perf_counter()
        run_checks(subject)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return first, statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


def table(rows: list[tuple[str, dict]]) -> None:
    keys = ["queries", "positives", "negatives", "P@10", "P@10 macro", "R@10", "MRR", "negatives clean",
            "shown/query", "retrieved", "mandatory_conflict P", "mandatory_conflict R", "mandatory_conflict n",
            "national_exists P", "national_exists R", "national_exists n"]
    print("| set | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, figures in rows:
        cells = [f"{figures[k]:.3f}" if isinstance(figures[k], float) else str(figures[k]) for k in keys]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalogue", choices=("small", "national"), default="small")
    parser.add_argument("--db", type=Path, help="SQLite database (default: per catalogue, under bench/out)")
    parser.add_argument("--index", type=Path, help="search index PATH (default: per catalogue, under bench/out)")
    parser.add_argument("--latency", type=int, default=0, help="time run_checks over this many filings")
    parser.add_argument("--baseline", action="store_true", help="the check as it was before decision 0013")
    parser.add_argument("--sweep", action="store_true", help="figures over thresholds")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="set a constant of search.queries, text.overlap or filing.checks.coordination")
    args = parser.parse_args()
    if args.catalogue == "small":
        args.db = args.db or OUT / "coordination-small" / "bench.sqlite3"
        args.index = args.index or OUT / "coordination-small" / "search"
        generated = DATA / "generated-demo.jsonl"
    else:
        args.db = args.db or OUT / "db-national" / "bench.sqlite3"
        args.index = args.index or OUT / "search-national-coordination"
        generated = DATA / "generated-national.jsonl"
    args.db, args.index = args.db.resolve(), args.index.resolve()
    prepare(args)
    setup_django(args)

    from biaozhun.filing.checks import coordination
    from biaozhun.search import queries as search_queries
    from biaozhun.text import overlap

    for assignment in args.param:
        name, value = assignment.split("=", 1)
        module = next(m for m in (search_queries, overlap, coordination) if hasattr(m, name))
        setattr(module, name, value == "True" if isinstance(getattr(module, name), bool)
                else type(getattr(module, name))(value))
        print(f"{module.__name__}.{name} = {value}")
    authority_id = authority()
    sets = {"hand-made": load_queries(DATA / "hand-filings.jsonl", "hand"),
            "generated": load_queries(generated, "generated")}
    if args.latency:  # first, in a process whose caches hold nothing of these filings yet
        queries = sets["generated"] + sets["hand-made"]
        first, median, p95, worst = latency(queries, authority_id, args.latency)
        print(f"run_checks, {args.latency} filings: first {first:.1f} ms, then median {median:.1f} ms, "
              f"p95 {p95:.1f} ms, max {worst:.1f} ms", flush=True)
    started = time.perf_counter()
    relevance = Relevance()
    print(f"relevance: {len(relevance.info):,} standards in force ({time.perf_counter() - started:.1f} s)", flush=True)
    scored = {}
    for name, queries in sets.items():
        started = time.perf_counter()
        scored[name] = score_all(queries, authority_id, args.baseline)
        print(f"{name}: {len(queries)} queries scored in {time.perf_counter() - started:.1f} s", flush=True)
    scored["all"] = scored["hand-made"] + scored["generated"]
    thresholds = {"min_score": coordination.MIN_SCORE, "conflict": coordination.CONFLICT_SCORE,
                  "national": coordination.NATIONAL_SCORE, "relative": getattr(coordination, "RELATIVE", 0.0)}
    if args.baseline:
        thresholds = {"min_score": 0.30, "conflict": 0.50, "national": 0.60, "relative": 0.0}
    print(f"\n{args.catalogue} catalogue, {'baseline' if args.baseline else 'the check'}, {thresholds}")
    table([(name, measure(results, relevance, baseline=args.baseline, **thresholds))
           for name, results in scored.items()]
          + [("hand-made, judged only", measure(scored["hand-made"], relevance, condensed=True,
                                               baseline=args.baseline, **thresholds))])
    if args.sweep:
        for name in ("hand-made", "hand-made, judged only", "generated", "all"):
            condensed = name == "hand-made, judged only"
            results = scored["hand-made" if condensed else name]
            rows = []
            for min_score in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
                rows.append((f"{name} ≥{min_score}", measure(results, relevance, **{
                    **thresholds, "min_score": min_score}, condensed=condensed, baseline=args.baseline)))
            for relative in (0.0, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
                rows.append((f"{name} ≥{relative} × best", measure(results, relevance, **{
                    **thresholds, "relative": relative}, condensed=condensed, baseline=args.baseline)))
            print()
            table(rows)
        for name in ("all",):
            rows = []
            for flag_score in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
                rows.append((f"{name} flags ≥{flag_score}", measure(
                    scored[name], relevance, **{**thresholds, "conflict": flag_score, "national": flag_score},
                    baseline=args.baseline)))
            print()
            table(rows)


if __name__ == "__main__":
    main()
