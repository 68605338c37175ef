"""Bulk declaration import on the embedded default (issue 12; goal: ≥ 10,000 rows/s on SQLite).

    .venv/bin/python bench/bench_declaration_import.py [--var bench/out/declarations] [--rows 50000] [--runs 3]

Sets up once (rerunning reuses it) a database with the reference tables, 300 national editions (one in five
replaced by a newer one, so NOT_CURRENT fires) and, per run, 200 enterprises with their profiles. Each run writes,
untimed, a JSONL file of `--rows` rows for its own enterprises: 70 % rows of catalogue standards (1–3 products per
enterprise and standard), 30 % rows of enterprise standards with a 5-row indicator table (one in ten over the
diesel sulfur limit, so BELOW_MANDATORY fires). Then it times reading the file and `import_declarations` (every
row checked, written in committed batches). Prints the median of the runs (bench/timing.py) in rows per second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.benchenv import django_env  # noqa: E402
from bench.timing import median_seconds  # noqa: E402

ENTERPRISES_PER_RUN = 200
EDITIONS = 300


def setup() -> list[str]:
    from django.core.management import call_command

    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.services import create_standard
    from biaozhun.core.actors import SYSTEM

    call_command("migrate", verbosity=0)
    if not Standard.objects.filter(identifier__startswith="GB/T 7").exists():
        call_command("seed_reference", verbosity=0)
        for n in range(EDITIONS):
            number = 70000 + n
            base = {"title_zh": f"测试产品{n} 技术条件", "ccs": "A00", "ics": ["03.120.10"]}
            create_standard(actor=SYSTEM, data={**base, "identifier": f"GB/T {number}-2010",
                                                "published_on": "2010-01-01", "implemented_on": "2010-06-01"})
            if n % 5 == 0:
                create_standard(actor=SYSTEM, data={**base, "identifier": f"GB/T {number}-2020",
                                                    "published_on": "2020-01-01", "implemented_on": "2020-06-01",
                                                    "replaces": [f"GB/T {number}-2010"]})
    return list(Standard.objects.filter(identifier__startswith="GB/T 7").values_list("identifier", flat=True))


def enterprises(run: int) -> list[tuple[str, str]]:
    """(USCC, enterprise code) of this run's enterprises, created once."""
    from stdnum.cn import uscc

    from biaozhun.accounts.models import Organisation, OrganisationKind
    from biaozhun.declarations.models import EnterpriseProfile

    made = []
    for k in range(ENTERPRISES_PER_RUN):
        body = f"91320100{run:03d}{k:06d}"
        code = body + uscc.calc_check_digit(body)
        organisation, _ = Organisation.objects.get_or_create(uscc=code, defaults={
            "kind": OrganisationKind.ENTERPRISE, "name": f"基准企业{run}-{k}"})
        EnterpriseProfile.objects.get_or_create(organisation=organisation, defaults={
            "region_code": "320102", "standard_code": f"B{run}X{k}"})
        made.append((code, f"B{run}X{k}"))
    return made


def write_rows(path: Path, rows: int, run: int, editions: list[str]) -> None:
    rng = random.Random(run)
    firms = enterprises(run)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        serial = 0
        while written < rows:
            code, own = firms[serial % len(firms)]
            serial += 1
            if rng.random() < 0.7:
                number = editions[serial % len(editions)]
                for p in range(1 + serial % 3):
                    out.write(json.dumps({"uscc": code, "product": {"name": f"产品{serial % 97}", "model": f"M{p}"},
                                          "identifier": number}, ensure_ascii=False) + "\n")
                    written += 1
            else:
                sulfur = 50 if serial % 10 == 0 else 8
                indicators = [{"name": "硫含量", "unit": "mg/kg", "comparator": "le", "upper": sulfur},
                              {"name": "闪点", "unit": "℃", "comparator": "ge", "lower": 60},
                              {"name": "十六烷值", "unit": "", "comparator": "ge", "lower": 51},
                              {"name": "密度", "unit": "kg/m3", "comparator": "range", "lower": 810, "upper": 845},
                              {"name": "外观", "comparator": "text", "text": "清澈透明"}]
                out.write(json.dumps({"uscc": code, "product": {"name": "车用柴油", "model": f"{serial}号"},
                                      "identifier": f"Q/{own} {serial}-2025", "title": "车用柴油",
                                      "indicators": indicators}, ensure_ascii=False) + "\n")
                written += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var", default=str(ROOT / "bench" / "out" / "declarations"))
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    var = Path(args.var)
    var.mkdir(parents=True, exist_ok=True)
    os.environ.update(django_env(DJANGO_SETTINGS_MODULE="biaozhun.settings", BIAOZHUN_VAR_DIR=str(var),
                                 DATABASE_URL=f"sqlite:///{var / 'bench.sqlite3'}"))
    import django

    django.setup()
    from biaozhun.core.actors import SYSTEM
    from biaozhun.core.upload_limits import Profile, read_limits
    from biaozhun.declarations.bulk_format import read_records
    from biaozhun.declarations.models import DeclarationImport
    from biaozhun.declarations.services.bulk import import_declarations

    editions = setup()
    start_run = DeclarationImport.objects.count()
    files = []
    for index in range(args.runs):
        path = var / f"rows-{args.rows}-{start_run + index}.jsonl"
        write_rows(path, args.rows, start_run + index, editions)
        files.append(path)
    pending = list(files)
    results = []

    cpu = []

    def one_run():
        path = pending.pop(0)
        started = time.process_time()
        with open(path, "rb") as stream:
            records, kind = read_records(stream, path.name, read_limits(Profile.IMPORT))
        job = import_declarations(actor=SYSTEM, records=records, source_name=path.name,
                                  sha256=f"bench-{path.name}-{time.time()}", file_format=kind)
        assert job.state == DeclarationImport.State.DONE, job.errors[:3]
        results.append((job.total_rows, job.declared))
        cpu.append(time.process_time() - started)
        return job

    seconds, _job = median_seconds(one_run, args.runs)
    rows = args.rows
    print(f"rows per run: {rows}; declarations per run: {[d for _r, d in results]}")
    print(f"median of {args.runs}: {seconds:.2f} s → {rows / seconds:,.0f} rows/s "
          f"(CPU time of this process, median: {statistics.median(cpu):.2f} s; the machine is shared)")


if __name__ == "__main__":
    main()
