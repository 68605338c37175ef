"""The committee page at national scale (issue 13; goal: ≤ 50 ms): 1,338 committees (550 TC, 766 SC, 22 SWG), in a
SQLite database of its own.

    .venv/bin/python bench/bench_committees.py [--runs 30] [--fresh]

Builds (once; `--fresh` rebuilds) bench/out/db-committees/bench.sqlite3: migrate, seed the reference tables, then in
bulk (as a migration of legacy records would) 30 guiding departments, the committees (codes from
biaozhun/datagen/feedback.py) each with a secretariat, contacts, two terms (2019–2023, 2024–2028), 40 seats in the
current term (six stakeholder categories, titles; 53,520 seats) and their history (a `member_added` event per seat, two
`term_started`), 44,500 national standards spread over them (the busiest TC holds 600) and 9,000 open development
projects (the busiest TC 120). Then times, through Django's test client after two warm-up requests, median and p95 of
`--runs`: the busiest TC's page anonymous and signed in (contacts shown), a subcommittee's, a working group's, and for
reference the public list of all committees.
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
DB = ROOT / "bench/out/db-committees/bench.sqlite3"
SEATS = 40
STANDARDS = 44_500
PROJECTS = 9_000
CATEGORIES = ["producer", "user", "research", "testing", "consumer", "government"]
TITLES = ["教授级高级工程师", "研究员", "高级工程师", "教授", "工程师"]
OPEN_STAGES = ["proposal", "notice", "planned", "drafting", "comment", "disposition", "review", "approval"]


def load(fresh: bool) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.records import edition_key, encode_sort_key
    from biaozhun.committees.models import Committee, CommitteeEvent, Member, Term
    from biaozhun.datagen.feedback import committees
    from biaozhun.development.models import Project
    from biaozhun.identifiers import parse

    if not fresh and Committee.objects.exists():
        return
    started = time.perf_counter()
    call_command("seed_reference", verbosity=0)
    rng = random.Random(1338)
    now = timezone.make_aware(datetime(2026, 11, 20, 12, 0))
    codes = committees()
    with transaction.atomic():
        departments = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name=f"主管部门{n}") for n in range(30)])
        offices = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.TC_SECRETARIAT, tc_code=code, name=f"{code} 秘书处") for code in codes])
        rows = Committee.objects.bulk_create([
            Committee(code=code, kind="SC" if "/SC " in code else ("SWG" if "SWG" in code else "TC"),
                      name_zh=f"全国第{index + 1}标准化技术委员会", secretariat=office,
                      guiding_unit=departments[index % len(departments)], scope="本领域国家标准制修订工作。",
                      established_on=date(2009, 1, 1), contact_name=f"联络人{index}",
                      contact_phone=f"010-{60000000 + index}", contact_email=f"tc{index}@example.org")
            for index, (code, office) in enumerate(zip(codes, offices, strict=True))])
        by_code = {c.code: c for c in rows}
        for committee in rows:
            if committee.kind == "SC":
                committee.parent = by_code[committee.code.split("/SC ")[0]]
        Committee.objects.bulk_update([c for c in rows if c.parent_id], ["parent"])
        Term.objects.bulk_create([Term(committee=c, number=n, start=start, end=end) for c in rows
                                  for n, (start, end) in enumerate(((date(2019, 1, 1), date(2023, 12, 31)),
                                                                    (date(2024, 1, 1), date(2028, 12, 31))), start=1)])
        seats = Member.objects.bulk_create([
            Member(committee=c, name=f"委员{c.pk}-{n}", organisation=f"单位{n}", stakeholder=CATEGORIES[n % 6],
                   role="chair" if n == 0 else ("secretary_general" if n == 1 else "member"),
                   title=TITLES[n % len(TITLES)], term_start=date(2024, 1, 1), term_end=date(2028, 12, 31))
            for c in rows for n in range(SEATS)], batch_size=5000)
        events = [CommitteeEvent(committee=c, kind="created", at=now - timedelta(days=4000), data={"code": c.code})
                  for c in rows]
        events += [CommitteeEvent(committee=c, kind="term_started", at=now - timedelta(days=1000 - 600 * n),
                                  data={"number": n, "start": "", "end": "", "carried": [], "ended": [], "added": []})
                   for c in rows for n in (1, 2)]
        events += [CommitteeEvent(committee_id=m.committee_id, kind="member_added", at=now - timedelta(days=1000),
                                  data={"member_id": m.pk, "name": m.name, "stakeholder": m.stakeholder})
                   for m in seats]
        CommitteeEvent.objects.bulk_create(events, batch_size=5000)
        busiest = rows[0]  # SAC/TC 1: 600 standards and 120 projects; the rest spread evenly
        owners = [busiest] * 600 + [rows[i % len(rows)] for i in range(STANDARDS - 600)]
        standards = []
        for number, owner in enumerate(owners, start=40001):
            ident = parse(f"GB/T {number}-{rng.randint(2005, 2025)}")
            standards.append(Standard(
                identifier=ident.canonical, edition=edition_key(ident), undated=ident.undated, series=ident.series,
                sort_key=encode_sort_key(ident), tier="national", nature="recommended", prefix=ident.prefix,
                number=ident.number, year=ident.year, title_zh=f"标准 {number}", tc_code=owner.code,
                status=rng.choice(["current", "current", "current", "replaced", "abolished", "upcoming"]),
                published_on=date(ident.year, 3, 1), created_at=now, updated_at=now))
        Standard.objects.bulk_create(standards, batch_size=5000)
        today = date(2026, 11, 20)
        project_owners = [busiest] * 120 + [rows[i % len(rows)] for i in range(PROJECTS - 120)]
        Project.objects.bulk_create([
            Project(title_zh=f"项目{i} 通用技术要求", kind="new", nature="recommended", committee=owner,
                    stage=rng.choice(OPEN_STAGES), deadline=today + timedelta(days=rng.randint(-100, 600)),
                    created_at=now - timedelta(days=rng.randint(0, 900)))
            for i, owner in enumerate(project_owners)], batch_size=5000)
        user = User.objects.create_user(username="reader", email="reader@example.com", real_name="读者", password=None)
        Membership.objects.create(user=user, organisation=departments[0], role=MembershipRole.MEMBER)
    print(f"loaded {len(rows):,} committees, {len(seats):,} seats, {len(events):,} events, {len(standards):,} standards, "
          f"{len(project_owners):,} projects in {time.perf_counter() - started:.0f} s", flush=True)


def timed(fn, runs: int) -> tuple[float, float, float]:
    """(median, p95) in ms of `runs` calls after two warm-up calls, and the median CPU time of this thread per call
    (what a request costs when the machine's two cores are not shared with other work)."""
    fn()
    fn()
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    open_site(DB, fresh=args.fresh)
    import time_machine
    from django.db import connection
    from django.test import Client

    from biaozhun.accounts.models import User
    from biaozhun.core.db_statistics import refresh_statistics

    load(args.fresh)
    refresh_statistics()
    reader = Client()
    reader.force_login(User.objects.get(username="reader"))
    anonymous = Client()
    cases = [
        ("busiest TC (SAC/TC 1), anonymous", anonymous, "/committees/SAC/TC 1/"),
        ("busiest TC (SAC/TC 1), signed in (contacts)", reader, "/committees/SAC/TC 1/"),
        ("a subcommittee, anonymous", anonymous, "/committees/" + _first_sc() + "/"),
        ("a working group (SAC/SWG 22), anonymous", anonymous, "/committees/SAC/SWG 22/"),
        ("list of all 1,338 committees (reference)", anonymous, "/committees/"),
    ]
    print(f"{'case':<50} {'queries':>7} {'median':>9} {'p95':>9} {'CPU':>9}")
    with time_machine.travel(datetime(2026, 11, 20, 10, 0).astimezone(), tick=True):
        for name, client, url in cases:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            queries = []
            with connection.execute_wrapper(lambda execute, sql, *rest, seen=queries: seen.append(sql) or execute(sql, *rest)):
                client.get(url)
            median, p95, cpu = timed(lambda client=client, url=url: client.get(url), args.runs)
            print(f"{name:<50} {len(queries):>7} {median:>6.1f} ms {p95:>6.1f} ms {cpu:>6.1f} ms", flush=True)
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores)")


def _first_sc() -> str:
    from biaozhun.committees.models import Committee

    return Committee.objects.filter(kind="SC").order_by("pk").values_list("code", flat=True).first()


if __name__ == "__main__":
    main()
