"""The adoption rate of international standards over the whole catalogue (issue 14; goal ≤ 2 s at national scale),
in a SQLite database of its own.

    .venv/bin/python bench/bench_adoption_rate.py [--iso 30000] [--adopting 40000] [--filler 300000]
                                                  [--references 600000] [--runs 7] [--fresh]

Builds (once; `--fresh` rebuilds) bench/out/db-adoption/bench.sqlite3: migrate, seed the reference tables, then in
bulk what the rate touches at national scale: `--iso` ISO/IEC editions (ISO, IEC and ISO/IEC; IS, TS, TR; ICS codes
of real fields; one in six an older edition replaced by a newer one of the same document), `--adopting` national
standards adopting them (IDT 55 %, MOD 30 %, NEQ 15 %; one in ten of a replaced ISO edition, so behind), plus
`--filler` other editions (industry and local) and `--references` normative references between the national ones,
so that the relation table is large and the adoptions are a small part of it, as in the real catalogue (the full
3.5M-edition catalogue of bench/generate.py takes too long to build for a rate that reads none of the rest).

Then, median of `--runs` (after one warm-up): the rate uncached (both queries and the arithmetic, with the ten-year
trend) by ICS field and by committee; the adoptions behind (count, and the first page); the candidates of one
field; and the page /international/adoption/ through Django's test client, cached (the catalogue unchanged).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchenv import open_site

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "bench/out/db-adoption/bench.sqlite3"
ICS = ("01.040.13", "03.120.10", "13.020.10", "13.020.50", "13.120", "25.040.40", "27.015", "29.020", "35.030",
       "35.240.01", "43.040.10", "67.050", "71.040.40", "75.160.20", "77.040.10", "91.140.90", "97.030")
PREFIXES = (("ISO", 0.55), ("IEC", 0.22), ("ISO/IEC", 0.08), ("ISO/TS", 0.07), ("ISO/TR", 0.05), ("IEC/TS", 0.03))
TODAY = datetime(2026, 6, 1, 10, 0)


def _pick(rng, weighted):
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


def _row(ident, *, tier, published, now, status="current", since=None, tc="", ics=(), nature=""):
    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.records import edition_key, encode_sort_key

    return Standard(identifier=ident.canonical, edition=edition_key(ident), undated=ident.undated, series=ident.series,
                    sort_key=encode_sort_key(ident), tier=tier, nature=nature, prefix=ident.prefix,
                    industry_code=ident.industry_code or "", region_code=ident.region_code or "",
                    number=ident.number, part=ident.part or "", year=ident.year, title_zh=f"标准 {ident.number}",
                    tc_code=tc, ics_codes=list(ics), status=status, status_since=since, published_on=published,
                    implemented_on=published + timedelta(days=180) if tier != "international" else None,
                    created_at=now, updated_at=now)


def load(args) -> None:  # noqa: C901 (one loader, step by step)
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.catalog.models import Standard, StandardRelation
    from biaozhun.identifiers import parse

    if Standard.objects.exists():
        return
    started = time.perf_counter()
    call_command("seed_reference", verbosity=0)
    rng = random.Random(2019)
    now = timezone.make_aware(datetime(2026, 1, 15, 12, 0))
    with transaction.atomic():
        isos, documents = [], []
        number = 10000
        while len(isos) < args.iso:
            number += 1
            prefix = _pick(rng, PREFIXES)
            tc = f"{prefix.split('/')[0]}/TC {rng.randrange(1, 330)}" if prefix != "ISO/IEC" else \
                f"ISO/IEC JTC 1/SC {rng.randrange(2, 45)}"
            ics = tuple(rng.sample(ICS, 2 if rng.random() < 0.2 else 1))
            first = date(rng.randrange(1995, 2025), rng.randrange(1, 13), 1)
            if rng.random() < 1 / 6 and first.year < 2022:  # an older edition, replaced by a newer one
                newer = date(rng.randrange(first.year + 2, 2026), rng.randrange(1, 13), 1)
                old = _row(parse(f"{prefix} {number}:{first.year}"), tier="international", published=first, now=now,
                           status="replaced", since=newer, tc=tc, ics=ics)
                new = _row(parse(f"{prefix} {number}:{newer.year}"), tier="international", published=newer, now=now,
                           tc=tc, ics=ics)
                isos += [old, new]
                documents.append((old, new))
            else:
                isos.append(_row(parse(f"{prefix} {number}:{first.year}"), tier="international", published=first,
                                 now=now, tc=tc, ics=ics))
                documents.append((isos[-1], None))
        Standard.objects.bulk_create(isos, batch_size=5000)
        national, adoptions = [], []
        for n in range(args.adopting):
            old, new = rng.choice(documents)
            behind = new is not None and rng.random() < 0.1
            target = old if (new is None or behind) else new
            published = min(target.published_on + timedelta(days=rng.randrange(200, 1500)), date(2026, 5, 1))
            if behind:
                published = min(published, new.published_on - timedelta(days=30))
            ident = parse(f"GB/T {40000 + n}-{published.year}")
            national.append(_row(ident, tier="national", published=published, now=now, nature="recommended",
                                 tc=f"SAC/TC {rng.randrange(1, 600)}"))
            adoptions.append((national[-1], target, _pick(rng, (("IDT", 0.55), ("MOD", 0.30), ("NEQ", 0.15)))))
        Standard.objects.bulk_create(national, batch_size=5000)
        StandardRelation.objects.bulk_create([
            StandardRelation(source=source, kind="adopts", target=target, target_identifier=target.identifier,
                             target_key=target.edition, degree=degree) for source, target, degree in adoptions],
            batch_size=5000)
        _fill(args.filler, args.references)
    print(f"built in {time.perf_counter() - started:.0f} s: {Standard.objects.count():,} editions "
          f"({len(isos):,} ISO/IEC, {len(national):,} adopting), {StandardRelation.objects.count():,} relations "
          f"({len(adoptions):,} adoptions)", flush=True)


def _fill(editions: int, references: int) -> None:
    """The rest of the catalogue, in SQL (copies of the national rows as industry and local editions under other
    numbers; references between random national editions): nothing the rate reads, but the tables as large."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA table_info(catalog_standard)")
        columns = [row[1] for row in cursor.fetchall() if row[1] != "id"]
        renamed = {"identifier": "'F ' || n || ' ' || s.identifier", "edition": "'F ' || n || ' ' || s.edition",
                   "undated": "'F ' || n || ' ' || s.undated", "sort_key": "'F' || n || s.sort_key",
                   "tier": "CASE n % 2 WHEN 0 THEN 'industry' ELSE 'local' END"}
        select = ", ".join(renamed.get(c, f"s.{c}") for c in columns)
        cursor.execute("SELECT COUNT(*) FROM catalog_standard WHERE tier = 'national'")
        national = cursor.fetchone()[0]
        copies = max(1, -(-editions // max(national, 1)))
        cursor.execute(
            f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {copies}) "  # noqa: S608 (benchmark: numbers and column names)
            f"INSERT INTO catalog_standard ({', '.join(columns)}) SELECT {select} FROM k, "
            f"(SELECT * FROM catalog_standard WHERE tier = 'national' LIMIT {editions // copies}) s")
        cursor.execute("SELECT MIN(id), MAX(id) FROM catalog_standard WHERE tier = 'national'")
        low, high = cursor.fetchone()
        cursor.execute(
            f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {references}) "  # noqa: S608
            f"INSERT OR IGNORE INTO catalog_standardrelation (source_id, kind, target_id, target_identifier, "
            f"target_key, partial, degree) SELECT src, 'references', dst, '#' || dst, '#' || dst, 0, '' FROM "
            f"(SELECT {low} + abs(random()) % ({high} - {low} + 1) AS src, "
            f"{low} + abs(random()) % ({high} - {low} + 1) AS dst FROM k) WHERE src != dst")


def measure(function, runs: int) -> tuple[float, float, object]:
    result = function()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iso", type=int, default=30_000)
    parser.add_argument("--adopting", type=int, default=40_000)
    parser.add_argument("--filler", type=int, default=300_000)
    parser.add_argument("--references", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    open_site(DB, fresh=args.fresh)
    import time_machine
    from django.test import Client

    from biaozhun.core.db_statistics import refresh_statistics
    from biaozhun.international.adoption import behind, params, selectors

    load(args)
    refresh_statistics()

    class Get(dict):
        def getlist(self, key):
            value = self.get(key)
            return [] if value is None else [value]

    with time_machine.travel(TODAY.astimezone(), tick=True):
        by_ics = params.parse(Get())
        by_tc = params.parse(Get(dimension="tc", level="1"))
        cases = [
            ("rate by ICS field, uncached (with the ten-year trend)", lambda: selectors.compute(by_ics)),
            ("rate by committee, uncached", lambda: selectors.compute(by_tc)),
            ("adoptions behind: count", lambda: behind.behind().count()),
            ("adoptions behind: first page of 50", lambda: len(list(behind.behind()[:50]))),
            ("candidates of ICS 13.020", lambda: len(selectors.candidate_records(by_ics, "13.020"))),
        ]
        client = Client()
        client.get("/international/adoption/")
        cases.append(("page /international/adoption/, cached",
                      lambda: client.get("/international/adoption/").status_code))
        for name, function in cases:
            median, worst, result = measure(function, args.runs)
            detail = ""
            if hasattr(result, "tally"):
                overall = result.tally.overall
                detail = f" — {overall.adopted:,} / {overall.in_scope:,} = {overall.value:.1%}, " \
                         f"{len(result.tally.fields)} fields"
            elif isinstance(result, int):
                detail = f" — {result:,}"
            print(f"{name}: median {median * 1000:,.0f} ms, max {worst * 1000:,.0f} ms (runs {args.runs}){detail}",
                  flush=True)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
