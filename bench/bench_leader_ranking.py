"""企业标准"领跑者": a ranking run over 1,000,000 declared indicators in the database (goal ≤ 5 s on SQLite).

    .venv/bin/python bench/bench_leader_ranking.py [--db bench/out/leaders/bench.sqlite3] [--indicators 1000000]
                                                    [--runs 3]

Builds (once, idempotently) a migrated SQLite database of its own with direct bulk rows: 2,000 enterprises,
250,000 published refrigerator declarations (one product each, named 家用电冰箱…) with 4 indicator rows each —
1,000,000 rows — plus 5,000 declarations of another product that the key product must not read; a key product
matched by the keyword 电冰箱 and a scheme of 4 indicators (3 key; share and fixed thresholds; comparators eq, ge,
le and range mixed; ~1 % of values below the requirement or text). Then times `run_ranking` end to end (matching
declarations, streaming the indicator rows, mapping, tiering, digest, storing the run and its event), the median of
`--runs`, and its parts once: the read and mapping (`collect`), the tiers (`rules.leaders.tier_scheme`), the digest.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchenv import open_site  # noqa: E402
from timing import median_seconds  # noqa: E402

DECLARATIONS_PER_ENTERPRISE = 125
OTHER_DECLARATIONS = 5_000
# name, unit, how a value is drawn, comparator chosen per row
INDICATORS = [
    ("能效指数", "%", lambda r: round(r.gauss(48, 6), 1)),  # lower is better, requirement ≤ 62
    ("噪声", "dB(A)", lambda r: r.randint(34, 45)),  # lower, requirement ≤ 45, key
    ("冷冻能力", "kg/12h", lambda r: round(r.uniform(3.8, 9.0), 1)),  # higher, requirement ≥ 4.0, key
    ("耗电量偏差", "%", lambda r: round(r.uniform(0, 15.1), 1)),  # lower, requirement ≤ 15, not key
]


def _rows(rng: random.Random, name: str, unit: str, draw, higher: bool) -> tuple:
    value = draw(rng)
    roll = rng.random()
    if roll < 0.002:
        return (name, unit, "text", None, None, "符合要求")
    if roll < 0.5:
        return (name, unit, "eq", value, value, "")
    if roll < 0.8:
        return (name, unit, "ge" if higher else "le", value if higher else None, None if higher else value, "")
    return (name, unit, "range", value, value + 1, "") if higher else (name, unit, "range", value - 1, value, "")


def _populate(count: int) -> None:
    """Direct rows through one cursor: organisations, products, declarations, their products and indicators."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tests.factories.accounts import make_uscc

    rng = random.Random(2019)
    declarations = count // len(INDICATORS)
    enterprises = max(1, declarations // DECLARATIONS_PER_ENTERPRISE)
    now = timezone.now().isoformat(sep=" ")
    directions = [False, False, True, False]
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO accounts_organisation (kind, name, name_en, uscc, industry_code, region_code, tc_code, "
            "created_at) VALUES ('enterprise', %s, '', %s, '', '', '', %s)",
            [(f"基准电器{n}有限公司", make_uscc(900_000 + n), now) for n in range(enterprises)])
        cursor.execute("SELECT MIN(id) FROM accounts_organisation WHERE name LIKE '基准电器%%'")
        first_org = cursor.fetchone()[0]
        total = declarations + OTHER_DECLARATIONS
        cursor.executemany(
            "INSERT INTO declarations_product (enterprise_id, name, model, code, created_at) VALUES (%s, %s, %s, '', %s)",
            [(first_org + n % enterprises, "家用电冰箱" if n < declarations else "房间空气调节器", f"BCD-{n}", now)
             for n in range(total)])
        cursor.execute("SELECT MIN(id) FROM declarations_product WHERE model = 'BCD-0'")
        first_product = cursor.fetchone()[0]
        cursor.executemany(
            "INSERT INTO declarations_declaration (enterprise_id, region_code, source, tier, identifier, undated, "
            "title, fulltext, fulltext_sha256, state, version, declared_at, updated_at, checks, flagged) VALUES "
            "(%s, '320102', 'enterprise', 'enterprise', %s, %s, '电冰箱企业标准', '', '', 'published', 1, %s, %s, "
            "'[]', 0)",
            [(first_org + n % enterprises, f"Q/JZ {n:06d}-2025", f"Q/JZ {n:06d}", now, now) for n in range(total)])
        cursor.execute("SELECT MIN(id) FROM declarations_declaration WHERE identifier = 'Q/JZ 000000-2025'")
        first_declaration = cursor.fetchone()[0]
        cursor.executemany("INSERT INTO declarations_declarationproduct (declaration_id, product_id) VALUES (%s, %s)",
                           [(first_declaration + n, first_product + n) for n in range(total)])
        batch = []
        for n in range(total):
            for position, ((name, unit, draw), higher) in enumerate(zip(INDICATORS, directions, strict=True), 1):
                batch.append((first_declaration + n, position, *_rows(rng, name, unit, draw, higher)))
            if len(batch) >= 100_000:
                cursor.executemany(
                    "INSERT INTO declarations_indicator (declaration_id, position, name, unit, comparator, lower, "
                    "upper, text, test_method, category) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '', 'performance')",
                    batch)
                batch = []
        if batch:
            cursor.executemany(
                "INSERT INTO declarations_indicator (declaration_id, position, name, unit, comparator, lower, upper, "
                "text, test_method, category) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '', 'performance')", batch)
    print(f"populated {enterprises:,} enterprises, {total:,} declarations, {total * len(INDICATORS):,} indicator "
          f"rows in {time.perf_counter() - started:.1f} s")


def _scheme():
    from biaozhun.core.actors import SYSTEM
    from biaozhun.leaders.models import KeyProduct
    from biaozhun.leaders.schemes import IndicatorInput
    from biaozhun.leaders.services import create_key_product, create_scheme

    product = KeyProduct.objects.filter(year=2026, name="家用电冰箱（基准）").first()
    if product is None:
        product = create_key_product(SYSTEM, year=2026, name="家用电冰箱（基准）", keywords=["电冰箱"])
        create_scheme(SYSTEM, key_product=product, title="基准方案", indicators=[
            IndicatorInput("能效指数", "lower", "share", ["0.05", "0.2"], unit="%", requirement="62"),
            IndicatorInput("噪声", "lower", "fixed", ["38", "42"], unit="dB(A)", requirement="45"),
            IndicatorInput("冷冻能力", "higher", "share", ["0.05", "0.2"], unit="kg/12h", requirement="4.0"),
            IndicatorInput("耗电量偏差", "lower", "fixed", ["5"], unit="%", requirement="15", key=False),
        ])
    return product.schemes.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "leaders" / "bench.sqlite3")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    open_site(args.db)
    from biaozhun.core.actors import SYSTEM
    from biaozhun.declarations.models import Indicator
    from biaozhun.leaders.services import run_ranking
    from biaozhun.leaders.services.ranking import collect, inputs_digest, snapshot_of
    from biaozhun.rules.leaders import tier_scheme

    if not Indicator.objects.exists():
        _populate(args.indicators)
    scheme = _scheme()
    seconds, run = median_seconds(lambda: run_ranking(SYSTEM, scheme=scheme), args.runs)
    print(f"run_ranking: {run.indicator_rows:,} indicator rows of {run.declarations:,} declarations: median "
          f"{seconds:.2f} s of {args.runs} ({run.status}, tiers {run.tier_sizes}, "
          f"{len({row[0] for row in run.excluded}):,} declarations excluded)")
    start = time.perf_counter()
    indicators, declarations, _notes, _count = collect(snapshot_of(scheme))
    read = time.perf_counter() - start
    start = time.perf_counter()
    tier_scheme(indicators, declarations)
    tiers = time.perf_counter() - start
    start = time.perf_counter()
    inputs_digest(indicators, declarations)
    digest = time.perf_counter() - start
    print(f"parts (one run): read and map {read:.2f} s, tiers {tiers:.2f} s, digest {digest:.2f} s; "
          f"the rest (store, event) {seconds - read - tiers - digest:.2f} s")
    mapping_page(scheme, max(args.runs, 7))


def mapping_page(scheme, runs: int) -> None:
    """The scheme's mapping page (the declared names and units, grouped over the key product's indicator rows) as
    the national administration's reviewer opens it, median of `runs` after one warm-up."""
    from django.test import Client
    from django.urls import reverse

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.leaders.selectors.mapping import declared_names

    reviewer = User.objects.filter(username="bench-reviewer").first()
    if reviewer is None:
        top = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
        reviewer = User.objects.create_user(username="bench-reviewer", email="reviewer@example.com", real_name="审",
                                            password=None)
        Membership.objects.create(user=reviewer, organisation=top, role=MembershipRole.REVIEWER)
    client = Client()
    client.force_login(reviewer)
    url = reverse("leaders:scheme_mapping", args=[scheme.pk])
    assert client.get(url).status_code == 200
    seconds, response = median_seconds(lambda: client.get(url), runs)
    assert response.status_code == 200, response.status_code
    names, _ = median_seconds(lambda: declared_names(scheme=scheme), runs)
    print(f"mapping page: median {seconds * 1000:.0f} ms of {runs} (of which the grouped names "
          f"{names * 1000:.0f} ms, {len(_)} names)")


if __name__ == "__main__":
    main()
