"""Implementation feedback at national scale (issue 13; goal: the feedback lists ≤ 50 ms): 100,000 items over the
1,338 committees (550 TC, 766 SC, 22 SWG), in a SQLite database of its own.

    .venv/bin/python bench/bench_feedback.py [--items 100000] [--runs 30] [--fresh] [--explain]

Builds (once; `--fresh` rebuilds) bench/out/db-feedback/bench.sqlite3: migrate, seed the reference tables, then in
bulk (as a migration of legacy records would) the committees with a secretariat each, 30 competent departments and
the national administration, five standards per committee, and the items from biaozhun/datagen/feedback.py: a few
committees receive most, received over three years, answered (some late), open, overdue (escalated to the
department), rejected or merged; a tenth reassigned to a department. Deadlines are the real working-day ones
(the seeded holiday calendar). Items carry no events: the pages measured do not read them.

Then times, through Django's test client after two warm-up requests, median and p95 of `--runs`: the queue of
the busiest committee's secretariat and of a middling one (each tab), the national overview, the public statistics
page (per committee and per department, sorted, a year) and its API: warm (the statistics' 5-minute cache holds
the day's tables, as repeated views find them) and cold (the cache emptied before every request, so each one
counts all items). `--explain` prints each query's plan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from benchenv import open_site

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "bench/out/db-feedback/bench.sqlite3"
TODAY = date(2026, 11, 20)
DEPARTMENTS = ["工业和信息化部", "交通运输部", "国家卫生健康委员会", "农业农村部", "住房和城乡建设部", "生态环境部",
               "国家能源局", "国家药品监督管理局", "应急管理部", "自然资源部", "水利部", "商务部", "国家林业和草原局",
               "国家铁路局", "中国民用航空局", "国家邮政局", "国家粮食和物资储备局", "公安部", "国家广播电视总局",
               "国家市场监督管理总局", "中国机械工业联合会", "中国轻工业联合会", "中国纺织工业联合会", "中国钢铁工业协会",
               "中国有色金属工业协会", "中国石油和化学工业联合会", "中国建筑材料联合会", "中国电力企业联合会",
               "中国煤炭工业协会", "国家烟草专卖局"]


def load(items: int, fresh: bool) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.records import edition_key, encode_sort_key
    from biaozhun.committees.models import Committee
    from biaozhun.datagen.feedback import ANSWER, committees, feedback_items
    from biaozhun.feedback.models import Feedback
    from biaozhun.identifiers import parse
    from biaozhun.reference.selectors import working_calendar

    if not fresh and Feedback.objects.exists():
        return
    started = time.perf_counter()
    call_command("seed_reference", verbosity=0)
    calendar = working_calendar()
    rng = random.Random(2019)
    now = timezone.make_aware(datetime(2026, 11, 20, 12, 0))
    codes = committees()
    with transaction.atomic():
        top = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
        departments = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name=name) for name in DEPARTMENTS])
        offices = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.TC_SECRETARIAT, tc_code=code, name=f"{code} 秘书处") for code in codes])
        rows = Committee.objects.bulk_create([
            Committee(code=code, kind="SC" if "/SC " in code else ("SWG" if "SWG" in code else "TC"),
                      name_zh=f"全国第{index + 1}标准化技术委员会", secretariat=office)
            for index, (code, office) in enumerate(zip(codes, offices, strict=True))])
        by_code = {c.code: c for c in rows}
        for committee in rows:
            if committee.kind == "SC":
                committee.parent = by_code[committee.code.split("/SC ")[0]]
        Committee.objects.bulk_update([c for c in rows if c.parent_id], ["parent"])
        department_of = {index: departments[index % len(departments)] for index in range(len(codes))}
        standards, standard_of = [], {}
        number = 40000
        for index, code in enumerate(codes):
            for _n in range(5):
                number += 1
                ident = parse(f"GB/T {number}-{rng.randint(2005, 2025)}")
                standards.append(Standard(
                    identifier=ident.canonical, edition=edition_key(ident), undated=ident.undated, series=ident.series,
                    sort_key=encode_sort_key(ident), tier="national", nature="recommended", prefix=ident.prefix,
                    number=ident.number, year=ident.year, title_zh=f"标准 {number}", tc_code=code,
                    competent_department=department_of[index].name, status="current", created_at=now, updated_at=now))
        Standard.objects.bulk_create(standards, batch_size=5000)
        for index in range(len(codes)):
            standard_of[index] = standards[index * 5:(index + 1) * 5]
        answer_days = 20
        feedback, states = [], Counter()
        for item in feedback_items(items, len(codes), today=TODAY, answer_days=answer_days):
            received = timezone.make_aware(datetime.combine(item.received_on, day_time(10)))
            acknowledge_due = calendar.add_working_days(item.received_on, 5).day
            answer_due = calendar.add_working_days(item.received_on, answer_days).day
            office, department = offices[item.committee], department_of[item.committee]
            assigned = department if rng.random() < 0.1 else office
            open_ = item.state in ("received", "routed", "acknowledged")
            overdue = open_ and answer_due < TODAY
            states[item.state] += 1
            feedback.append(Feedback(
                tracking_number=item.tracking_number, standard=rng.choice(standard_of[item.committee]),
                committee=rows[item.committee], category=item.category, clause=item.clause, text=item.text,
                pseudonym=item.pseudonym, state=item.state, received_at=received,
                assigned_to=None if item.state == "received" else assigned,
                escalated_to=(department if assigned == office else top) if overdue else None,
                escalation_level=1 if overdue else 0, acknowledge_due=acknowledge_due, answer_due=answer_due,
                routed_at=received if item.state != "received" else None,
                acknowledged_at=received + timedelta(days=item.acknowledged_after) if item.acknowledged_after else None,
                answered_at=received + timedelta(days=item.answered_after) if item.answered_after is not None else None,
                closed_at=received + timedelta(days=(item.answered_after or 3) + 10) if item.state in (
                    "closed", "merged", "rejected") else None,
                answer=ANSWER if item.answered_after is not None else "",
                answered_by=assigned if item.answered_after is not None else None,
                answer_working_days=item.answer_working_days, answered_late=item.answered_late,
                resolution_reason="重复反馈" if item.state in ("merged", "rejected") else "",
                updated_at=received))
        Feedback.objects.bulk_create(feedback, batch_size=5000)
        busiest = Counter(f.assigned_to_id for f in feedback if f.assigned_to_id in {o.pk for o in offices})
        ranked = [pk for pk, _n in busiest.most_common()]
        for username, office_pk in (("busiest", ranked[0]), ("middling", ranked[len(ranked) // 2])):
            user = User.objects.create_user(username=username, email=f"{username}@example.com", real_name=username,
                                            password=None)
            Membership.objects.create(user=user, organisation_id=office_pk, role=MembershipRole.SECRETARY)
        reviewer = User.objects.create_user(username="reviewer", email="reviewer@example.com", real_name="审",
                                            password=None)
        Membership.objects.create(user=reviewer, organisation=top, role=MembershipRole.REVIEWER)
    print(f"loaded {len(feedback):,} items over {len(codes):,} committees ({dict(states)}) in "
          f"{time.perf_counter() - started:.0f} s; the busiest secretariat has {busiest[ranked[0]]:,} items, a "
          f"middling one {busiest[ranked[len(ranked) // 2]]:,}", flush=True)


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


def explain(client, url: str) -> None:
    from django.db import connection

    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        client.get(url)
    for sql, params in captured:
        if "feedback_feedback" not in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            print("    " + sql[:90].replace("\n", " ") + " … | " + " | ".join(row[-1] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--only", default="", help="only the cases whose name contains this")
    args = parser.parse_args()
    open_site(DB, fresh=args.fresh)
    import time_machine
    from django.test import Client

    from biaozhun.accounts.models import User
    from biaozhun.core.db_statistics import refresh_statistics

    load(args.items, args.fresh)
    refresh_statistics()  # as `migrate` and the daily task leave them (core/db_statistics.py)
    clients = {}
    for username in ("busiest", "middling", "reviewer"):
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    anonymous = Client()
    cases = [
        ("queue, busiest secretariat: open (overdue first)", "busiest", "/feedback/queue/"),
        ("queue, busiest secretariat: overdue", "busiest", "/feedback/queue/?tab=overdue"),
        ("queue, busiest secretariat: answered", "busiest", "/feedback/queue/?tab=answered"),
        ("queue, busiest secretariat: ended, page 20", "busiest", "/feedback/queue/?tab=ended&page=20"),
        ("queue, middling secretariat: open", "middling", "/feedback/queue/"),
        ("national overview", "reviewer", "/feedback/overview/"),
        ("statistics per committee (public)", None, "/feedback/statistics/"),
        ("statistics per committee, by overdue share, page 10", None, "/feedback/statistics/?sort=overdue&page=10"),
        ("statistics per department", None, "/feedback/statistics/?by=department"),
        ("statistics per committee, received in 2026", None, "/feedback/statistics/?year=2026"),
        ("statistics API per committee", None, "/api/v1/feedback/statistics?limit=100"),
    ]
    from django.core.cache import cache

    from biaozhun.feedback import statistics_cache

    def new_day() -> None:
        """The cache emptied but for the settled items' counts: the first request of a day or a 5-minute window
        when no item settled meanwhile (feedback/statistics_cache.py)."""
        version = statistics_cache.settled_version()
        keys = [statistics_cache.KEY, *(f"feedback:statistics:settled:{version}:{view}:{year}"
                                        for view in ("committee", "department") for year in ("all", "2026"))]
        kept = cache.get_many(keys)
        cache.clear()
        cache.set_many(kept, None)

    print(f"{'case':<56} {'median':>9} {'p95':>9} {'cold':>9} {'p95':>9} {'new day':>9} {'p95':>9}")
    with time_machine.travel(datetime(2026, 11, 20, 10, 0).astimezone(), tick=True):
        for name, who, url in cases:
            if args.only not in name:
                continue
            client = clients[who] if who else anonymous
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            median, p95 = timed(lambda client=client, url=url: client.get(url), args.runs)
            cold, cold_p95 = timed(lambda client=client, url=url: client.get(url), args.runs, before=cache.clear)
            day, day_p95 = timed(lambda client=client, url=url: client.get(url), args.runs, before=new_day)
            print(f"{name:<56} {median:>6.1f} ms {p95:>6.1f} ms {cold:>6.1f} ms {cold_p95:>6.1f} ms "
                  f"{day:>6.1f} ms {day_p95:>6.1f} ms", flush=True)
            if args.explain:
                cache.clear()
                explain(client, url)


if __name__ == "__main__":
    main()
