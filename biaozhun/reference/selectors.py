"""Reads of the reference tables other apps share."""

from biaozhun.identifiers import CodeTables
from biaozhun.rules.workdays import WorkingCalendar

from .models import CalendarDay, CalendarYear, IcsCode, IndustryClass, IndustryCode, RegionCode


def working_calendar() -> WorkingCalendar:
    """The holiday calendar as administrators last edited it."""
    return WorkingCalendar.from_days(
        CalendarDay.objects.values_list("day", "is_workday"),
        CalendarYear.objects.values_list("year", flat=True),
    )


def code_tables() -> CodeTables:
    """Identifier validation tables built from the editable database tables."""
    industry = dict(IndustryCode.objects.filter(is_active=True).values_list("code", "kind"))
    regions = dict(RegionCode.objects.values_list("code", "level"))
    return CodeTables(
        industry_codes=frozenset(c for c, k in industry.items() if k == IndustryCode.Kind.INDUSTRY),
        engineering_codes=frozenset(c for c, k in industry.items() if k == IndustryCode.Kind.ENGINEERING),
        province_codes=frozenset(c for c, lvl in regions.items() if lvl == RegionCode.Level.PROVINCE),
        city_codes=frozenset(c for c, lvl in regions.items() if lvl == RegionCode.Level.CITY),
    )


def ics_classes(codes: list[str]) -> list[tuple[str, str]]:
    """(code, English name) of each ICS code, in the order given; "" for a code the table does not know.
    The reference table has English names only (ISO publishes no Chinese ones), so every reader sees those."""
    names = dict(IcsCode.objects.filter(code__in=codes).values_list("code", "name_en"))
    return [(code, names.get(code, "")) for code in codes]


def industry_class_codes() -> frozenset[str]:
    """Every code of the GB/T 4754 table as administrators last edited it (C, C38, C383, ...)."""
    return frozenset(IndustryClass.objects.values_list("code", flat=True))


def industry_classes(codes: list[str]) -> list[tuple[str, str]]:
    """(code, Chinese name) of each GB/T 4754 code, in the order given; "" for a code the table does not know.
    The classification is published in Chinese only, so every reader sees the Chinese names."""
    names = dict(IndustryClass.objects.filter(code__in=codes).values_list("code", "name_zh"))
    return [(code, names.get(code, "")) for code in codes]
