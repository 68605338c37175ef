"""The development workflow at national scale: the daily sweep, the secretariat's and reviewers' pages, the public
lists and the API, over tens of thousands of projects beside the 3.44 M-edition catalogue.

    .venv/bin/python bench/bench_development.py [--db bench/out/db-national/bench.sqlite3] [--projects 50000]
                                                [--runs 5]

Loads (once; rerunning reuses them) one committee per technical committee code in the catalogue, nine members
each, and `--projects` projects spread over the committees and over every stage, with plan dates over the last
three years, events, comments and ballots — written in bulk, as a migration of legacy data would. Then times, as
medians of `--runs`: the first sweep (catching up: every overdue project frozen once, with its event and emails
queued), the next day's sweep (steady state), and pages through Django's test client: the largest committee's
dashboard, the reviewer queue, the periodic-review list of the committee with most standards, a public list,
a project page, and the API list.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPEN = ["proposal", "notice", "planned", "drafting", "comment", "disposition", "review", "approval"]
CLOSED = ["published", "in_force", "terminated", "suspended"]


def load(args) -> None:
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.catalog.models import Standard
    from biaozhun.committees.models import Committee, Member
    from biaozhun.development.models import Ballot, Comment, Project, ProjectEvent
    from biaozhun.rules.cycles import approval_deadline

    if Project.objects.count() >= args.projects:
        return
    rng = random.Random(2019)
    today = date.today()
    started = time.perf_counter()
    with transaction.atomic():
        codes = sorted(set(Standard.objects.exclude(tc_code="").values_list("tc_code", flat=True)))
        existing = set(Committee.objects.values_list("code", flat=True))
        Committee.objects.bulk_create([
            Committee(code=code, kind="SC" if "/SC" in code else "TC", name_zh=f"全国第{i}标准化技术委员会")
            for i, code in enumerate(codes) if code not in existing])
        committees = list(Committee.objects.order_by("id"))
        if not Member.objects.exists():
            categories = ["producer", "user", "research", "testing", "government", "producer", "consumer",
                          "research", "user"]
            Member.objects.bulk_create([
                Member(committee=c, name=f"委员{c.pk}-{i}", organisation=f"单位{i}", stakeholder=categories[i],
                       term_start=date(2024, 1, 1), term_end=date(2028, 12, 31))
                for c in committees for i in range(9)])
        user = User.objects.filter(username="bench-secretary").first()
        if user is None:
            user = User.objects.create_user(username="bench-secretary", email="bench@example.com",
                                            real_name="秘书", password=None)
            reviewer = User.objects.create_user(username="bench-reviewer", email="reviewer@example.com",
                                                real_name="审核", password=None)
            administration = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION,
                                                         name="国家标准化管理委员会")
            Membership.objects.create(user=reviewer, organisation=administration, role=MembershipRole.REVIEWER)
        projects, events, comments, ballots = [], [], [], []
        now = timezone.now()
        for i in range(args.projects):
            committee = committees[i % len(committees)] if i % 50 else committees[0]  # the first is the busiest
            stage = rng.choice(OPEN * 3 + CLOSED)
            planned = today - timedelta(days=rng.randint(0, 3 * 365))
            has_plan = stage not in ("proposal", "notice")
            nature = "mandatory" if i % 7 == 0 else "recommended"
            deadline = approval_deadline(planned, nature) if has_plan else None
            period_end = today + timedelta(days=rng.randint(-5, 50)) if stage in ("notice", "comment") else None
            projects.append(Project(
                plan_number=f"{planned.year}{i:06d}-{'Q' if nature == 'mandatory' else 'T'}-469" if has_plan else None,
                title_zh=f"项目{i} 通用技术要求", kind="new", nature=nature, committee=committee, stage=stage,
                plan_issued_on=planned if has_plan else None, deadline=deadline, period_opened_on=period_end and
                period_end - timedelta(days=60), period_ends_on=period_end,
                created_at=now - timedelta(days=rng.randint(0, 1200))))
        Project.objects.bulk_create(projects, batch_size=5000)
        for project in Project.objects.filter(pk__gte=projects[0].pk).only("id", "stage"):
            at = now - timedelta(days=400)
            for stage in OPEN[: (OPEN.index(project.stage) + 1) if project.stage in OPEN else 6]:
                events.append(ProjectEvent(project_id=project.pk, kind="moved", to_stage=stage, at=at))
                at += timedelta(days=30)
            if project.stage in ("comment", "disposition", "review", "approval") and project.pk % 3 == 0:
                comments += [Comment(project_id=project.pk, number=n, period="comment", text="建议修改。",
                                     author=user, author_name="秘书", submitted_at=at,
                                     disposition="" if project.stage in ("comment", "disposition") else "accepted")
                             for n in range(1, 6)]
            if project.stage == "review" and project.pk % 2 == 0:
                ballots.append(Ballot(project_id=project.pk, method="letter", opened_at=at,
                                      closes_on=today + timedelta(days=rng.randint(-3, 20)), members=9))
        ProjectEvent.objects.bulk_create(events, batch_size=10000)
        Comment.objects.bulk_create(comments, batch_size=10000)
        Ballot.objects.bulk_create(ballots, batch_size=5000)
    print(f"loaded {Project.objects.count()} projects, {ProjectEvent.objects.count()} events, "
          f"{Comment.objects.count()} comments, {Ballot.objects.count()} ballots over {len(committees)} committees "
          f"in {time.perf_counter() - started:.1f} s")


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "bench/out/db-national/bench.sqlite3"))
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update(DJANGO_SETTINGS_MODULE="biaozhun.settings", DATABASE_URL=f"sqlite:///{args.db}",
                      ALLOWED_HOSTS="testserver", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.catalog.models import Standard
    from biaozhun.core.actors import SYSTEM
    from biaozhun.development.models import Project
    from biaozhun.development.sweep import sweep

    call_command("migrate", verbosity=0)
    load(args)
    busiest = Project.objects.values("committee__code").annotate(n=Count("id")).order_by("-n").first()
    largest = Standard.objects.exclude(tc_code="").values("tc_code").annotate(n=Count("id")).order_by("-n").first()
    secretary = User.objects.get(username="bench-secretary")
    organisation, _ = Organisation.objects.get_or_create(kind=OrganisationKind.TC_SECRETARIAT,
                                                         tc_code=busiest["committee__code"],
                                                         defaults={"name": "秘书处"})
    Membership.objects.get_or_create(user=secretary, organisation=organisation,
                                     defaults={"role": MembershipRole.SECRETARY})

    first_start = time.perf_counter()
    counts = sweep(actor=SYSTEM, today=date.today())
    first = time.perf_counter() - first_start
    print(f"first sweep (catch-up): {first:.2f} s, {counts}")
    steady, counts = timed(lambda: sweep(actor=SYSTEM, today=date.today() + timedelta(days=1)), args.runs)
    print(f"next day's sweep: median {steady * 1000:.0f} ms, {counts}")

    client = Client()
    client.force_login(secretary)
    reviewer = Client()
    reviewer.force_login(User.objects.get(username="bench-reviewer"))
    project = Project.objects.filter(stage="comment").order_by("id").first()
    pages = [
        (f"dashboard of {busiest['committee__code']} ({busiest['n']} projects)", client,
         f"/projects/dashboard/?committee={busiest['committee__code']}"),
        ("reviewer queue", reviewer, "/projects/queue/"),
        (f"periodic review list of {largest['tc_code']} ({largest['n']} editions)", reviewer,
         f"/projects/reviews/?committee={largest['tc_code']}"),
        ("public list 正在起草", Client(), "/projects/?list=drafting"),
        ("project page", client, f"/projects/{project.pk}/"),
        ("API list", Client(), "/api/v1/projects/?stage=comment"),
    ]
    for name, who, url in pages:
        median, response = timed(lambda who=who, url=url: who.get(url), args.runs)
        assert response.status_code == 200, (url, response.status_code)
        print(f"{name}: median {median * 1000:.0f} ms")


if __name__ == "__main__":
    main()
