"""The statistics dashboards and the year-end recomputation (issue 15; goals: a dashboard ≤ 200 ms after the
snapshot, a year-end ≤ 5 min at national scale), in a SQLite database of its own.

    .venv/bin/python bench/bench_stats.py [--standards 3500000] [--declarations 300000] [--runs 7] [--fresh]

Builds (once; `--fresh` rebuilds) bench/out/db-stats/bench.sqlite3: migrate, seed the reference tables, then in
bulk `--standards` catalogue editions in the real mix of tiers (end-2023: 44.5k national, 80.8k industry, 69.7k
local, 74.2k group, the rest enterprise), spread over 1990–2025 with real CCS and ICS codes, committees and
regions; one in eight national, industry and local editions replaced by a later one (a `replaces` relation and the
status and date that follow), one in twenty abolished; plus `--declarations` self-declarations. Projects, reviews,
feedback and assessments are left empty (they are thousands, not millions, of rows).

Then: the year-end 2025 recomputed (`services.take_snapshot`, every indicator × dimension; median of
`--snapshot-runs`), and, median of `--runs` after one warm-up, the dashboard pages read from the snapshot through
Django's test client: the national overview by CCS class, the drill-down to one class, and the API's figures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from benchenv import open_site

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "bench/out/db-stats/bench.sqlite3"
SHARES = (("national", 44_499), ("industry", 80_828), ("local", 69_709), ("group", 74_240))
NATIONAL_SCALE = 3_500_000
YEAR = 2025


def measure(function, runs: int) -> tuple[float, float, object]:
    function()  # warm-up
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def _tiers(total: int) -> list[tuple[str, int]]:
    scale = total / NATIONAL_SCALE
    counts = [(tier, max(1, int(n * scale))) for tier, n in SHARES]
    return [*counts, ("enterprise", total - sum(n for _t, n in counts))]


def load(args) -> None:
    from django.db import connection, transaction

    from biaozhun.catalog.models import Standard, StandardRelation
    from biaozhun.reference.models import CcsCode, IcsCode, RegionCode

    if Standard.objects.exists():
        return
    from django.core.management import call_command

    call_command("seed_reference", verbosity=0)
    rng = random.Random(15)
    ccs = list(CcsCode.objects.filter(parent__isnull=False, children__isnull=True).values_list("code", flat=True))
    ics = list(IcsCode.objects.values_list("code", flat=True))
    regions = [c for c in RegionCode.objects.filter(level="province").values_list("code", flat=True)]
    committees = [f"SAC/TC {n}" for n in range(1, 560)]
    started, made = time.perf_counter(), 0
    now = date(2026, 1, 1)
    prefix = {"national": "GB/T", "industry": "JB/T", "local": "DB", "group": "T/CAS", "enterprise": "Q/BZ"}
    for tier, count in _tiers(args.standards):
        batch, replaced = [], []
        for n in range(count):
            year = rng.randint(1990, 2025)
            published = date(year, rng.randint(1, 12), rng.randint(1, 28))
            region = rng.choice(regions)[:2] if tier == "local" else ""
            code = f"{prefix[tier]}{region}{'/T' if tier == 'local' else ''} {n + 1}-{year}"
            nature = (("mandatory" if n % 20 == 0 else "guidance" if n % 75 == 1 else "recommended")
                      if tier == "national" else "recommended" if tier in ("industry", "local") else "")
            status, since, abolished = "current", None, None
            implemented = published + timedelta(days=180)
            if implemented > now:
                status, since = "upcoming", implemented
            elif tier in ("national", "industry", "local") and n % 20 == 3:
                abolished = min(published + timedelta(days=rng.randint(400, 8000)), now - timedelta(days=1))
                if abolished <= implemented:
                    abolished = None
                else:
                    status, since = "abolished", abolished
            batch.append(Standard(
                identifier=code, edition=code, undated=code.rsplit("-", 1)[0], series=code.rsplit("-", 1)[0],
                sort_key=f"{tier}{n:09d}", tier=tier, nature=nature, prefix=prefix[tier], region_code=region,
                number=str(n + 1), year=year, title_zh=f"标准 {n + 1}", ccs_id=rng.choice(ccs),
                ics_id=rng.choice(ics), tc_code=rng.choice(committees) if tier == "national" else "",
                published_on=published, implemented_on=implemented, abolished_on=abolished, status=status,
                status_since=since))
            if len(batch) == 20_000:
                made += _flush(batch, replaced, tier)
                batch = []
        made += _flush(batch, replaced, tier)
        sys.stderr.write(f"{tier}: {count:,} ({made:,} in {time.perf_counter() - started:.0f} s)\n")
    _replacements(rng)
    _declarations(args, rng, regions)
    with transaction.atomic():
        connection.cursor().execute("ANALYZE")
    sys.stderr.write(f"built in {time.perf_counter() - started:.0f} s\n")
    del StandardRelation


def _flush(batch, replaced, tier) -> int:
    """Insert the editions with one executemany of plain tuples (the ORM's bulk_create prepares every field of
    every object and loads ~500 rows/s here; this is several times faster)."""
    from django.db import connection, transaction

    from biaozhun.catalog.models import Standard

    fields = [f for f in Standard._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    from django.db.models.expressions import DatabaseDefault

    def value(obj, field):
        found = getattr(obj, field.attname)
        if isinstance(found, DatabaseDefault):
            found = getattr(field.db_default, "value", field.db_default)
        return field.get_db_prep_save(found, connection)

    rows = [tuple(value(obj, f) for f in fields) for obj in batch]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f'INSERT INTO "{Standard._meta.db_table}" ({columns}) VALUES ({marks})', rows)  # noqa: S608
    return len(batch)


def _replacements(rng) -> None:
    """One in eight national, industry and local editions replaced by a later edition of the same number."""
    from django.db import transaction

    from biaozhun.catalog.models import Standard, StandardRelation

    olds = list(Standard.objects.filter(tier__in=("national", "industry", "local"), status="current",
                                        published_on__lt=date(2020, 1, 1))
                .values_list("id", "identifier", "undated", "tier", "nature", "prefix", "region_code", "ccs_id",
                             "ics_id", "tc_code", "published_on")[::8])
    news, updates = [], []
    for pk, identifier, undated, tier, nature, prefix, region, ccs, ics, tc, published in olds:
        year = rng.randint(published.year + 1, 2025)
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        code = f"{undated}-{year}R"
        news.append(Standard(identifier=code, edition=code, undated=undated, series=undated, sort_key=code,
                             tier=tier, nature=nature, prefix=prefix, region_code=region, number="1", year=year,
                             title_zh="修订", ccs_id=ccs, ics_id=ics, tc_code=tc, published_on=day,
                             implemented_on=day + timedelta(days=180),
                             status="current" if day + timedelta(days=180) <= date(2026, 1, 1) else "upcoming"))
        updates.append((pk, identifier, day + timedelta(days=180)))
    with transaction.atomic():
        Standard.objects.bulk_create(news, batch_size=5_000)
        ids = dict(Standard.objects.filter(identifier__in=[n.identifier for n in news]).values_list("identifier", "id"))
        StandardRelation.objects.bulk_create([
            StandardRelation(source_id=ids[n.identifier], kind="replaces", target_id=old[0], target_identifier=old[1],
                             target_key=old[1]) for n, old in zip(news, updates, strict=True)], batch_size=5_000)
        replaced = [Standard(id=pk, status="replaced", status_since=since) for pk, _i, since in updates
                    if since <= date(2026, 1, 1)]
        Standard.objects.bulk_update(replaced, ["status", "status_since"], batch_size=5_000)
    sys.stderr.write(f"replacements: {len(news):,}\n")


def _declarations(args, rng, regions) -> None:
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.accounts.models import Organisation, OrganisationKind
    from biaozhun.declarations.models import Declaration

    enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="基准测试企业",
                                             uscc="91110000100000000X"[:18])
    start = timezone.make_aware(timezone.datetime(2018, 1, 1))
    rows = []
    for n in range(args.declarations):
        at = start + timedelta(days=rng.randint(0, 2900))
        rows.append(Declaration(enterprise=enterprise, region_code=rng.choice(regions)[:2] + "0100",
                                source="enterprise", tier="enterprise", identifier=f"Q/BZ {n}-2020",
                                undated=f"Q/BZ {n}", title="企业标准", declared_at=at, updated_at=at,
                                withdrawn_at=at + timedelta(days=400) if n % 10 == 0 else None,
                                state="withdrawn" if n % 10 == 0 else "published"))
        if len(rows) == 20_000:
            with transaction.atomic():
                Declaration.objects.bulk_create(rows, batch_size=5_000)
            rows = []
    with transaction.atomic():
        Declaration.objects.bulk_create(rows, batch_size=5_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--standards", type=int, default=NATIONAL_SCALE)
    parser.add_argument("--declarations", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--snapshot-runs", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    open_site(DB, fresh=args.fresh)
    from django.test import Client

    from biaozhun.catalog.models import Standard
    from biaozhun.core.actors import SYSTEM
    from biaozhun.stats import services

    load(args)
    print(f"catalogue: {Standard.objects.count():,} editions")
    times = []
    for _ in range(args.snapshot_runs):
        result = services.take_snapshot(actor=SYSTEM, year=YEAR)
        times.append(result.seconds)
    print(f"year-end {YEAR} recomputed: median {statistics.median(times):.1f} s, worst {max(times):.1f} s "
          f"({args.snapshot_runs} runs, {result.values:,} values)")
    client = Client()
    pages = [
        ("overview by CCS class", f"/stats/?indicator=standards_in_force&dimension=ccs&year={YEAR}"),
        ("overview by region", f"/stats/?indicator=standards_in_force&dimension=region&year={YEAR}"),
        ("drill-down to CCS class A", f"/stats/?indicator=standards_in_force&dimension=ccs&year={YEAR}"
                                      "&focus=ccs&key=A"),
        ("API figures by tier", f"/api/v1/stats/figures?indicator=standards_in_force&dimension=tier&year={YEAR}"),
    ]
    for name, url in pages:
        median, worst, response = measure(lambda url=url: client.get(url), args.runs)
        assert response.status_code == 200, (url, response.status_code)
        print(f"{name}: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms ({args.runs} runs)")


if __name__ == "__main__":
    main()
