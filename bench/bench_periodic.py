"""What follows filing at national scale: an authority's periodic-review list and the supersession scan, over the
national, industry and local tiers of the synthetic national catalogue (~44.5k + 80k + 70k editions).

    .venv/bin/python bench/bench_periodic.py --db /tmp/periodic/bench.sqlite3 [--runs 5] [--nationals 200]

The database is a catalogue imported with `manage.py catalog_import` (for instance the GB, industry and DB lines
of `bench/generate.py --scale national`) and indexed with `manage.py search_sync`. The script adds (once) a
ministry owning the eight industry codes with most editions and the provincial bureau with most local editions,
then times, as medians of `--runs`: the review page (待复审, 12 months ahead) and the API list of each; then the
first scan after `--nationals` new national editions whose titles repeat industry and local ones (each run
creates new editions and scans them), per national edition.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--nationals", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update(DJANGO_SETTINGS_MODULE="biaozhun.settings", DATABASE_URL=f"sqlite:///{args.db}",
                      ALLOWED_HOSTS="testserver", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.accounts.privacy import notice
    from biaozhun.accounts.privacy.consent import accept_privacy_notice
    from biaozhun.catalog.models import Standard, StandardEvent, Status
    from biaozhun.catalog.services import create_standard
    from biaozhun.core.actors import SYSTEM
    from biaozhun.filing.models import IndustryCodeOwner, SupersessionFlag, SupersessionScan
    from biaozhun.filing.services import scan_national_editions
    from biaozhun.search.feed import sync, sync_engine

    industry = list(Standard.objects.filter(tier="industry").values("industry_code").annotate(n=Count("id"))
                    .order_by("-n")[:8])
    province = (Standard.objects.filter(tier="local").exclude(region_code__regex=r"^\d{4}$").values("region_code")
                .annotate(n=Count("id")).order_by("-n").first())
    ministry, _ = Organisation.objects.get_or_create(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name="基准部委",
                                                     defaults={"industry_code": industry[0]["industry_code"]})
    for row in industry[1:]:
        IndustryCodeOwner.objects.get_or_create(code=row["industry_code"], defaults={"organisation": ministry})
    bureau, _ = Organisation.objects.get_or_create(kind=OrganisationKind.BUREAU, region_code=province["region_code"],
                                                   defaults={"name": "基准省市场监管局"})
    people = {}
    for name, organisation in (("bench-ministry", ministry), ("bench-bureau", bureau)):
        user = User.objects.filter(username=name).first() or User.objects.create_user(
            username=name, email=f"{name}@example.com", real_name=name, password=None)
        Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": MembershipRole.MEMBER})
        if user.privacy_version != notice.current_version():
            accept_privacy_notice(actor=user, version=notice.current_version(), address=None, language="zh-hans")
        people[name] = user
    owned = Standard.objects.filter(tier="industry", industry_code__in=[r["industry_code"] for r in industry])
    print(f"ministry owns {', '.join(r['industry_code'] for r in industry)}: {owned.count()} editions, "
          f"{owned.filter(status=Status.CURRENT).count()} in force; province {province['region_code']}: "
          f"{province['n']} editions")

    for name, user in people.items():
        client = Client()
        client.force_login(user)
        for label, url in (("review page", "/filing/work/reviews/?within=12"),
                           ("review page, overdue", "/filing/work/reviews/?tab=overdue"),
                           ("API list", "/api/v1/filings/reviews?within=12")):
            median, response = timed(lambda client=client, url=url: client.get(url, secure=True), args.runs)
            assert response.status_code == 200, (url, response.status_code)
            print(f"{name} {label}: median {median * 1000:.0f} ms")

    engine = sync_engine()
    sync(engine)
    # As the migration seeds it on a live catalogue: the imported editions are not news.
    SupersessionScan.objects.update_or_create(pk=1, defaults={
        "last_event_id": StandardEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0})
    sources = list(Standard.objects.filter(tier__in=["industry", "local"], status=Status.CURRENT)
                   .order_by("?").values_list("title_zh", "scope")[: args.nationals * args.runs])
    base = 90000 + Standard.objects.filter(tier="national", identifier__startswith="GB/T 9").count()
    today = date.today().isoformat()
    per_edition = []
    for run in range(args.runs):
        for i, (title, scope) in enumerate(sources[run * args.nationals:(run + 1) * args.nationals]):
            create_standard(actor=SYSTEM, data={"identifier": f"GB/T {base + run * args.nationals + i}-2026",
                                                "title_zh": title, "scope": scope, "published_on": today,
                                                "implemented_on": today})
        before = SupersessionFlag.objects.count()
        start = time.perf_counter()
        totals = scan_national_editions(actor=SYSTEM)
        elapsed = time.perf_counter() - start
        per_edition.append(elapsed / max(totals["national"], 1))
        print(f"scan of {totals['national']} new national editions: {elapsed:.2f} s, "
              f"{SupersessionFlag.objects.count() - before} flags, {totals}")
    print(f"scan per national edition: median {statistics.median(per_edition) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
