"""双随机、一公开 through the app: commit (population query + both canonical snapshots written) and draw (snapshots read
back, the pure draw, sample and assignment stored) of a 5 % campaign with an exclusion over N enterprises.

    .venv/bin/python bench/bench_campaign_draw.py [--enterprises 472000] [--inspectors 5000] [--keep DIR]

Builds a fresh SQLite database in a temporary directory (migrate, then direct bulk rows: one enterprise with its
profile and one published declaration each, counties over 31 provinces), a bureau with an inspector pool, and
times `commit_campaign` and `draw_campaign` once each (the pure draw alone: bench/bench_draw.py). The goal of the
issue (≤ 5 s for the draw with exclusions over 472k enterprises) is about the draw; the commit's population query
and snapshot are reported beside it.
"""

from __future__ import annotations

import argparse
import os
import random
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
    print(f"data: {args.enterprises} enterprises, {args.inspectors} inspectors "
          f"({time.perf_counter() - start:.1f} s to build) in {var}")
    campaign = services.create_campaign(SYSTEM, authority=bureau, year=2026, title="bench", rate="0.05",
                                        excluded_regions="6501,6502", check_items=["disclosure"])
    timings = {}
    for name, service in (("commit", services.commit_campaign), ("draw", services.draw_campaign)):
        began = time.perf_counter()
        campaign = service(SYSTEM, campaign=campaign)
        timings[name] = time.perf_counter() - began
    print(f"population {campaign.population_records}, eligible {campaign.result['population']['eligible']}, "
          f"drawn {campaign.result['sample_size']}")
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
