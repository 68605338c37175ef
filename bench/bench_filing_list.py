"""The public list of filed standards (/filing/) at national scale: ~150k accepted filings (80.8k industry, 69.7k
local) with their catalogue editions, in a SQLite database of its own. Goal: the list page ≤ 50 ms.

    .venv/bin/python bench/bench_filing_list.py [--runs 30] [--fresh] [--explain]

Builds (once; `--fresh` rebuilds) bench/out/db-filing/bench.sqlite3: migrate, seed the reference tables, then in
bulk (as a migration of the platform's legacy records would) one ministry per one to three industry codes, a bureau
per province and per city, the catalogue editions (~10 % of numbers with an older, replaced edition; statuses
current, replaced, abolished and upcoming) and one accepted filing per edition, filed 2010–2026 with more in
recent years; the planner's statistics as `migrate` and the daily task leave them (core/db_statistics.py) or,
with `--no-stats`, none. Then times the page through Django's test client, anonymous, for typical filter combinations, and
the API list: median and p95 of `--runs` after two warm-up requests, with the list's count cached (as repeated
views find it) and recounted for every request ("uncounted"). `--explain` prints each query's plan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from benchenv import open_site

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "bench/out/db-filing/bench.sqlite3"
INDUSTRY, LOCAL = 80_800, 69_700
TODAY = date(2026, 11, 20)

SUBJECTS = ["电动汽车充电站", "农村生活污水处理设施", "智慧养老服务平台", "高标准农田", "公共机构", "数控机床", "锂离子动力电池",
            "食品小作坊", "医疗机构", "道路交通信号灯", "河湖", "城市公共厕所", "茶叶加工场所", "冷链物流", "地下管线", "光伏电站",
            "建筑垃圾", "中药材", "养老机构", "水产养殖", "旅游景区", "政务服务", "电梯", "燃气管道", "化工园区", "森林防火",
            "学校食堂", "住宅小区", "桥梁", "隧道", "风力发电机组", "粮食仓储", "快递包装", "数据中心", "5G基站", "跨境电商"]
ASPECTS = ["运营管理规范", "运行维护技术规程", "建设指南", "技术规范", "能耗定额", "通用技术条件", "安全要求", "卫生规范",
           "设置指南", "健康评价规范", "服务规范", "检验方法", "验收规范", "分类与代码", "评价规范", "设计规范", "术语"]


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _year(rng: random.Random) -> int:
    """2010–2026, more filings in later years (the platform's counts grew)."""
    return min(2026, 2010 + int(17 * rng.random() ** 0.6))


def load(fresh: bool) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from biaozhun.accounts.models import Organisation, OrganisationKind, User
    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.records import edition_key, encode_sort_key
    from biaozhun.filing.models import Filing, FilingState, IndustryCodeOwner
    from biaozhun.identifiers import parse
    from biaozhun.reference.models import IndustryCode, RegionCode

    if not fresh and Filing.objects.exists():
        return
    started = time.perf_counter()
    call_command("seed_reference", verbosity=0)
    rng = random.Random(2019)
    now = datetime(2026, 11, 20, 12, 0).astimezone()
    with transaction.atomic():
        user = User.objects.create_user(username="bench-filer", email="filer@example.com", real_name="备案", password=None)
        codes = list(IndustryCode.objects.filter(kind=IndustryCode.Kind.INDUSTRY, is_active=True)
                     .exclude(code__in=["DB"]).values_list("code", "name_zh"))
        ministries, owner_of, i = [], {}, 0
        while i < len(codes):
            group = codes[i:i + rng.choice((1, 1, 2, 3))]
            i += len(group)
            ministry = Organisation(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name=f"{group[0][1]}主管部门",
                                    industry_code=group[0][0][:2])
            ministries.append((ministry, [code for code, _name in group]))
        Organisation.objects.bulk_create([m for m, _codes in ministries])
        owners = []
        for ministry, group in ministries:
            for code in group:
                owner_of[code] = ministry
                if code != ministry.industry_code:
                    owners.append(IndustryCodeOwner(code=code, organisation=ministry))
        IndustryCodeOwner.objects.bulk_create(owners)
        regions = list(RegionCode.objects.values_list("code", "name_zh", "level"))
        provinces = [(c, n) for c, n, level in regions if level == "province" and int(c) <= 65]
        cities = [(c, n) for c, n, level in regions if level == "city" and c[:2] in {p for p, _n in provinces}]
        bureaus = {code: Organisation(kind=OrganisationKind.BUREAU, name=f"{name}市场监督管理局", region_code=code)
                   for code, name in provinces + cities}
        Organisation.objects.bulk_create(bureaus.values())

        # Numbers: industry codes weighted like the real catalogue (a few codes hold most), provinces alike.
        industry_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(codes))]
        province_weights = [1 / (rank + 1) ** 0.5 for rank in range(len(provinces))]
        rows: list[tuple] = []  # (identifier, tier, code, authority, replaced)
        counters: dict[str, int] = {}

        def add(prefix: str, tier: str, code: str, authority) -> None:
            counters[prefix] = counters.get(prefix, 0) + 1
            number = counters[prefix]
            part = f".{rng.randint(1, 4)}" if rng.random() < 0.08 else ""
            year = _year(rng)
            if rng.random() < 0.1 and year > 2011:  # an older edition, replaced by this one
                rows.append((f"{prefix} {number}{part}-{rng.randint(2008, year - 1)}", tier, code, authority, True))
            rows.append((f"{prefix} {number}{part}-{year}", tier, code, authority, False))

        while sum(1 for r in rows if r[1] == "industry") < INDUSTRY:
            code = rng.choices([c for c, _n in codes], industry_weights)[0]
            add(f"{code}/T" if rng.random() < 0.9 else code, "industry", code, owner_of[code])
        while len(rows) < INDUSTRY + LOCAL:
            province = rng.choices([c for c, _n in provinces], province_weights)[0]
            own = [c for c, _n in cities if c.startswith(province)]
            region = rng.choice(own) if own and rng.random() < 0.15 else province
            add(f"DB{region}/T", "local", region, bureaus[region])

        standards, filings, sequences = [], [], {}
        for identifier, tier, _code, authority, replaced in rows:
            ident = parse(identifier)
            published = _day(rng, ident.year)
            implemented = published + timedelta(days=rng.randint(60, 180))
            filed = min(published + timedelta(days=rng.randint(5, 90)), TODAY)
            if implemented > TODAY:
                status = "upcoming"
            elif replaced:
                status = "replaced"
            else:
                status = "abolished" if rng.random() < 0.06 else "current"
            title = f"{rng.choice(SUBJECTS)}{rng.choice(ASPECTS)}"
            standards.append(Standard(
                identifier=ident.canonical, edition=edition_key(ident), undated=ident.undated, series=ident.series,
                sort_key=encode_sort_key(ident), tier=tier, nature="recommended" if "/T" in identifier else "mandatory",
                prefix=ident.prefix, industry_code=ident.industry_code or "", region_code=ident.region_code or "",
                number=ident.number, part=ident.part or "", year=ident.year, title_zh=title, published_on=published,
                implemented_on=implemented, status=status, created_at=now, updated_at=now))
            sequences[filed.year] = sequences.get(filed.year, 0) + 1
            sequence = sequences[filed.year]
            filings.append(Filing(
                authority=authority, submitted_by=user, tier=tier, identifier=ident.canonical,
                edition=edition_key(ident), industry_code=ident.industry_code or "",
                region_code=ident.region_code or "", title_zh=title, record={"identifier": ident.canonical},
                published_on=published, implemented_on=implemented, approved_by=authority.name,
                notice_number=f"{published.year}年第{rng.randint(1, 40)}号", notice_date=published,
                state=FilingState.ACCEPTED, submitted_at=now, filing_number=f"{sequence:05d}-{filed.year}",
                filing_year=filed.year, filing_sequence=sequence, filed_on=filed, created_at=now, updated_at=now))
        Standard.objects.bulk_create(standards, batch_size=5000)
        for filing, standard in zip(filings, standards, strict=True):
            filing.standard_id, filing.standard_status = standard.pk, standard.status
        Filing.objects.bulk_create(filings, batch_size=5000)
    print(f"loaded {len(filings):,} filings ({sum(1 for f in filings if f.tier == 'industry'):,} industry) by "
          f"{len(ministries)} ministries and {len(bureaus)} bureaux in {time.perf_counter() - started:.0f} s",
          flush=True)


def cases() -> list[tuple[str, str]]:
    from biaozhun.accounts.models import Organisation, OrganisationKind
    from biaozhun.filing.models import Filing

    ministry = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT).order_by("id").first()
    small = Organisation.objects.filter(kind=OrganisationKind.BUREAU, region_code__regex=r"^\d{4}$").order_by("-id").first()
    sample = Filing.objects.filter(tier="local").order_by("id")[1000]
    undated = sample.edition.rsplit("-", 1)[0]
    return [
        ("default: newest filed first", ""),
        ("status=current", urlencode({"status": "current"})),
        ("status=abolished", urlencode({"status": "abolished"})),
        ("tier=local", urlencode({"tier": "local"})),
        ("province=32 (with its cities)", urlencode({"province": "32"})),
        ("city (a small one)", urlencode({"city": small.region_code})),
        (f"authority (ministry {ministry.industry_code})", urlencode({"authority": ministry.pk})),
        (f"authority (city bureau {small.region_code})", urlencode({"authority": small.pk})),
        ("industry=JB", urlencode({"industry": "JB"})),
        ("months=3", urlencode({"months": 3})),
        ("province=44 + status=current + months=24", urlencode({"province": "44", "status": "current", "months": 24})),
        ("q=number, other spelling", urlencode({"q": sample.edition.replace("/", "").lower()})),
        ("q=undated number (every edition)", urlencode({"q": undated})),
        ("q=备案号", urlencode({"q": sample.filing_number})),
        ("q=title words 充电站 规范", urlencode({"q": "充电站 规范"})),
        ("q=rare title word + province=33", urlencode({"q": "跨境电商 术语", "province": "33"})),
        ("q=title word + tier=local + status=current", urlencode({"q": "规范", "tier": "local", "status": "current"})),
        ("q=title word + status=abolished, by publication", urlencode({"q": "规范", "status": "abolished",
                                                                       "sort": "published"})),
        ("q=number digits (in numbers and titles)", urlencode({"q": "40"})),
        ("industry=JB + status=upcoming", urlencode({"industry": "JB", "status": "upcoming"})),
        ("status=abolished, page 300", urlencode({"status": "abolished", "page": 300})),
        ("sort=published", urlencode({"sort": "published"})),
        ("page 200", urlencode({"page": 200})),
    ]


def timed(fn, runs: int, before=None) -> tuple[float, float]:
    """(median, p95) in ms of `runs` calls after two warm-up calls; `before` runs untimed before each call."""
    fn()
    fn()
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def forget_count(query_string: str):
    """A function that drops the list's cached count for this query (the page then counts again)."""
    from django.core.cache import cache
    from django.http import QueryDict

    from biaozhun.filing.filters import FilingFilterForm
    from biaozhun.filing.selectors.public import count_key

    form = FilingFilterForm(QueryDict(query_string) if query_string else None)
    if form.is_bound:
        form.is_valid()
    key = count_key(form.query())
    return lambda: cache.delete(key)


def explain(query_string: str) -> None:
    """The plans of the page's queries (the count, the page's ids, its rows) as the page runs them: with bound
    parameters (the SQL Django logs has the values written in, and SQLite may plan that text otherwise)."""
    from django.db import connection
    from django.http import QueryDict

    from biaozhun.filing.filters import FilingFilterForm
    from biaozhun.filing.selectors.public import FiledPages

    form = FilingFilterForm(QueryDict(query_string) if query_string else None)
    if form.is_bound:
        form.is_valid()
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    pages = FiledPages(form.query())
    with connection.execute_wrapper(capture):
        pages.filings.count()
        pages[:20]
    for label, (sql, params) in zip(("count", "ids", "rows"), captured, strict=False):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            print(f"    {label}: " + " | ".join(row[-1] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--no-stats", action="store_true",
                        help="drop SQLite's statistics (ANALYZE) so the planner uses its defaults")
    args = parser.parse_args()
    open_site(DB, fresh=args.fresh)
    from django.db import connection
    from django.test import Client

    from biaozhun.core.db_statistics import refresh_statistics

    load(args.fresh)
    refresh_statistics()  # as `migrate` and the daily task leave them (core/db_statistics.py)
    with connection.cursor() as cursor:
        if args.no_stats:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("ANALYZE sqlite_schema")  # reload the (now empty) statistics
    client = Client()
    print(f"{'case':<44} {'page':>8} {'p95':>8} {'uncounted':>10} {'p95':>8} {'API':>8} {'results':>8}")
    for name, query in cases():
        url = "/filing/" + (f"?{query}" if query else "")
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        page_median, page_p95 = timed(lambda url=url: client.get(url), args.runs)
        cold_median, cold_p95 = timed(lambda url=url: client.get(url), args.runs, before=forget_count(query))
        api_query = urlencode([(k, v) for k, v in parse_qsl(query) if k != "page"])  # the API pages by offset
        api = "/api/v1/filings/" + (f"?{api_query}" if api_query else "")
        body = client.get(api).json()
        api_median, _ = timed(lambda api=api: client.get(api), args.runs)
        print(f"{name:<44} {page_median:>5.1f} ms {page_p95:>5.1f} ms {cold_median:>7.1f} ms {cold_p95:>5.1f} ms "
              f"{api_median:>5.1f} ms {body['count']:>8,}", flush=True)
        if args.explain:
            explain(query)


if __name__ == "__main__":
    main()
