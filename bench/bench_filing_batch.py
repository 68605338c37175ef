"""Batch filing at realistic scale (issue 11; goal: a batch of 1,000 filings checked and filed in ≤ 60 s).

    .venv/bin/python bench/bench_filing_batch.py [--var bench/out/filing-batch] [--scale regional] [--rows 1000]
                                                 [--runs 3] [--format xlsx|jsonl]

Loads once (rerunning reuses it) a catalogue of the tiers a filing is checked against at their end-2023 sizes
(`regional`: 44,499 national, 80,828 industry and 69,709 local editions; `demo` for a quick look) with its search
index, and two authorities: a ministry owning eleven industry codes and a provincial bureau (江苏, 32). Each run
builds, untimed, two batches of `--rows` rows, one per authority, from generated records (titles and scopes across
industries and subjects, one in ten replacing an edition of the catalogue), with a small real PDF per row (the demo
catalogue's renderer: cover, foreword, clauses, in Chinese) in a ZIP; then times the upload (`receive_batch`) and the
task (`process_batch`: the check pass, then the filing pass through `submit_filing`), and splits the time by
phase. Prints the medians of the runs.
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import random
import statistics
import sys
import time
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.benchenv import django_env  # noqa: E402

SCALES = {"regional": {"national": 44_499, "industry": 80_828, "local": 69_709}, "demo": "demo"}
MINISTRY_CODES = ["JB", "QC", "SJ", "YD", "HG", "FZ", "QB", "JC", "YB", "YS", "XB"]
TIMES: dict[str, float] = defaultdict(float)
PHASE = [""]  # the pass under way: "check" or "filing"


@contextmanager
def timed(name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        spent = time.perf_counter() - started
        TIMES[name] += spent
        if PHASE[0]:
            TIMES[f"{name} ({PHASE[0]})"] += spent


def wrap_phase(module, name: str, label: str, phase: str) -> None:
    original = getattr(module, name)

    def timed_call(*args, **kwargs):
        PHASE[0] = phase
        try:
            with timed(label):
                return original(*args, **kwargs)
        finally:
            PHASE[0] = ""

    setattr(module, name, timed_call)


def wrap(module, name: str, label: str) -> None:
    """Time every call of module.name under `label` (nested labels are subtracted in the report)."""
    original = getattr(module, name)

    def timed_call(*args, **kwargs):
        with timed(label):
            return original(*args, **kwargs)

    setattr(module, name, timed_call)


def setup(args) -> None:
    from django.core.management import call_command

    from biaozhun.catalog.models import Standard

    call_command("migrate", verbosity=0)
    if Standard.objects.exists():
        return
    call_command("seed_reference", verbosity=0)
    import json

    from biaozhun.datagen import generate

    source = Path(args.var) / f"catalogue-{args.scale}.jsonl"
    started = time.perf_counter()
    with open(source, "w", encoding="utf-8") as out:
        for record in generate(SCALES[args.scale], seed=2019):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    call_command("catalog_import", str(source), "--no-progress", "--batch-size", "5000")
    call_command("search_rebuild", "--no-progress")
    print(f"catalogue loaded and indexed in {time.perf_counter() - started:.0f} s", flush=True)


def authorities():
    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.filing.models import IndustryCodeOwner

    ministry, _ = Organisation.objects.get_or_create(
        name="工业和信息化部", defaults={"kind": OrganisationKind.GOVERNMENT_DEPARTMENT, "industry_code": "JB"})
    for code in MINISTRY_CODES[1:]:
        IndustryCodeOwner.objects.get_or_create(code=code, defaults={"organisation": ministry})
    bureau, _ = Organisation.objects.get_or_create(
        name="江苏省市场监督管理局", defaults={"kind": OrganisationKind.BUREAU, "region_code": "32"})
    people = []
    for organisation, username in ((ministry, "bench-ministry"), (bureau, "bench-bureau")):
        user, created = User.objects.get_or_create(username=username, defaults={"real_name": username})
        if created:
            Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.MEMBER)
        people.append((organisation, user))
    return people


def batch_files(organisation, run: int, rows: int, fmt: str) -> tuple[bytes, bytes]:
    """The data file and the ZIP of one batch: generated records renumbered into the authority's codes."""
    from biaozhun.catalog.demo.pdf import render_standard_pdf
    from biaozhun.catalog.models import Standard
    from biaozhun.datagen import generate
    from biaozhun.filing.batch_format import FIELDS, header_label
    from biaozhun.filing.batch_format import TEMPLATE_FIELDS as COLUMNS

    industry = bool(organisation.industry_code)
    rng = random.Random(run * 7 + industry)
    tier = "industry" if industry else "local"
    source = generate({tier: rows * 3}, seed=2026 + run)
    records = [r for r in source if "-" in r["identifier"]]
    rng.shuffle(records)
    codes = MINISTRY_CODES if industry else ["32"]
    replaceable = list(Standard.objects.filter(**({"industry_code__in": codes} if industry else {"region_code": "32"}))
                       .exclude(status__in=["replaced", "abolished"]).values_list("identifier", flat=True)[:rows])
    today = date.today()
    data_rows, texts = [], {}
    for index, record in enumerate(itertools.islice(records, rows)):
        code = codes[index % len(codes)]
        number = f"{code}/T {70000 + run * 4000 + index}-{today.year}" if industry else \
            f"DB32/T {70000 + run * 4000 + index}-{today.year}"
        published = today - timedelta(days=5 + index % 40)
        row = {k: v for k, v in record.items() if k in FIELDS and k not in ("replaces", "references", "amendments",
                                                                              "abolished_on", "confirmed_on")}
        row.update(identifier=number, published_on=published.isoformat(),
                   implemented_on=(published + timedelta(days=90)).isoformat(),
                   approved_by=organisation.name, notice_number=f"{today.year}年第{run * 10 + index // 100 + 1}号",
                   notice_date=published.isoformat(), text_file=number.replace("/", "") + ".pdf")
        if replaceable and index % 10 == 0:
            row["replaces"] = [replaceable[index % len(replaceable)]]
        data_rows.append(row)
        standard = Standard(identifier=number, title_zh=row["title_zh"], title_en=row.get("title_en", ""),
                            scope=row.get("scope", ""), competent_department=row.get("competent_department", ""),
                            responsible_unit=row.get("responsible_unit", ""), issued_by=[organisation.name])
        texts[row["text_file"]] = render_standard_pdf(standard, references=record.get("references", []))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in texts.items():
            archive.writestr(name, content)
    if fmt == "jsonl":
        import json

        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data_rows).encode()
    else:
        from biaozhun.core.spreadsheets import Workbook

        columns = [*COLUMNS, "competent_department", "issued_by"]
        book = Workbook()
        sheet = book.sheet("备案")
        sheet.append([header_label(c) for c in columns])
        for r in data_rows:
            sheet.append([";".join(r[c]) if isinstance(r.get(c), list) else r.get(c, "") for c in columns])
        data = book.to_bytes()
    return data, out.getvalue()


def instrument() -> None:
    from biaozhun.filing.checks import coordination, numbers, replacement, wording
    from biaozhun.filing.services import batch, batch_rows, checking, submission

    wrap(batch, "receive_batch", "upload")
    wrap_phase(batch, "_check", "check pass", "check")
    wrap_phase(batch, "_file_rows", "filing pass", "filing")
    wrap(batch_rows, "read_text", "unzip texts")
    wrap(batch, "read_text", "unzip texts")
    wrap(submission, "check_text", "PDF checks")
    wrap(batch_rows, "clean_input", "row validation")  # the check pass's cleaning, PDF checks inside
    wrap(submission, "clean_input", "filing: cleaning")  # submit_filing's own, PDF check inside
    wrap(submission, "extract_words", "text extraction")
    wrap(checking, "run_checks", "checks")
    for name in ("number_well_formed", "code_owned", "not_in_catalogue", "year_matches_date", "filed_in_time"):
        wrap(numbers, name, "checks: number, ownership, catalogue, year, deadline")
    wrap(replacement, "replaced_standard", "checks: replacement")
    wrap(coordination, "coordination", "checks: coordination")
    wrap(wording, "restrictive_wording", "checks: wording")


def one_run(people, run: int, rows: int, fmt: str) -> list[dict]:
    from biaozhun.core.actors import SYSTEM
    from biaozhun.filing.models import FilingBatchState
    from biaozhun.filing.services import batch as service

    results = []
    for organisation, user in people:
        data, texts = batch_files(organisation, run, rows, fmt)
        TIMES.clear()
        started = time.perf_counter()
        received = service.receive_batch(actor=user, authority=organisation,
                                         data=service.Upload(f"batch.{fmt}", io.BytesIO(data)),
                                         texts=service.Upload("texts.zip", io.BytesIO(texts)))
        done = service.process_batch(actor=SYSTEM, batch_id=received.pk)
        total = time.perf_counter() - started
        assert done.state == FilingBatchState.DONE and done.filed == rows, (done.state, done.filed, done.errors[:5])
        results.append({"authority": organisation.name, "total": total, "zip_mb": len(texts) / 1e6,
                        "data_kb": len(data) / 1e3, **TIMES})
        print(f"run {run} {organisation.name}: {total:.1f} s for {rows} filings (ZIP {len(texts) / 1e6:.1f} MB) "
              + ", ".join(f"{k} {v:.1f}" for k, v in TIMES.items() if "(" not in k), flush=True)
    return results


def report(results: list[dict], rows: int) -> None:
    by_authority = defaultdict(list)
    for result in results:
        by_authority[result["authority"]].append(result)
    for authority, runs in by_authority.items():
        median = {key: statistics.median(r.get(key, 0.0) for r in runs) for key in runs[0] if key != "authority"}
        print(f"\n{authority}: median of {len(runs)} runs, {rows} filings: {median['total']:.1f} s "
              f"({rows / median['total']:.0f} filings/s), ZIP {median['zip_mb']:.1f} MB")

        def get(key: str, median=median) -> float:
            return median.get(key, 0.0)

        checks = get("checks")
        lines = [
            ("upload (sizes, ZIP directory, SHA-256, storing)", get("upload")),
            ("check pass", get("check pass")),
            ("  record and notice cleaning", get("row validation") - get("PDF checks (check)")),
            ("  PDF checks (core/uploads.check_pdf)", get("PDF checks (check)")),
            ("  unzipping the texts", get("unzip texts (check)")),
            ("filing pass", get("filing pass")),
            ("  cleaning again in submit_filing", get("filing: cleaning") - get("PDF checks (filing)")),
            ("  PDF checks again in submit_filing", get("PDF checks (filing)")),
            ("  unzipping the texts", get("unzip texts (filing)")),
            ("  text extraction", get("text extraction")),
            ("  checks", checks),
            ("    coordination", get("checks: coordination")),
            ("    wording", get("checks: wording")),
            ("    number, ownership, catalogue, year, deadline", get(
                "checks: number, ownership, catalogue, year, deadline")),
            ("    replacement", get("checks: replacement")),
            ("  writes (rows, files, events, counters) and the rest",
             get("filing pass") - get("filing: cleaning") - get("unzip texts (filing)") - get("text extraction")
             - checks),
        ]
        for label, seconds in lines:
            print(f"| {label} | {seconds:.1f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var", default=str(ROOT / "bench/out/filing-batch"))
    parser.add_argument("--scale", choices=sorted(SCALES), default="regional")
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=["xlsx", "jsonl"], default="xlsx")
    args = parser.parse_args()
    var = Path(args.var) / args.scale
    var.mkdir(parents=True, exist_ok=True)
    args.var = str(var)
    os.environ.update(django_env(DJANGO_SETTINGS_MODULE="biaozhun.settings", BIAOZHUN_VAR_DIR=str(var),
                                 DATABASE_URL=f"sqlite:///{var / 'bench.sqlite3'}", ALLOWED_HOSTS="testserver",
                                 EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"))
    import django

    django.setup()
    setup(args)
    from biaozhun.catalog.models import Standard

    print(f"catalogue: {Standard.objects.count():,} editions "
          f"({', '.join(f'{t} {n:,}' for t, n in _tiers())}), search index built", flush=True)
    people = authorities()
    instrument()
    results = []
    for run in range(1, args.runs + 1):
        results += one_run(people, run + _runs_done(), args.rows, args.format)
    report(results, args.rows)


def _tiers():
    from django.db.models import Count

    from biaozhun.catalog.models import Standard

    return list(Standard.objects.values_list("tier").annotate(n=Count("id")).order_by("-n"))


def _runs_done() -> int:
    """Runs of earlier invocations (their numbers are taken)."""
    from biaozhun.filing.models import FilingBatch

    return FilingBatch.objects.count()


if __name__ == "__main__":
    main()
