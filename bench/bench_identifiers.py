"""Throughput of biaozhun.identifiers: parse() and the command-line path, on unique generated inputs.

    .venv/bin/python bench/bench_identifiers.py [--count 300000] [--runs 5] [--subprocess] [--iso-iec]

Inputs are a deterministic mix of every tier (mostly database-style text, about a third noisy: em dashes,
full-width forms, lower case, missing spaces, two-digit years, double numbers, amendments). Every input is
distinct, so no cache could help; parse() has none. Prints identifiers/s as the median of the runs.
--iso-iec also times parse() over the ISO/IEC test sets (tests/identifiers/data: every class of issue 14, about 1,100
lines, cycled up to --count).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from biaozhun.identifiers import IdentifierError, default_tables, parse  # noqa: E402
from biaozhun.identifiers.__main__ import main  # noqa: E402
from biaozhun.identifiers.api import parse_full  # noqa: E402

FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/-."}


def _year(rng: random.Random) -> str:
    year = rng.randint(1985, 2024)
    return f"{year % 100:02d}" if year < 1995 and rng.random() < 0.5 else str(year)


def _chinese(rng: random.Random, tables) -> str:
    kind = rng.choices(["national", "industry", "local", "group", "enterprise"], [35, 28, 17, 12, 8])[0]
    number = str(rng.randint(1, 99999))
    if kind == "national":
        prefix = rng.choices(["GB/T", "GB", "GB/Z", "GBZ", "JJF", "JJG", "GJB"], [60, 25, 3, 3, 3, 3, 3])[0]
        if rng.random() < 0.25:
            number += f".{rng.randint(1, 30)}"
    elif kind == "industry":
        code = rng.choice(sorted(tables.industry_codes))
        prefix = code + rng.choice(["/T", "/T", ""])
        if rng.random() < 0.03:
            prefix = rng.choice(["JGJ", "JGJ/T", "CJJ/T", "JTG", "NB/SH/T"])
    elif kind == "local":
        region = rng.choice(sorted(tables.province_codes) * 3 + sorted(tables.city_codes))
        return f"DB{region}/T {number}-{_year(rng)}" if rng.random() < 0.9 else f"DB{region}/{number}-{_year(rng)}"
    elif kind == "group":
        org = "".join(rng.choice("ABCDEFGHJKLMNPQRSTWXYZ") for _ in range(rng.randint(2, 5)))
        prefix = f"T/{org}"
        number = number.zfill(rng.choice([3, 4, 0]))
    else:
        org = "".join(rng.choice("ABCDEFGHJKLMNPQRSTWXYZ") for _ in range(rng.randint(2, 4)))
        prefix = f"Q/{org}"
        number = number.zfill(3)
    text = f"{prefix} {number}-{_year(rng)}" if rng.random() < 0.93 else f"{prefix} {number}"
    extra, dated = rng.random(), text.rsplit("-", 1)[-1].isdigit()
    if extra < 0.05 and dated:
        text += f"/ISO {rng.randint(100, 50000)}:{rng.randint(1990, 2023)}"
    elif extra < 0.07 and dated:
        text += f"/XG{rng.randint(1, 3)}-{rng.randint(2010, 2024)}"
    return text


def _international(rng: random.Random) -> str:
    prefix = rng.choices(["ISO", "IEC", "ISO/IEC", "ISO/TR", "IEC TS", "ISO/DIS"], [55, 20, 12, 5, 4, 4])[0]
    number = str(rng.randint(100, 82000))
    if rng.random() < 0.35:
        number += "".join(f"-{rng.randint(1, 30)}" for _ in range(rng.randint(1, 2)))
    if prefix == "ISO/DIS":
        return f"{prefix} {number}"
    text = f"{prefix} {number}:{rng.randint(1990, 2024)}"
    if rng.random() < 0.06:
        text += "/Amd 1:2020" if prefix.startswith("ISO") else "/AMD1:2020"
    return text


def _noisy(rng: random.Random, text: str) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return text.replace("-", "—")
    if choice == 1:
        return "".join(FULL_WIDTH.get(c, c) for c in text).replace(" ", "\u3000")
    if choice == 2:
        return text.lower()
    if choice == 3:
        return text.replace(" ", "", 1)
    if choice == 4:
        return text.replace("/", " / ", 1)
    return f"{text}。"


def inputs(count: int, seed: int = 20240601) -> list[str]:
    rng, tables = random.Random(seed), default_tables()
    seen: dict[str, None] = {}
    while len(seen) < count:
        text = _international(rng) if rng.random() < 0.12 else _chinese(rng, tables)
        if rng.random() < 0.33:
            text = _noisy(rng, text)
        seen[text] = None
    return list(seen)


def iso_iec_lines() -> list[str]:
    """The inputs of the ISO/IEC test sets (decision 0033), publications and refusals alike."""
    lines = []
    for path in sorted((ROOT / "tests" / "identifiers" / "data").glob("iso_iec_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                lines.append(line.split("\t", 1)[0])
    return lines


def rate(function: Callable[[], object], count: int, runs: int) -> tuple[float, list[float]]:
    per_run = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        per_run.append(count / (time.perf_counter() - start))
    return statistics.median(per_run), per_run


def _parse_all(texts: list[str], parser: Callable[[str], object]) -> Callable[[], int]:
    def run() -> int:
        failed = 0
        for text in texts:
            try:
                parser(text)
            except IdentifierError:
                failed += 1
        return failed

    return run


def _cli_in_process(texts: list[str]) -> Callable[[], None]:
    data = "\n".join(texts) + "\n"

    def run() -> None:
        main(io.StringIO(data), io.StringIO())

    return run


def _cli_subprocess(texts: list[str]) -> Callable[[], None]:
    data = ("\n".join(texts) + "\n").encode()

    def run() -> None:
        command = [sys.executable, "-m", "biaozhun.identifiers"]
        subprocess.run(command, input=data, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)

    return run


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--subprocess", action="store_true", help="also time python -m biaozhun.identifiers")
    parser.add_argument("--iso-iec", action="store_true", help="also time parse() on the ISO/IEC test sets")
    args = parser.parse_args()
    texts = inputs(args.count)
    failed = _parse_all(texts, parse)()
    print(f"{len(texts):,} unique inputs, {failed:,} rejected ({failed / len(texts):.2%}); median of {args.runs} runs")
    cases = [
        ("parse()", _parse_all(texts, parse)),
        ("full parser only (no fast path)", _parse_all(texts, parse_full)),
        ("CLI path in process (parse + JSON)", _cli_in_process(texts)),
    ]
    if args.subprocess:
        cases.append(("python -m biaozhun.identifiers (incl. start-up)", _cli_subprocess(texts)))
    if args.iso_iec:
        lines = iso_iec_lines()
        cycled = (lines * (len(texts) // len(lines) + 1))[: len(texts)]
        cases.append((f"parse() on the ISO/IEC sets ({len(lines):,} lines)", _parse_all(cycled, parse)))
    for name, function in cases:
        median, per_run = rate(function, len(texts), args.runs)
        runs = ", ".join(f"{r:,.0f}" for r in per_run)
        print(f"{name:48s} {median:>10,.0f} identifiers/s   (runs: {runs})")


if __name__ == "__main__":
    main_bench()
