"""The yearly assessment of technical committees at national scale (issue 13): computing the assessments of all
1,338 committees of a year in one run, and the administration's list page (goal ≤ 50 ms), in a SQLite database of
its own.

    .venv/bin/python bench/bench_assessments.py [--feedback 100000] [--runs 30] [--fresh] [--only TEXT]

Builds (once; `--fresh` rebuilds) bench/out/db-assessments/bench.sqlite3: migrate, seed the reference tables, then
in bulk (as a migration of legacy records would) the 1,338 committees (550 TC, 766 SC, 22 SWG) with a secretariat
each and 9–52 voting seats, the work of each around 2025 from biaozhun/datagen/assessments.py (standards with their
publication dates, projects with deadlines and their delivery or termination events, periodic reviews, comments,
ballots with their votes), the mirrored ISO/IEC committees' records (45 % of committees have one; 15 records each,
60 % adopted) and 100,000 feedback items from biaozhun/datagen/feedback.py.

Then, on 1 February 2026 (time-machine): the yearly run for 2025 (every committee's assessment created and computed,
its events written), and a second run (every assessment recomputed in place), each timed once with its query count;
then, through Django's test client after two warm-up requests, median and p95 of `--runs`: the administration's list
(as the national administration's reviewer) unfiltered, by grade, the committees below the pass mark, page 20, a
search; its API; one assessment's page; the busiest committee's annual report as XLSX and as PDF.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from benchenv import open_site

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "bench/out/db-assessments/bench.sqlite3"
YEAR = 2025
TODAY = datetime(2026, 2, 1, 10, 0)


def _standard(ident, *, tc_code: str, published: date, tier: str, now, confirmed: date | None = None):
    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.records import edition_key, encode_sort_key

    return Standard(identifier=ident.canonical, edition=edition_key(ident), undated=ident.undated, series=ident.series,
                    sort_key=encode_sort_key(ident), tier=tier, nature="recommended" if tier == "national" else "",
                    prefix=ident.prefix, number=ident.number, part=ident.part or "", year=ident.year,
                    title_zh=f"标准 {ident.number}", tc_code=tc_code, status="current", published_on=published,
                    implemented_on=published, confirmed_on=confirmed, created_at=now, updated_at=now)


def load(feedback_items: int, fresh: bool) -> None:  # noqa: C901 (one loader, step by step)
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.catalog.models import Standard, StandardRelation
    from biaozhun.committees.models import Committee, Member
    from biaozhun.datagen.assessments import committee_work
    from biaozhun.datagen.feedback import ANSWER, committees
    from biaozhun.datagen.feedback import feedback_items as make_feedback
    from biaozhun.development.models import Ballot, Comment, PeriodicReview, Project, ProjectEvent, Vote
    from biaozhun.feedback.models import Feedback
    from biaozhun.identifiers import parse
    from biaozhun.reference.selectors import working_calendar

    if not fresh and Committee.objects.exists():
        return
    started = time.perf_counter()
    call_command("seed_reference", verbosity=0)
    calendar = working_calendar()
    rng = random.Random(2019)
    now = timezone.make_aware(datetime(2026, 1, 15, 12, 0))

    def at(day: date):
        return timezone.make_aware(datetime.combine(day, day_time(10)))

    codes = committees()
    works = list(committee_work(len(codes), year=YEAR))
    with transaction.atomic():
        top = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
        reviewer = User.objects.create_user(username="reviewer", email="reviewer@example.com", real_name="审",
                                            password=None)
        Membership.objects.create(user=reviewer, organisation=top, role=MembershipRole.REVIEWER)
        author = User.objects.create_user(username="author", email="author@example.com", real_name="意见人",
                                          password=None)
        offices = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.TC_SECRETARIAT, tc_code=code, name=f"{code} 秘书处") for code in codes])
        rows = Committee.objects.bulk_create([
            Committee(code=code, kind="SC" if "/SC " in code else ("SWG" if "SWG" in code else "TC"),
                      name_zh=f"全国第{index + 1}标准化技术委员会", secretariat=office,
                      international_counterpart=f"ISO/TC {index + 1}" if work.counterpart else "")
            for index, (code, office, work) in enumerate(zip(codes, offices, works, strict=True))])
        Member.objects.bulk_create([
            Member(committee=committee, name=f"委员{n}", organisation=f"单位{n}", stakeholder=category, voting=True,
                   term_start=date(2020, 1, 1), term_end=date(2030, 12, 31))
            for committee, work in zip(rows, works, strict=True) for n, category in enumerate(work.seats)],
            batch_size=5000)
        members = {}
        for member in Member.objects.order_by("pk").only("pk", "committee_id"):
            members.setdefault(member.committee_id, []).append(member)
        # Standards: each committee's national ones, and the mirrored committees' ISO records (some adopted).
        standards, isos, adoptions = [], [], []
        number = 10000
        for committee, work in zip(rows, works, strict=True):
            confirmed = {review.standard: review.concluded_on for review in work.reviews if review.confirm}
            for position, published in enumerate(work.standards):
                number += 1
                ident = parse(f"GB/T {number}-{published.year}")
                standards.append(_standard(ident, tc_code=committee.code, published=published, tier="national", now=now,
                                           confirmed=confirmed.get(position)))
            if work.counterpart:
                for n in range(15):
                    ident = parse(f"ISO {number * 10 + n}:2018")
                    isos.append((_standard(ident, tc_code=committee.international_counterpart,
                                           published=date(2018, 5, 1), tier="international", now=now),
                                 rng.random() < 0.6, committee.code))
        Standard.objects.bulk_create(standards, batch_size=5000)
        Standard.objects.bulk_create([iso for iso, _adopted, _code in isos], batch_size=5000)
        by_code: dict[str, list] = {}
        for standard in standards:
            by_code.setdefault(standard.tc_code, []).append(standard)
        for iso, adopted, code in isos:
            if adopted:
                source = rng.choice(by_code[code])
                adoptions.append(StandardRelation(source=source, kind="adopts", target=iso,
                                                  target_identifier=iso.identifier, target_key=iso.edition,
                                                  degree=rng.choice(["IDT", "IDT", "MOD", "NEQ"])))
        StandardRelation.objects.bulk_create(adoptions, batch_size=5000, ignore_conflicts=True)
        # Projects, their moves, comments, ballots and votes; periodic reviews.
        projects, moves, reviews, ballots = [], [], [], []
        plan = 0
        for committee, work in zip(rows, works, strict=True):
            for item in work.projects:
                plan += 1
                stage = "approval" if item.delivered_on and item.delivered_on <= TODAY.date() else (
                    "terminated" if item.terminated_on else "drafting")
                projects.append(Project(plan_number=f"2023{plan:05d}-T-{committee.pk % 1000:03d}",
                                        title_zh=f"项目 {plan}", kind="new", nature="recommended", committee=committee,
                                        stage=stage, deadline=item.deadline, created_at=now))
            for review in work.reviews:
                reviews.append((committee, by_code[committee.code][review.standard], review))
        Project.objects.bulk_create(projects, batch_size=5000)
        position = 0
        first_project = {}
        for committee, work in zip(rows, works, strict=True):
            for item in work.projects:
                project = projects[position]
                position += 1
                first_project.setdefault(committee.pk, project)
                if item.delivered_on and item.delivered_on <= TODAY.date():
                    moves.append(ProjectEvent(project=project, kind="moved", from_stage="review", to_stage="approval",
                                              at=at(item.delivered_on)))
                if item.terminated_on:
                    moves.append(ProjectEvent(project=project, kind="moved", from_stage="drafting",
                                              to_stage="terminated", at=at(item.terminated_on)))
        ProjectEvent.objects.bulk_create(moves, batch_size=5000)
        PeriodicReview.objects.bulk_create([
            PeriodicReview(standard=standard, committee=committee, conclusion="confirm" if review.confirm else "revise",
                           concluded_on=review.concluded_on, at=at(review.concluded_on))
            for committee, standard, review in reviews], batch_size=5000)
        comments = []
        for committee, work in zip(rows, works, strict=True):
            project = first_project.get(committee.pk)
            if project is None:
                continue
            for n, (day, disposed) in enumerate(work.comments, 1):
                comments.append(Comment(project=project, number=n, period="comment", text="意见", author=author,
                                        author_name="意见人", submitted_at=at(day),
                                        disposition="accepted" if disposed else ""))
            for ballot in work.ballots:
                ballots.append((Ballot(project=project, method="letter", opened_at=at(ballot.closed_on - timedelta(30)),
                                       closes_on=ballot.closed_on, closed_at=at(ballot.closed_on),
                                       members=ballot.roll), committee, ballot))
        Comment.objects.bulk_create(comments, batch_size=5000)
        Ballot.objects.bulk_create([ballot for ballot, _c, _w in ballots], batch_size=5000)
        Vote.objects.bulk_create([
            Vote(ballot=ballot, member=member, choice="approve" if n < work.cast else "")
            for ballot, committee, work in ballots for n, member in enumerate(members[committee.pk][:work.roll])],
            batch_size=5000)
        # Feedback, as bench_feedback.py makes it.
        feedback = []
        for item in make_feedback(feedback_items, len(codes), today=TODAY.date(), answer_days=20):
            received = at(item.received_on)
            committee = rows[item.committee]
            feedback.append(Feedback(
                tracking_number=item.tracking_number, standard=rng.choice(by_code[committee.code]), committee=committee,
                category=item.category, clause=item.clause, text=item.text, pseudonym=item.pseudonym, state=item.state,
                received_at=received, assigned_to=offices[item.committee],
                acknowledge_due=calendar.add_working_days(item.received_on, 5).day,
                answer_due=calendar.add_working_days(item.received_on, 20).day,
                answered_at=received + timedelta(days=item.answered_after) if item.answered_after is not None else None,
                answer=ANSWER if item.answered_after is not None else "",
                answer_working_days=item.answer_working_days, answered_late=item.answered_late, updated_at=received))
        Feedback.objects.bulk_create(feedback, batch_size=5000)
    print(f"loaded {len(rows):,} committees, {sum(len(m) for m in members.values()):,} seats, {len(standards):,} "
          f"standards, {len(isos):,} ISO records ({len(adoptions):,} adoptions), {len(projects):,} projects "
          f"({len(moves):,} moves), {len(reviews):,} reviews, {len(comments):,} comments, {len(ballots):,} ballots, "
          f"{len(feedback):,} feedback items in {time.perf_counter() - started:.0f} s", flush=True)


def timed(fn, runs: int) -> tuple[float, float]:
    """(median, p95) in ms of `runs` calls after two warm-up calls."""
    fn()
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feedback", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    parser.add_argument("--only", default="", help="only the page cases whose name contains this")
    args = parser.parse_args()
    open_site(DB, fresh=args.fresh)
    import time_machine
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from biaozhun.accounts.models import User
    from biaozhun.assessments.models import Assessment
    from biaozhun.assessments.services import run_assessments
    from biaozhun.core.actors import SYSTEM
    from biaozhun.core.db_statistics import refresh_statistics

    load(args.feedback, args.fresh)
    refresh_statistics()
    with time_machine.travel(TODAY.astimezone(), tick=True):
        if not args.only:
            # The first run of a year creates every assessment: measured, then undone, so that each run of the bench
            # starts from none (assessment events are append-only); then done and kept for the pages (a recomputation
            # if an earlier run of the bench kept it already), and once more, recomputing every assessment in place.
            for undo in (True, False, False):
                with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    result = run_assessments(actor=SYSTEM, year=YEAR)
                    elapsed = time.perf_counter() - start
                    transaction.set_rollback(undo)
                what = "created and computed" if result.created else "recomputed in place"
                print(f"run over {result.computed:,} committees, every assessment {what}{' (undone)' if undo else ''}: "
                      f"{elapsed:.2f} s, {len(queries)} queries", flush=True)
        refresh_statistics()
        grades = dict(Assessment.objects.filter(year=YEAR).values_list("grade").annotate(n=Count("pk")))
        print(f"grades of {YEAR}: {grades}")
        client = Client()
        client.force_login(User.objects.get(username="reviewer"))
        busiest = (Assessment.objects.filter(year=YEAR).order_by("-figures__projects_on_time__denominator", "pk")
                   .first())
        cases = [
            ("list of the year (50 of 1,338)", f"/assessments/?year={YEAR}"),
            ("list, grade 不合格", f"/assessments/?year={YEAR}&grade=fail"),
            ("list, below the pass mark", f"/assessments/?year={YEAR}&show=flagged"),
            ("list, page 20", f"/assessments/?year={YEAR}&page=20"),
            ("list, search 'TC 12'", f"/assessments/?year={YEAR}&q=TC+12"),
            ("API list (100)", f"/api/v1/assessments/?year={YEAR}&limit=100"),
            ("one assessment's page (busiest)", f"/assessments/{busiest.pk}/"),
            ("annual report XLSX (busiest)", f"/assessments/reports/{busiest.committee_id}/{YEAR}.xlsx"),
            ("annual report PDF (busiest)", f"/assessments/reports/{busiest.committee_id}/{YEAR}.pdf"),
        ]
        print(f"{'case':<44} {'median':>9} {'p95':>9} {'queries':>8}")
        for name, url in cases:
            if args.only not in name:
                continue
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            count = len(queries)  # now: the next request empties the log again
            median, p95 = timed(lambda url=url: client.get(url), args.runs)
            print(f"{name:<44} {median:>6.1f} ms {p95:>6.1f} ms {count:>8}", flush=True)


if __name__ == "__main__":
    main()
