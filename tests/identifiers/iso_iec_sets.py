"""The ISO/IEC test sets in tests/identifiers/data: rows of "input<TAB>expected" (expected canonical form, empty when
the input is canonical, or the expected error code). Shared by the tests and
bench/iso_iec_share.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FILES = ("iso_iec_publications.tsv", "iso_iec_double_numbers.tsv", "iso_iec_written.tsv", "iso_iec_refused.tsv")
HOLDOUT = "iso_iec_holdout.tsv"  # real identifiers from other parsers' public test data (decision 0033)
CODE = re.compile(r"[a-z_]+")  # an expected error code instead of a canonical form


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    text: str
    expected: str  # canonical form, or the error code for a refused row
    refused: bool

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text}"


def rows(names: tuple[str, ...] = FILES) -> list[Row]:
    out = []
    for name in names:
        for number, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            text, _, expected = line.partition("\t")
            out.append(Row(name, number, text, expected or text, bool(CODE.fullmatch(expected))))
    return out
