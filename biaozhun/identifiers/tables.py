"""Code tables the grammar validates against: industry, engineering, province and city codes.

`default_tables()` reads the CSVs shipped in biaozhun/reference/data/; the Django side builds its own
`CodeTables` from the editable database tables and passes it to `parse(text, tables)`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "reference" / "data"

# One-character province abbreviations used by regional metrology documents, e.g. JJG(京) 31-2013.
PROVINCE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
        "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
        "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51",
        "黔": "52", "贵": "52", "滇": "53", "云": "53", "藏": "54", "陕": "61", "秦": "61", "甘": "62",
        "陇": "62", "青": "63", "宁": "64", "新": "65", "台": "71", "港": "81", "澳": "82",
    }
)  # fmt: skip


def _frozen(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip().upper() for v in values if v and v.strip())


@dataclass(frozen=True, eq=False)
class CodeTables:
    """Known codes. Any iterables are accepted and stored as frozensets of upper-case strings.

    industry_codes: two-letter industry standard codes (JB, YY, DB = earthquake, ...).
    engineering_codes: engineering-construction codes of industry tier (JGJ, CJJ, JTG, TSG, ...).
    province_codes: two-digit GB/T 2260 codes valid in DBnn; city_codes: four-digit prefecture codes (DBnnnn).
    """

    industry_codes: frozenset[str]
    engineering_codes: frozenset[str]
    province_codes: frozenset[str]
    city_codes: frozenset[str]
    province_abbreviations: Mapping[str, str] = field(default_factory=lambda: PROVINCE_ABBREVIATIONS)
    _compiled: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("industry_codes", "engineering_codes", "province_codes", "city_codes"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        object.__setattr__(self, "province_abbreviations", MappingProxyType(dict(self.province_abbreviations)))

    @classmethod
    def from_directory(cls, directory: Path = DATA_DIR) -> CodeTables:
        """Read industry_codes.csv, engineering_codes.csv, province_codes.csv and region_codes.csv."""
        regions = _column(directory / "region_codes.csv", "code", level="city")
        return cls(
            industry_codes=_column(directory / "industry_codes.csv", "code"),
            engineering_codes=_column(directory / "engineering_codes.csv", "code"),
            province_codes=_column(directory / "province_codes.csv", "code"),
            city_codes=regions,
        )


def _column(path: Path, name: str, level: str | None = None) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        return [row[name] for row in rows if row.get(name) and (level is None or row.get("level") == level)]


@lru_cache(maxsize=1)
def default_tables() -> CodeTables:
    """The tables shipped with the code, loaded once."""
    return CodeTables.from_directory()
