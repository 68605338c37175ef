"""双随机、一公开 through the app: commit (population query + both canonical snapshots written) and draw (snapshots read
back, the pure draw, sample and assignment stored) of a 5 % campaign with an exclusion over N enterprises.

    .venv/bin/python bench/bench_campaign_draw.py [--enterprises 472000] [--inspectors 5000] [--keep DIR]
        [--runs 1] [--profile] [--verify]

Builds a fresh SQLite database in a temporary directory (migrate, then direct bulk rows: one enterprise with its
profile and one published declaration each, counties over 31 provinces), a bureau with an inspector pool, and
times `commit_campaign` and `draw_campaign` (the pure draw alone: bench/bench_draw.py); with `--runs N`, N
campaigns one after the other, and the medians. The goal of the issue (≤ 5 s for the draw with exclusions over
472k enterprises) is about the draw; the commit's population query and snapshot are reported beside it.

`--keep DIR` uses (and keeps) DIR/bench.sqlite3: a database made by an earlier run, or the national-scale
declarations database of `bench/generate_declarations.py --scale 1` (`--keep bench/out/db-declarations`: 472,459
enterprises with 3.2 M declarations; enterprises are only made when the database has none). `--profile` prints
where one draw spends its time (cProfile, by cumulative and own time); `--verify` re-runs every draw through the
verify page's path (`drawing.rerun`, the slow independent one) and says whether it matches what was stored.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchenv import django_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=472_000)
    parser.add_argument("--inspectors", type=int, default=5_000)
    parser.add_argument("--keep", help="use (and keep) this directory instead of a temporary one")
    parser.add_argument("--runs", type=int, default=1, help="campaigns to commit and draw (medians reported)")
    parser.add_argument("--profile", action="store_true", help="profile the first draw (cProfile)")
    parser.add_argument("--verify", action="store_true", help="re-run each draw the slow way and compare")
    args = parser.parse_args()
    var = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-campaign-"))
    var.mkdir(parents=True, exist_ok=True)
    os.environ.update(django_env(BIAOZHUN_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var / 'bench.sqlite3'}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biaozhun.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from biaozhun.accounts.models import Organisation, OrganisationKind
    from biaozhun.core.actors import SYSTEM
    from biaozhun.declarations.models import Declaration, EnterpriseProfile
    from biaozhun.inspections import services
    from biaozhun.inspections.models import Inspector

    rng = random.Random(12)
    provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
                 54, 61, 62, 63, 64, 65]
    counties = [f"{p:02d}{c:02d}{d:02d}" for p in provinces for c in range(1, 10) for d in range(1, 8)]
    start = time.perf_counter()
    if not Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE).exists():
        batch = 20_000
        for first in range(0, args.enterprises, batch):
            numbers = range(first, min(first + batch, args.enterprises))
            orgs = Organisation.objects.bulk_create(
                [Organisation(kind=OrganisationKind.ENTERPRISE, name=f"企业{n}", uscc=f"91{n:016d}") for n in numbers])
            regions = [rng.choice(counties) for _ in orgs]
            EnterpriseProfile.objects.bulk_create(
                [EnterpriseProfile(organisation=o, region_code=r, industry_class=rng.choice(("C38", "C39", "C13")))
                 for o, r in zip(orgs, regions, strict=True)])
            Declaration.objects.bulk_create(
                [Declaration(enterprise=o, region_code=r, source="enterprise", tier="enterprise",
                             identifier=f"Q/B {o.pk}-2025", undated=f"Q/B {o.pk}", title="产品")
                 for o, r in zip(orgs, regions, strict=True)])
    bureau = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION).first() or \
        Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
    if not Inspector.objects.filter(authority=bureau).exists():
        Inspector.objects.bulk_create([Inspector(authority=bureau, number=f"I{n:05d}", name=f"检查员{n}",
                                                 organisation=f"单位{n % 400}", region_code=rng.choice(counties))
                                       for n in range(args.inspectors)])
    print(f"data: {Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE).count()} enterprises, "
          f"{Inspector.objects.filter(authority=bureau).count()} inspectors "
          f"({time.perf_counter() - start:.1f} s to build) in {var}")
    from biaozhun.inspections import drawing

    timings: dict[str, list[float]] = {"commit": [], "draw": []}
    cpu: dict[str, list[float]] = {"commit": [], "draw": []}  # this process's CPU time: what load on a shared
    # machine changes least (wall time waits for a core when other work runs)
    for run in range(args.runs):
        campaign = services.create_campaign(SYSTEM, authority=bureau, year=2026, title=f"bench {run + 1}",
                                            rate="0.05", excluded_regions="6501,6502", check_items=["disclosure"])
        for name, service in (("commit", services.commit_campaign), ("draw", services.draw_campaign)):
            profiler = cProfile.Profile() if args.profile and name == "draw" and run == 0 else None
            began, began_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            campaign = service(SYSTEM, campaign=campaign)
            if profiler:
                profiler.disable()
            timings[name].append(time.perf_counter() - began)
            cpu[name].append(time.process_time() - began_cpu)
        print(f"run {run + 1}: population {campaign.population_records}, eligible "
              f"{campaign.result['population']['eligible']}, drawn {campaign.result['sample_size']}; "
              f"commit {timings['commit'][-1]:.2f} s (CPU {cpu['commit'][-1]:.2f} s), draw {timings['draw'][-1]:.2f} s "
              f"(CPU {cpu['draw'][-1]:.2f} s), load average {os.getloadavg()[0]:.1f}", flush=True)
        if profiler:
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(25)
                print(out.getvalue())
        if args.verify:
            began = time.perf_counter()
            result = drawing.verification(campaign, drawing.rerun(campaign))
            print(f"  verified the slow way in {time.perf_counter() - began:.2f} s: "
                  f"{'matches' if result.matches else 'MISMATCH ' + ', '.join(result.problems)}", flush=True)
    for name, seconds in timings.items():
        print(f"{name}: median {statistics.median(seconds):.2f} s of {len(seconds)} "
              f"({' / '.join(f'{s:.2f}' for s in seconds)}); CPU median {statistics.median(cpu[name]):.2f} s")


if __name__ == "__main__":
    main()
