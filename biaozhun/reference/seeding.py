"""Load the reference tables from biaozhun/reference/data/ (CSV) and the chinese-calendar package.

Idempotent: rows are upserted by code, so rerunning after a data update changes only what changed, and
administrators' own additions are kept. Codes an administrator edited keep their edits unless `overwrite`.
"""

import csv
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from .models import CalendarDay, CalendarYear, CcsCode, IcsCode, IndustryClass, IndustryCode, RegionCode

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> Iterator[list[str]]:
    with open(DATA_DIR / name, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # header
        for row in reader:
            if row and row[0].strip():
                yield [cell.strip() for cell in row]


def _upsert(model, objects: list, fields: list[str], overwrite: bool) -> int:
    existing = set(model.objects.values_list("pk", flat=True))
    new = [obj for obj in objects if obj.pk not in existing]
    model.objects.bulk_create(new, batch_size=500)
    if overwrite:
        model.objects.bulk_update([obj for obj in objects if obj.pk in existing], fields, batch_size=500)
    return len(new)


def ccs_class_names_en() -> dict[str, str]:
    """The English names of the 24 CCS classes (our translation; the classification is published in Chinese)."""
    return {code: name for code, name in _rows("ccs/cat-level1-en.csv")}


def seed_ccs(overwrite: bool = False) -> int:
    english = ccs_class_names_en()
    level1 = [CcsCode(code=r[0], name_zh=r[1], name_en=english.get(r[0], ""), level=1)
              for r in _rows("ccs/cat-level1.csv")]
    level2 = [CcsCode(code=r[0], name_zh=r[1], level=2, parent_id=r[2], notes=r[3]) for r in _rows("ccs/cat-level2.csv")]
    level3 = [CcsCode(code=r[0], name_zh=r[1], level=3, parent_id=r[2], notes=r[3]) for r in _rows("ccs/cat-level3.csv")]
    fields = ["name_zh", "name_en", "level", "parent", "notes"]
    return sum(_upsert(CcsCode, rows, fields, overwrite) for rows in (level1, level2, level3))


def seed_ics(overwrite: bool = False) -> int:
    levels: dict[int, list[IcsCode]] = {1: [], 2: [], 3: []}
    for code, name_en, _full in _rows("ics_ed7.csv"):
        level = code.count(".") + 1
        parent = code.rsplit(".", 1)[0] if level > 1 else None
        levels[level].append(IcsCode(code=code, name_en=name_en, level=level, parent_id=parent))
    return sum(_upsert(IcsCode, levels[lvl], ["name_en", "level", "parent"], overwrite) for lvl in (1, 2, 3))


def seed_industry_codes(overwrite: bool = False) -> int:
    rows = [
        IndustryCode(code=code, name_zh=name, note=note, verified="verify" not in note)
        for code, name, note in _rows("industry_codes.csv")
    ]
    engineering = DATA_DIR / "engineering_codes.csv"
    if engineering.exists():
        rows += [
            IndustryCode(code=r[0], name_zh=r[1], kind=IndustryCode.Kind.ENGINEERING)
            for r in _rows("engineering_codes.csv")
        ]
    return _upsert(IndustryCode, rows, ["name_zh", "kind", "note", "verified"], overwrite)


def seed_industry_classes(overwrite: bool = False) -> int:
    """GB/T 4754-2017: 20 sections, 97 divisions, 473 groups (data/industry_classes.csv, parents first)."""
    levels: dict[int, list[IndustryClass]] = {1: [], 2: [], 3: []}
    for code, name, level, parent in _rows("industry_classes.csv"):
        levels[int(level)].append(IndustryClass(code=code, name_zh=name, level=int(level), parent_id=parent or None))
    fields = ["name_zh", "level", "parent"]
    return sum(_upsert(IndustryClass, levels[level], fields, overwrite) for level in (1, 2, 3))


def seed_region_codes(overwrite: bool = False) -> int:
    provinces = [RegionCode(code=r[0], name_zh=r[1], level=RegionCode.Level.PROVINCE) for r in _rows("province_codes.csv")]
    cities = []
    if (DATA_DIR / "region_codes.csv").exists():
        cities = [
            RegionCode(code=r[0], name_zh=r[1], level=RegionCode.Level.CITY, parent_id=r[3])
            for r in _rows("region_codes.csv")
            if r[2] == RegionCode.Level.CITY
        ]
    fields = ["name_zh", "level", "parent"]
    return _upsert(RegionCode, provinces, fields, overwrite) + _upsert(RegionCode, cities, fields, overwrite)


def seed_calendar(overwrite: bool = False) -> int:
    """Holidays and make-up working days for every year the chinese-calendar package knows."""
    from chinese_calendar import constants

    days = [CalendarDay(day=d, name=str(name), is_workday=False) for d, name in constants.holidays.items()]
    days += [CalendarDay(day=d, name=str(name), is_workday=True) for d, name in constants.workdays.items()]
    years = sorted({d.year for d in constants.holidays})
    count = _upsert(CalendarDay, days, ["name", "is_workday"], overwrite)
    _upsert(CalendarYear, [CalendarYear(year=y, source="chinese-calendar") for y in years], ["source"], overwrite)
    return count


@transaction.atomic
def seed_all(overwrite: bool = False) -> dict[str, int]:
    return {
        "ccs": seed_ccs(overwrite),
        "ics": seed_ics(overwrite),
        "industry": seed_industry_codes(overwrite),
        "industry_classes": seed_industry_classes(overwrite),
        "region": seed_region_codes(overwrite),
        "calendar": seed_calendar(overwrite),
    }
