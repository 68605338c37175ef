"""Share of ISO/IEC identifiers read correctly by biaozhun.identifiers (issue 14: goal >= 99 %).

    .venv/bin/python bench/iso_iec_share.py                      # the sets in tests/identifiers/data
    .venv/bin/python bench/iso_iec_share.py --holdout            # the held-out set (iso_iec_holdout.tsv)
    .venv/bin/python bench/iso_iec_share.py list.txt other.tsv   # any lists

A line "input<TAB>expected" counts as correct when the input reads as that canonical form, or, for an expected
error code (a word without spaces or digits: committee_document, directives...), when it is refused with that code.
A line without a tab (an unchecked list of identifiers, one per line) counts as read when it is not refused. Prints
the share per file, overall, the refusals by code, and the first wrong lines.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from biaozhun.identifiers import IdentifierError, parse  # noqa: E402

DATA = ROOT / "tests" / "identifiers" / "data"
DEFAULT = [DATA / name for name in ("iso_iec_publications.tsv", "iso_iec_double_numbers.tsv", "iso_iec_written.tsv",
                                     "iso_iec_refused.tsv")]
HOLDOUT = DATA / "iso_iec_holdout.tsv"  # real identifiers from other parsers' test data, not written with the grammar
CODE = re.compile(r"[a-z_]+")


def check(path: Path) -> tuple[int, int, collections.Counter[str], list[str]]:
    """(lines, lines read correctly, refusals by code, wrong lines)."""
    total = correct = 0
    codes: collections.Counter[str] = collections.Counter()
    wrong = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, tab, expected = line.partition("\t")
        expected = expected or text
        total += 1
        try:
            got, code = parse(text).canonical, None
        except IdentifierError as error:
            got, code = None, error.code
            codes[code] += 1
        if not tab:
            ok = code is None
        elif CODE.fullmatch(expected):
            ok = code == expected
        else:
            ok = got == expected
        correct += ok
        if not ok:
            wrong.append(f"{text!r}: expected {expected!r}, got {got if code is None else '!' + code}")
    return total, correct, codes, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--holdout", action="store_true", help=f"check {HOLDOUT.name} (with the files given)")
    parser.add_argument("--show", type=int, default=20, help="wrong lines to print")
    args = parser.parse_args()
    args.files = args.files + [HOLDOUT] if args.holdout else args.files or DEFAULT
    all_total = all_correct = 0
    all_codes: collections.Counter[str] = collections.Counter()
    all_wrong: list[str] = []
    for path in args.files:
        total, correct, codes, wrong = check(path)
        all_total, all_correct = all_total + total, all_correct + correct
        all_codes.update(codes)
        all_wrong += wrong
        share = correct / total if total else 0.0
        print(f"{path.name:40s} {correct:6,d} / {total:6,d} read correctly  {share:8.2%}")
    share = all_correct / all_total if all_total else 0.0
    print(f"{'all':40s} {all_correct:6,d} / {all_total:6,d} read correctly  {share:8.2%}")
    if all_codes:
        print("refused, by code: " + ", ".join(f"{code} {n}" for code, n in all_codes.most_common()))
    refusals = [line for line in all_wrong if CODE.fullmatch(line.split("expected '", 1)[1].split("'", 1)[0])]
    print(f"wrong: {len(all_wrong)} ({len(all_wrong) - len(refusals)} publications, {len(refusals)} refusals)")
    for line in all_wrong[: args.show]:
        print("  wrong:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
